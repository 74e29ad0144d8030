// The tenant-bound client's reads, one pipelined transaction each (docs/performance.md,
// scenario 2). RLS needs the tenant set in the same transaction as the query; Prisma's own
// interactive transaction costs more than the query itself, so single reads do it here, at
// the driver: while `asTenantStatement(tenantId, …)` runs, a query Prisma's adapter sends
// through the pool becomes
//
//   BEGIN READ ONLY;  SELECT app_set_tenant($1);  <the query>;  COMMIT
//
// on one connection, written at once (pg's pipeline mode, https://node-postgres.com/features/
// pipelining) and answered in one round trip. The tenant is a bound parameter and local to
// that transaction, so nothing of it outlives the statement on the pooled connection (and it
// is safe behind a transaction-mode pooler). Writes, and anything Prisma runs in a transaction
// of its own, keep the interactive transaction of lib/db/tenant.ts: a tenant statement that
// asks the pool for a connection of its own is refused rather than run without the tenant.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

const tenantStatement = new AsyncLocalStorage<string>();

/** Pools made by routeTenantStatements(), and the clients on them (see usesTenantStatements). */
const routedClients = new WeakSet<object>();

export class TenantStatementError extends Error {
  override name = "TenantStatementError";
}

/** Runs `read` with its queries sent as tenant statements of `tenantId` (already validated). */
export function asTenantStatement<T>(tenantId: string, read: () => Promise<T>): Promise<T> {
  return tenantStatement.run(tenantId, read);
}

/** True when `client` (a PrismaClient) sits on a pool that routes tenant statements. */
export function usesTenantStatements(client: object): boolean {
  return routedClients.has(client);
}

/** Marks `client` as built on a routed pool (lib/db/client.ts, for each PrismaClient it makes). */
export function markTenantStatementClient(client: object): void {
  routedClients.add(client);
}

/** Pool options the routing needs: pipeline mode, so the four statements go out together. */
export const TENANT_STATEMENT_POOL_OPTIONS = { pipeline: true } as const;

type QueryConfig = pg.QueryConfig & { rowMode?: string; types?: unknown };

/**
 * Installs the routing on `pool` (created with TENANT_STATEMENT_POOL_OPTIONS): `pool.query`
 * inside asTenantStatement() runs as a tenant statement; `pool.connect` inside it is refused.
 * Outside, both behave as pg's.
 */
export function routeTenantStatements(pool: pg.Pool): void {
  if (!(pool.options as { pipeline?: boolean }).pipeline) {
    throw new TenantStatementError("routeTenantStatements needs a pool created in pipeline mode");
  }
  const plainQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const plainConnect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;

  (pool as { query: unknown }).query = (...args: unknown[]) => {
    const tenantId = tenantStatement.getStore();
    if (tenantId === undefined) return plainQuery(...args);
    const [config, values] = args;
    if (typeof config !== "object" || config === null || values !== undefined || args.length > 1) {
      // Prisma's adapter passes one config object and awaits the promise; nothing else may run here.
      throw new TenantStatementError("a tenant statement takes one query config object");
    }
    return queryAsTenant(pool, tenantId, config as QueryConfig);
  };

  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    if (tenantStatement.getStore() !== undefined) {
      const error = new TenantStatementError(
        "a tenant-bound read asked for a transaction of its own; run it through db.$transaction() or as a write",
      );
      const callback = args[0];
      if (typeof callback === "function") return void callback(error);
      return Promise.reject(error);
    }
    return plainConnect(...args);
  };
}

// BEGIN and COMMIT go as simple queries (one message each); the setter is a named statement,
// parsed once per connection, then only bound and executed.
const BEGIN = "BEGIN READ ONLY";
const SET_TENANT = { name: "tenantry_set_tenant", text: "SELECT app_set_tenant($1::uuid)" };
const COMMIT = "COMMIT";

async function queryAsTenant(pool: pg.Pool, tenantId: string, config: QueryConfig): Promise<pg.QueryResult> {
  // Our own connection: taken outside the tenant context, so the guard above lets it through.
  const client = await tenantStatement.exit(() => pool.connect());
  let broken: Error | undefined;
  try {
    const [begin, setTenant, result, commit] = await Promise.allSettled([
      client.query(BEGIN),
      client.query({ ...SET_TENANT, values: [tenantId] }),
      client.query(config),
      client.query(COMMIT), // after a failed statement PostgreSQL answers ROLLBACK
    ]);
    // The query's own error first: Prisma's adapter maps it (unique violation, timeout…).
    for (const step of [result, begin, setTenant, commit]) {
      if (step.status === "rejected") {
        if (!(step.reason instanceof pg.DatabaseError)) broken = step.reason as Error;
        throw step.reason;
      }
    }
    return (result as PromiseFulfilledResult<pg.QueryResult>).value;
  } finally {
    // A connection that failed below SQL (socket, protocol) is destroyed, not reused.
    client.release(broken);
  }
}
