// THE base Prisma client: one pg.Pool per process, connected as the restricted app role
// (APP_DATABASE_URL, role tenantry_app: no superuser, no BYPASSRLS, owns nothing). Everything
// else builds on it: the tenant-bound client (./tenant.ts) and the audited platform escape
// (./cross-tenant.ts). Do not create other PrismaClients or pools in the app.
//
// Created lazily, on first use, and kept on globalThis: importing this module never connects
// or reads the environment (`next build` imports route modules without a database), HMR in
// development does not leak pools, and bundles that evaluate the module more than once still
// share one pool. A missing APP_DATABASE_URL fails the first query with a clear EnvError.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { serverEnv } from "@/lib/config/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Longest a single statement may run (server-side, per connection). */
export const STATEMENT_TIMEOUT_MS = 15_000;
/** A transaction left open and idle this long is ended by the server (releases row locks). */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 15_000;

export type DatabaseClient = { prisma: PrismaClient; pool: pg.Pool };

/**
 * A PrismaClient on its own pg.Pool, with the app's pool settings. The app uses the one
 * below (basePrisma); tests use this to get a client per throwaway database.
 */
export function createDatabaseClient({
  url,
  max = 10,
  applicationName = "tenantry-app",
}: {
  url: string;
  max?: number;
  applicationName?: string;
}): DatabaseClient {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000, // waiting for a connection (pool exhausted or server down)
    idleTimeoutMillis: 30_000,
    application_name: applicationName,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  // An idle connection can fail (server restart, network); without a listener the error
  // would crash the process. The pool drops that connection and opens a new one when needed.
  pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

const globalForDb = globalThis as typeof globalThis & { __tenantryDatabase?: DatabaseClient };

function database(): DatabaseClient {
  if (!globalForDb.__tenantryDatabase) {
    const env = serverEnv();
    globalForDb.__tenantryDatabase = createDatabaseClient({ url: env.APP_DATABASE_URL, max: env.DB_POOL_MAX });
  }
  return globalForDb.__tenantryDatabase;
}

/** Stands for the object `get()` returns, created on first property access. */
function lazy<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get(_, property) {
      const target = get();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    has: (_, property) => Reflect.has(get(), property),
  });
}

/** The process's one base Prisma client, as the app role. Not tenant-bound: see ./tenant.ts. */
export const basePrisma: PrismaClient = lazy(() => database().prisma);

/** The pg.Pool under basePrisma (health checks, diagnostics). */
export const pool: pg.Pool = lazy(() => database().pool);

let lastPingFailed = false;

/**
 * True when `SELECT 1` through the pool answers within `timeoutMs`. Never throws; logs the
 * reason (one line, no stack) when the database goes from up to down.
 */
export async function pingDatabase(timeoutMs = 2_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const result = await Promise.race([pool.query<{ ok: number }>("SELECT 1 AS ok"), timeout]);
    lastPingFailed = false;
    return result.rows[0]?.ok === 1;
  } catch (error) {
    if (!lastPingFailed) console.error(`[db] database check failed: ${error instanceof Error ? error.message : String(error)}`);
    lastPingFailed = true;
    return false;
  } finally {
    clearTimeout(timer);
  }
}
