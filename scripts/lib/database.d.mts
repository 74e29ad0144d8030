// Types for database.mjs (imported by the TypeScript test harness).
import type pg from "pg";
import type { EmbeddedPostgres } from "./embedded-postgres.mjs";

type Logger = (message: string) => void;
type Env = Record<string, string | undefined>;

export declare const ROOT: string;
export declare const APP_ROLE: string;
export declare const APP_DATABASE: string;
export declare const DEFAULT_EMBEDDED_PORT: number;
export declare const DEFAULT_APP_DB_PASSWORD: string;

export declare function log(message: string): void;
export declare function dataRoot(env?: Env): string;
export declare function withDatabase(url: string, database: string): string;
export declare function deriveAppUrl(ownerUrl: string, password: string): string;
export declare function describeUrl(url: string): string;
export declare function appPassword(ownerUrl: string, env?: Env): string;
export declare function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;

export interface OpenDatabase {
  ownerUrl: string;
  embedded: EmbeddedPostgres | null;
  stop(): Promise<void>;
}
export declare function openDatabase(options?: { env?: Env; logger?: Logger }): Promise<OpenDatabase>;
export declare function ensureDatabaseExists(url: string, logger?: Logger): Promise<boolean>;

export declare function runPrismaCli(
  args: string[],
  options?: { ownerUrl?: string; inherit?: boolean; env?: Env },
): Promise<{ code: number; signal: NodeJS.Signals | null; output: string }>;
export declare function migrationNames(): string[];
export declare function appliedMigrations(ownerUrl: string): Promise<string[]>;
export declare function migrateDatabase(ownerUrl: string, options?: { logger?: Logger }): Promise<{ applied: string[]; total: number }>;

export declare function scramVerifier(password: string, iterations?: number): string;
export declare function setAppRolePassword(ownerUrl: string, password: string): Promise<void>;
export declare function appRoleProblems(ownerUrl: string, role?: string): Promise<string[]>;
export declare function ensureAppRole(
  ownerUrl: string,
  options: { appUrl?: string; password?: string; logger?: Logger },
): Promise<string>;
export declare function prepareDatabase(
  ownerUrl: string,
  options?: { appUrl?: string; password?: string; seed?: boolean; logger?: Logger },
): Promise<string>;
export declare function bootstrapDatabase(options?: {
  env?: Env;
  seed?: boolean;
  logger?: Logger;
}): Promise<OpenDatabase & { appUrl: string }>;
