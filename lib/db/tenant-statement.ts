// The tenant-bound client's reads, one pipelined transaction each (docs/performance.md,
// scenario 2). RLS needs the tenant set in the same transaction as the query; Prisma's own
// interactive transaction costs more than the query itself, so single reads do it here, at
// the driver: while `asTenantStatement(tenantId, …)` runs, a query Prisma's adapter sends
// through the pool becomes
//
//   BEGIN READ ONLY; SET LOCAL app.tenant_id = '<uuid>'   (one simple-protocol message)
//   <the query>                                           (Prisma's, prepared, bound)
//   COMMIT
//
// on one connection, written at once (pg's pipeline mode, https://node-postgres.com/features/
// pipelining) and answered in one round trip. The setting is local to that transaction, so
// nothing of it outlives the statement on the pooled connection (and it is safe behind a
// transaction-mode pooler); SET LOCAL is also what Citus propagates to its workers.
//
// Why a literal and not app_set_tenant($1), the bound-parameter setter writes use: SET takes no
// parameters, so the setter is a plpgsql function running SET through EXECUTE, and that call
// was the largest single cost left on a read (8 % of the deal aggregate, docs/performance.md).
// The literal is safe by construction: the id must match the strict lowercase UUID pattern
// right here, before it is written into the text — it can hold only hex digits and hyphens.
//
// Writes, and anything Prisma runs in a transaction of its own, keep the interactive
// transaction of lib/db/tenant.ts: a tenant statement that asks the pool for a connection of
// its own is refused rather than run without the tenant.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

const tenantStatement = new AsyncLocalStorage<string>();

/** Pools made by routeTenantStatements(), and the clients on them (see usesTenantStatements). */
const routedClients = new WeakSet<object>();

export class TenantStatementError extends Error {
  override name = "TenantStatementError";
}

/** A tenant id as forTenant() accepts it: a UUID in canonical lowercase form. */
export const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Runs `read` with its queries sent as tenant statements of `tenantId` (checked in beginAs). */
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

/** Pool options the routing needs: pipeline mode, so the three messages go out together. */
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

/** The transaction's first message: BEGIN and the tenant setting (see the header). */
function beginAs(tenantId: string): string {
  // Checked here, where it becomes SQL text, whatever any caller checked before.
  if (!TENANT_ID.test(tenantId)) throw new TenantStatementError("a tenant statement needs a tenant id (lowercase uuid)");
  return `BEGIN READ ONLY; SET LOCAL app.tenant_id = '${tenantId}'`;
}
const COMMIT = "COMMIT";

async function queryAsTenant(pool: pg.Pool, tenantId: string, config: QueryConfig): Promise<pg.QueryResult> {
  const begin = beginAs(tenantId); // before a connection is taken: a bad id sends nothing
  // Our own connection: taken outside the tenant context, so the guard above lets it through.
  const client = await tenantStatement.exit(() => pool.connect());
  let broken: Error | undefined;
  try {
    const [started, result, committed] = await Promise.allSettled([
      client.query(begin),
      client.query(config),
      client.query(COMMIT), // after a failed statement PostgreSQL answers ROLLBACK
    ]);
    // The query's own error first: Prisma's adapter maps it (unique violation, timeout…).
    for (const step of [result, started, committed]) {
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
