#!/usr/bin/env node
// Why tenant statements keep PostgreSQL's own choice between custom and generic plans
// (docs/performance.md, "the aggregate"). Not part of `npm run bench`.
//
// With prepared statements (lib/db/statement-cache.ts) PostgreSQL plans the first five runs
// of a statement for their parameters, then keeps a generic plan only when it looks no more
// expensive. For the deal aggregate it keeps planning per run, and as the app role every such
// plan includes the RLS policy (an InitPlan per table), which is what the aggregate's second
// wall costs. `plan_cache_mode = force_generic_plan` removes that cost — and this measures
// what it does to tenants of other sizes and to a query whose best plan depends on the
// tenant's size (a name search): the same pipelined tenant statement as the app role, with
// `plan_cache_mode` auto vs forced generic, for a large, a medium and a small tenant.
//   node bench/experiments/plan-cache.mjs   (uses the bench database; start nothing else)
import pg from "pg";
import { FULL } from "../lib/config.mjs";
import { benchDatabase, benchTenants, openBenchServer } from "../lib/database.mjs";
import { interleave, median, timeFor } from "../lib/measure.mjs";

const QUERIES = {
  aggregate: { sql: "SELECT stage, sum(value_cents) AS total, count(*) AS n FROM deal WHERE tenant_id = $1 GROUP BY stage", extra: [] },
  list: {
    sql: "SELECT id, name, email, kind, created_at, archived_at FROM customer WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51",
    extra: [],
  },
  search: { sql: "SELECT id, name FROM customer WHERE tenant_id = $1 AND archived_at IS NULL AND name ILIKE $2 ORDER BY name LIMIT 51", extra: ["%1%"] },
};

const server = await openBenchServer({ logger: (m) => process.stderr.write(`[plan-cache] ${m}\n`) });
try {
  const db = await benchDatabase(server.serverUrl, FULL.database, { logger: () => {}, env: server.env });
  const { tenants } = await benchTenants(db.ownerUrl);
  const pool = new pg.Pool({ connectionString: db.appUrl, max: 1, pipeline: true });
  // One statement per tenant, query and mode: PostgreSQL's custom-or-generic choice depends on
  // the plans a statement has seen, so each tenant size starts from a statement of its own.
  async function tenantStatement(tenantId, query, mode) {
    const client = await pool.connect();
    try {
      const begin = `BEGIN READ ONLY; SET LOCAL app.tenant_id = '${tenantId}'`; // as lib/db/tenant-statement.ts
      const [, result] = await Promise.all([
        client.query(mode === "generic" ? `${begin}; SET LOCAL plan_cache_mode = force_generic_plan` : begin),
        client.query({ name: `${query}_${mode}_${tenantId.slice(0, 8)}`, text: QUERIES[query].sql, values: [tenantId, ...QUERIES[query].extra] }),
        client.query("COMMIT"),
      ]);
      if (result.rows.length === 0) throw new Error(`${query} returned no rows`);
      return result.rows;
    } finally {
      client.release();
    }
  }
  const sizes = { large: tenants[0].id, medium: tenants[FULL.tiers[0].count].id, small: tenants[FULL.tiers[0].count + FULL.tiers[1].count].id };
  const report = [];
  for (const [size, tenantId] of Object.entries(sizes)) {
    const variants = Object.keys(QUERIES).flatMap((query) => ["auto", "generic"].map((mode) => ({ name: `${query} ${mode}`, run: () => tenantStatement(tenantId, query, mode) })));
    for (const v of variants) await timeFor(v.run, 300);
    const rounds = await interleave(variants, 5, async (v) => median(await timeFor(v.run, 600)));
    for (const query of Object.keys(QUERIES)) {
      const auto = median(rounds[`${query} auto`]);
      const generic = median(rounds[`${query} generic`]);
      report.push({ tenant: size, query, autoMs: +auto.toFixed(3), forcedGenericMs: +generic.toFixed(3), ratio: +(generic / auto).toFixed(2) });
    }
  }
  console.table(report);
  await pool.end();
} finally {
  await server.stop();
}
