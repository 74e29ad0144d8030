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
import { isDatabaseUnavailable, markDatabaseAvailable, markDatabaseUnavailable, registerDatabaseProbe } from "@/lib/db/availability";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { limitPreparedStatements, prismaStatementName, STATEMENTS_PER_CONNECTION } from "./statement-cache";
import { markTenantStatementClient, routeTenantStatements, TENANT_STATEMENT_POOL_OPTIONS } from "./tenant-statement";

/** Connection timeouts (defaults; the app takes them from DB_*_MS, lib/config/env.ts). */
export type DatabaseTimeouts = {
  /** Longest a single statement may run (server-side, per connection). */
  statementMs: number;
  /** A transaction left open and idle this long is ended by the server (releases row locks). */
  idleInTransactionMs: number;
  /** Longest a request waits for a pool connection (pool exhausted or server down). */
  connectionMs: number;
  /** Longest a Prisma interactive transaction may run (Prisma's own default is 5 s). */
  transactionMs: number;
};
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { statementMs: 15_000, idleInTransactionMs: 15_000, connectionMs: 5_000, transactionMs: 5_000 };

export type DatabaseClient = { prisma: PrismaClient; pool: pg.Pool };

/**
 * A PrismaClient on its own pg.Pool, with the app's pool settings. The app uses the one
 * below (basePrisma); tests use this to get a client per throwaway database.
 */
export function createDatabaseClient({
  url,
  max = 10,
  applicationName = "tenantry-app",
  timeouts = DEFAULT_TIMEOUTS,
  preparedStatements = STATEMENTS_PER_CONNECTION,
}: {
  url: string;
  max?: number;
  applicationName?: string;
  timeouts?: DatabaseTimeouts;
  /** Prepared statements kept per connection (./statement-cache.ts); 0 runs every query unnamed. */
  preparedStatements?: number;
}): DatabaseClient {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: timeouts.connectionMs,
    idleTimeoutMillis: 30_000,
    application_name: applicationName,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    ...TENANT_STATEMENT_POOL_OPTIONS,
  });
  routeTenantStatements(pool); // the tenant-bound client's reads: ./tenant-statement.ts
  // Prisma's queries prepared once per connection, named by their SQL (0: every query unnamed).
  if (preparedStatements > 0) limitPreparedStatements(pool, preparedStatements);
  // An idle connection can fail (server restart, network); without a listener the error
  // would crash the process. The pool drops that connection and opens a new one when needed.
  pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, preparedStatements > 0 ? { statementNameGenerator: prismaStatementName } : {}),
    transactionOptions: { timeout: timeouts.transactionMs, maxWait: Math.min(2_000, timeouts.connectionMs) },
  });
  markTenantStatementClient(prisma);
  return { prisma, pool };
}

const globalForDb = globalThis as typeof globalThis & { __tenantryDatabase?: DatabaseClient };

function database(): DatabaseClient {
  if (!globalForDb.__tenantryDatabase) {
    const env = serverEnv();
    const timeouts: DatabaseTimeouts = {
      statementMs: env.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectionMs: env.DB_CONNECTION_TIMEOUT_MS,
      transactionMs: env.DB_TRANSACTION_TIMEOUT_MS,
    };
    const client = createDatabaseClient({ url: env.APP_DATABASE_URL, max: env.DB_POOL_MAX, timeouts, preparedStatements: env.DB_PREPARED_STATEMENTS });
    observeAvailability(client.pool, env.DB_POOL_MAX);
    globalForDb.__tenantryDatabase = client;
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
markTenantStatementClient(basePrisma); // the proxy stands for a client createDatabaseClient marked

/** The pg.Pool under basePrisma (health checks, diagnostics). */
export const pool: pg.Pool = lazy(() => database().pool);

/**
 * Reports connection failures of the app's pool to ./availability.ts (the middleware answers
 * 503 while the database is unreachable) and registers the probe it uses to notice recovery.
 */
function observeAvailability(observed: pg.Pool, max: number): void {
  const report = (error: unknown) => {
    if (isDatabaseUnavailable(error)) markDatabaseUnavailable(error instanceof Error ? error.message : String(error));
  };
  type Callback = (error: Error | undefined, ...rest: unknown[]) => void;
  const connect = observed.connect.bind(observed) as (callback?: Callback) => Promise<pg.PoolClient> | undefined;
  // Promise form: Prisma's adapter (transactions); callback form: pool.query (single queries).
  (observed as { connect: unknown }).connect = (callback?: Callback) => {
    if (callback) {
      return connect((error, ...rest) => {
        if (error) report(error);
        callback(error, ...rest);
      });
    }
    return connect()!.catch((error: unknown) => {
      report(error);
      throw error;
    });
  };
  observed.on("error", (error) => {
    if (isDatabaseUnavailable(error)) markDatabaseUnavailable(error.message);
  });
  registerDatabaseProbe(
    (timeoutMs) => pingDatabase(timeoutMs),
    () => ({ total: observed.totalCount, idle: observed.idleCount, waiting: observed.waitingCount, max }),
  );
}

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
    markDatabaseAvailable();
    return result.rows[0]?.ok === 1;
  } catch (error) {
    if (!lastPingFailed) console.error(`[db] database check failed: ${error instanceof Error ? error.message : String(error)}`);
    lastPingFailed = true;
    markDatabaseUnavailable(error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    clearTimeout(timer);
  }
}
