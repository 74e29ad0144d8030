// Scenario 4: growth. The same tenant list query (through forTenant as the app role: the
// extension + RLS) on three databases holding 100, 1,000 and 10,000 tenants of the same size.
// The p95 must stay flat, and EXPLAIN as the app role must show the (tenant_id, …) index.
import pg from "pg";
import { interleave, median, medianRatio, percentile, round3, timeFor } from "../lib/measure.mjs";

const LIST_SQL = `SELECT id, name, email, kind, created_at, archived_at FROM customer
  WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51`;

async function explainAsApp(appUrl, tenantId) {
  const c = new pg.Client({ connectionString: appUrl, application_name: "tenantry-bench" });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query("SELECT app_set_tenant($1::uuid)", [tenantId]);
    const { rows } = await c.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${LIST_SQL}`, [tenantId]);
    await c.query("ROLLBACK");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await c.end();
  }
}

export async function growthScenario(ctx) {
  const { scale, growthDbs, importTs } = ctx;
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { forTenant } = await importTs("lib/db/tenant.ts");
  const steps = [];
  try {
    for (const db of growthDbs) {
      const client = createDatabaseClient({ url: db.appUrl, max: 2, applicationName: "tenantry-bench" });
      const owner = new pg.Client({ connectionString: db.ownerUrl });
      await owner.connect();
      const { rows } = await owner.query("SELECT id FROM tenant WHERE slug = $1", [`bench-${String(Math.ceil(db.tenants / 2)).padStart(5, "0")}`]);
      const { rows: total } = await owner.query("SELECT count(*)::int AS n FROM customer");
      await owner.end();
      const tenantId = rows[0].id;
      const run = () =>
        forTenant(tenantId, client.prisma).customer.findMany({
          where: { archivedAt: null },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 51,
          select: { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true },
        });
      const got = await run();
      if (got.length !== Math.min(51, scale.growth.customersPerTenant)) throw new Error(`growth ${db.tenants}: list returned ${got.length} rows`);
      const plan = await explainAsApp(db.appUrl, tenantId);
      const indexUsed = /(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (customer_tenant_id_\w+|customer_pkey)/.exec(plan)?.[1] ?? null;
      steps.push({ tenants: db.tenants, totalCustomers: total[0].n, client, run, plan, indexUsed, seqScan: /Seq Scan on customer/.test(plan), samples: [] });
    }
    for (const s of steps) await timeFor(s.run, scale.micro.warmupMs);
    const perRound = Math.max(5, Math.ceil(scale.growth.samples / scale.growth.rounds));
    const rounds = await interleave(
      steps.map((s) => ({ name: String(s.tenants), step: s })),
      scale.growth.rounds,
      async ({ step }) => {
        const samples = [];
        for (let k = 0; k < perRound; k++) {
          const t0 = performance.now();
          await step.run();
          samples.push(performance.now() - t0);
        }
        step.samples.push(...samples);
        return percentile(samples, 95);
      },
    );
    const first = String(steps[0].tenants);
    const last = String(steps[steps.length - 1].tenants);
    const ratio = round3(medianRatio(rounds[last], rounds[first]));
    const allIndexed = steps.every((s) => s.indexUsed && !s.seqScan);
    return {
      raw: {
        steps: steps.map((s) => ({
          tenants: s.tenants,
          totalCustomers: s.totalCustomers,
          p50Ms: round3(percentile(s.samples, 50)),
          p95Ms: round3(median(rounds[String(s.tenants)])),
          samples: s.samples.length,
          indexUsed: s.indexUsed,
          seqScan: s.seqScan,
          plan: s.plan,
        })),
        p95ByRound: rounds,
      },
      ratios: Object.fromEntries(steps.map((s) => [`p95_${s.tenants}_vs_${first}`, round3(medianRatio(rounds[String(s.tenants)], rounds[first]))])),
      targets: [
        { name: `growth flat: p95 at ${last} tenants within 1.2× of ${first}`, value: ratio, limit: 1.2, met: ratio <= 1.2 },
        { name: "EXPLAIN as the app role uses a (tenant_id, …) index at every size", value: allIndexed ? 1 : 0, limit: 1, met: allIndexed },
      ],
    };
  } finally {
    for (const s of steps) {
      await s.client.prisma.$disconnect();
      await s.client.pool.end().catch(() => {});
    }
  }
}
