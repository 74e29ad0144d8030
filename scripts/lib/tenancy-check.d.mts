import type { ClientBase } from "pg";
export declare const SECURITY_DEFINER_ALLOWLIST: string[];
export declare const UNGUARDED_TABLES: string[];
export declare function checkTenancy(db: ClientBase, options: { appRole: string; schema?: string }): Promise<string[]>;
