// Prisma's queries as prepared statements, reused per connection: what Prisma's own Rust
// engine did by default (`statement_cache_size`, 100 per connection) and the driver adapter
// offers as `statementNameGenerator`. A reused statement skips parsing and, once PostgreSQL
// settles on a generic plan, planning — including the planning of the RLS policies, which was
// most of what row-level security cost a list query (docs/performance.md).
//
// Two limits keep it safe:
// - At most STATEMENTS_PER_CONNECTION statements stay prepared on a connection, the least
//   recently used evicted (as Prisma's engine did): server memory per connection is bounded
//   whatever SQL shapes the app produces — Prisma writes `IN ($2,$3)` and `IN ($2,$3,$4)` as
//   two statements, so one-off list lengths come and go while the hot queries stay. An evicted
//   statement is deallocated when its connection goes back to the pool (outside any
//   transaction, ahead of the next borrower's queries); until then it stays usable.
// - A statement whose result columns changed under it (a column's type changed while the app
//   ran) makes PostgreSQL answer "cached plan must not change result type" once; that
//   connection then prepares the query again under a new name instead of failing again.
//
// The tenant is never part of a prepared statement: the extension's `tenant_id = $n` is bound
// per execution, the setting is made outside them (reads: a simple-protocol SET LOCAL, which
// is never prepared, ./tenant-statement.ts; writes: app_set_tenant($1)), and RLS reads the
// setting when the plan runs, so tenants share statements and plans safely
// (test/integration/statement-cache.test.ts).
// Behind PgBouncer in transaction mode this needs its protocol-level prepared statements
// (PgBouncer ≥ 1.21, `max_prepared_statements` > 0); with DB_PREPARED_STATEMENTS=0 nothing is
// prepared at all (README, configuration).
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type pg from "pg";

/** Prepared statements kept per connection (Prisma's engine default was 100). */
export const STATEMENTS_PER_CONNECTION = 100;

const names = new LRUCache<string, string>({ max: 5_000 });

/** The statement name for `sql`: stable across processes, so pg_prepared_statements reads the same everywhere. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `tenantry_${createHash("sha1").update(sql).digest("hex").slice(0, 32)}`;
    names.set(sql, name);
  }
  return name;
}

/** For PrismaPg's `statementNameGenerator`. */
export const prismaStatementName = (query: { sql: string }): string => statementName(query.sql);

const STALE_PLAN = "0A000"; // feature_not_supported: "cached plan must not change result type"

type NamedConfig = { name?: string; text?: string };

type Connection = { parsedStatements: Record<string, string> };

/**
 * Applies the per-connection limits to every connection `pool` opens (call once, before use).
 * Named queries arrive from PrismaPg (prismaStatementName). With no statements to keep, do not
 * call it and do not name them (lib/db/client.ts).
 */
export function limitPreparedStatements(pool: pg.Pool, perConnection = STATEMENTS_PER_CONNECTION): void {
  const evictions = new WeakMap<pg.PoolClient, Set<string>>();

  pool.on("connect", (client) => {
    /** Names prepared (or being prepared) on this connection, least recently used first. */
    const recent = new Set<string>();
    /** Evicted names, deallocated when the connection is released. */
    const evicted = new Set<string>();
    evictions.set(client, evicted);
    /** Names to use instead, for statements PostgreSQL reported stale on this connection. */
    const renamed = new Map<string, string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;

    (client as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0] as NamedConfig | null;
      if (typeof config !== "object" || config === null || typeof config.name !== "string") return query(...args);
      const wanted = config.name;
      const name = renamed.get(wanted) ?? wanted;
      recent.delete(name);
      recent.add(name); // most recent last
      evicted.delete(name); // used again before its connection was released: keep it
      if (recent.size > perConnection) {
        const oldest = recent.values().next().value!;
        recent.delete(oldest);
        evicted.add(oldest);
      }
      if (name !== wanted) args[0] = { ...config, name };

      const noteStale = (error: unknown) => {
        if ((error as { code?: string } | null)?.code === STALE_PLAN && /cached plan/.test(String((error as Error).message))) {
          renamed.set(wanted, `${wanted}_${renamed.size + 1}`);
        }
      };
      const callback = typeof args[args.length - 1] === "function" ? (args[args.length - 1] as (e: unknown, r?: unknown) => void) : undefined;
      if (callback) {
        args[args.length - 1] = (error: unknown, result?: unknown) => {
          if (error) noteStale(error);
          callback(error, result);
        };
        return query(...args);
      }
      const result = query(...args) as Promise<unknown>;
      return result.catch((error: unknown) => {
        noteStale(error);
        throw error;
      });
    };
  });

  // Released = no transaction open on it; the DEALLOCATEs go out before the next borrower's
  // queries (one connection answers in order), and pg forgets the names at once so that a
  // later use parses the statement again.
  pool.on("release", (error: Error | undefined, client: pg.PoolClient) => {
    const evicted = evictions.get(client);
    if (error || !evicted || evicted.size === 0) return;
    const parsed = (client as unknown as { connection: Connection }).connection.parsedStatements;
    for (const name of evicted) {
      const text = parsed[name];
      if (text === undefined) continue; // never prepared (its Parse failed): nothing to free
      delete parsed[name];
      client.query(`DEALLOCATE ${client.escapeIdentifier(name)}`).catch(() => {
        parsed[name] = text; // still on the server: use it rather than Parse that name again
      });
    }
    evicted.clear();
  });
}
