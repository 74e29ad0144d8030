// Types for embedded-postgres.mjs (imported by the TypeScript test harness).
export declare const EMBEDDED_SUPERUSER: string;
export declare const EMBEDDED_PASSWORD: string;
export declare function freePort(): Promise<number>;
export declare function isPortFree(port: number): Promise<boolean>;
export interface EmbeddedPostgres {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}
export declare function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  notice?: (message: string) => void;
}): Promise<EmbeddedPostgres>;
