// Scenario 2: what the two data walls cost on the same queries (a customer list page, a deal
// aggregate, a single-row read, a write) for one medium tenant, sequentially (latency).
//
// Variants, all on the same server and the same rows. Every query runs as a prepared statement
// (prepared once per connection), as the app's clients do (lib/db/statement-cache.ts):
//   floor       plain pg, hand-written SQL with `tenant_id = $1`, as the owner (1 round trip)
//   pgRlsTx     plain pg as the app role: BEGIN; app_set_tenant; the same SQL; COMMIT — what
//               RLS needs at the wire, without Prisma (attributes the cost: round trips vs ORM)
//   pgRlsPipe   BEGIN and SET LOCAL in one message, the same SQL, COMMIT, written at once (pg's
//               pipeline mode): what a tenant statement (lib/db/tenant-statement.ts) costs at
//               the wire, without Prisma
//   manual      the base Prisma client with `where: { tenantId }` written by hand, as the owner
//   ext         forTenant(id, ownerClient): the extension alone (its transaction and tenant
//               setting run, but the owner is a superuser, so RLS filters nothing)
//   extRls      forTenant(id, appClient): extension + RLS, what the app runs
// Why the owner for `floor`/`manual`/`ext`: RLS is FORCED for the app role, and without a
// tenant setting it returns no rows at all, so a manual-where query as the app role cannot be
// measured; the superuser owner skips RLS, which is exactly "no second wall". Same server,
// same pool settings, only the role differs. forTenant() is called per operation, as a request
// does (after the first call, a hit in its cache of bound clients).
import { createHash } from "node:crypto";
import pg from "pg";
import { interleave, median, medianRatio, round3, timeFor } from "../lib/measure.mjs";

/** `sql` as a prepared statement (pg prepares it once per connection, by name; the name is
 *  hashed once per SQL text, not inside the timed loop). */
const statementNames = new Map();
function prepared(sql, values) {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `bench_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`));
  return { name, text: sql, values };
}

const LIST_SELECT = { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true };
const LIST_SQL = `SELECT id, name, email, kind, created_at, archived_at FROM customer
  WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51`;
const AGG_SQL = "SELECT stage, sum(value_cents) AS total, count(*) AS n FROM deal WHERE tenant_id = $1 GROUP BY stage";
const READ_SQL = "SELECT id, name, email, kind, created_at, archived_at FROM customer WHERE tenant_id = $1 AND id = $2";
const WRITE_SQL = "UPDATE customer SET phone = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id";

export async function dataWallsScenario(ctx) {
  const { scale, ownerUrl, appUrl, tenants, importTs, extraVariants = [] } = ctx;
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { forTenant } = await importTs("lib/db/tenant.ts");
  const rank = scale.tiers[0].count + 1; // the first medium tenant
  const tenant = tenants[rank - 1];
  const tenantId = tenant.id;

  const owner = createDatabaseClient({ url: ownerUrl, max: 2, applicationName: "tenantry-bench" });
  const app = createDatabaseClient({ url: appUrl, max: 2, applicationName: "tenantry-bench" });
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2, application_name: "tenantry-bench" });
  const appPool = new pg.Pool({ connectionString: appUrl, max: 2, application_name: "tenantry-bench" });
  const appPipelinePool = new pg.Pool({ connectionString: appUrl, max: 2, application_name: "tenantry-bench", pipeline: true });
  try {
    const ids = (await ownerPool.query("SELECT id FROM customer WHERE tenant_id = $1 ORDER BY id LIMIT 100", [tenantId])).rows.map((r) => r.id);
    const customers = (await ownerPool.query("SELECT count(*)::int AS n FROM customer WHERE tenant_id = $1", [tenantId])).rows[0].n;
    const deals = (await ownerPool.query("SELECT count(*)::int AS n FROM deal WHERE tenant_id = $1", [tenantId])).rows[0].n;
    let i = 0;
    const nextId = () => ids[i++ % ids.length];

    async function inRlsTx(sql, params) {
      const c = await appPool.connect();
      try {
        await c.query("BEGIN");
        await c.query("SELECT app_set_tenant($1::uuid)", [tenantId]);
        const r = await c.query(prepared(sql, params));
        await c.query("COMMIT");
        return r.rows;
      } catch (error) {
        await c.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        c.release();
      }
    }

    async function inRlsPipeline(sql, params) {
      const c = await appPipelinePool.connect();
      try {
        const [, result] = await Promise.all([
          c.query(`BEGIN READ ONLY; SET LOCAL app.tenant_id = '${tenantId}'`),
          c.query(prepared(sql, params)),
          c.query("COMMIT"),
        ]);
        return result.rows;
      } finally {
        c.release();
      }
    }

    const queries = {
      list: {
        floor: async () => (await ownerPool.query(prepared(LIST_SQL, [tenantId]))).rows,
        pgRlsTx: () => inRlsTx(LIST_SQL, [tenantId]),
        pgRlsPipe: () => inRlsPipeline(LIST_SQL, [tenantId]),
        manual: () => owner.prisma.customer.findMany({ where: { tenantId, archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select: LIST_SELECT }),
        ext: () => forTenant(tenantId, owner.prisma).customer.findMany({ where: { archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select: LIST_SELECT }),
        extRls: () => forTenant(tenantId, app.prisma).customer.findMany({ where: { archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select: LIST_SELECT }),
      },
      aggregate: {
        floor: async () => (await ownerPool.query(prepared(AGG_SQL, [tenantId]))).rows,
        pgRlsTx: () => inRlsTx(AGG_SQL, [tenantId]),
        pgRlsPipe: () => inRlsPipeline(AGG_SQL, [tenantId]),
        manual: () => owner.prisma.deal.groupBy({ by: ["stage"], where: { tenantId }, _sum: { valueCents: true }, _count: { _all: true } }),
        ext: () => forTenant(tenantId, owner.prisma).deal.groupBy({ by: ["stage"], _sum: { valueCents: true }, _count: { _all: true } }),
        extRls: () => forTenant(tenantId, app.prisma).deal.groupBy({ by: ["stage"], _sum: { valueCents: true }, _count: { _all: true } }),
      },
      read: {
        floor: async () => (await ownerPool.query(prepared(READ_SQL, [tenantId, nextId()]))).rows,
        pgRlsTx: () => inRlsTx(READ_SQL, [tenantId, nextId()]),
        pgRlsPipe: () => inRlsPipeline(READ_SQL, [tenantId, nextId()]),
        manual: () => owner.prisma.customer.findFirst({ where: { tenantId, id: nextId() }, select: LIST_SELECT }),
        ext: () => forTenant(tenantId, owner.prisma).customer.findFirst({ where: { id: nextId() }, select: LIST_SELECT }),
        extRls: () => forTenant(tenantId, app.prisma).customer.findFirst({ where: { id: nextId() }, select: LIST_SELECT }),
      },
      write: {
        floor: async () => (await ownerPool.query(prepared(WRITE_SQL, [tenantId, nextId(), `+1 555 ${i}`]))).rows,
        pgRlsTx: () => inRlsTx(WRITE_SQL, [tenantId, nextId(), `+1 555 ${i}`]),
        manual: () => owner.prisma.customer.update({ where: { tenantId_id: { tenantId, id: nextId() } }, data: { phone: `+1 555 ${i}` }, select: { id: true } }),
        ext: () => forTenant(tenantId, owner.prisma).customer.update({ where: { tenantId_id: { tenantId, id: nextId() } }, data: { phone: `+1 555 ${i}` }, select: { id: true } }),
        extRls: () => forTenant(tenantId, app.prisma).customer.update({ where: { tenantId_id: { tenantId, id: nextId() } }, data: { phone: `+1 555 ${i}` }, select: { id: true } }),
      },
    };
    // Experiments (e.g. a proposed change to lib/db/tenant.ts) plug in as extra variants.
    for (const extra of extraVariants) for (const [q, fn] of Object.entries(extra.queries({ tenantId, nextId, app, owner, i: () => i }))) queries[q][extra.name] = fn;

    // Every variant must return the same rows before it is timed.
    const listFloor = await queries.list.floor();
    for (const [name, fn] of Object.entries(queries.list)) {
      const rows = await fn();
      if (rows.length !== listFloor.length || String(rows[0]?.id) !== String(listFloor[0]?.id)) {
        throw new Error(`list variant ${name} returned ${rows.length} rows (floor: ${listFloor.length})`);
      }
    }
    const aggFloor = await queries.aggregate.floor();
    for (const [name, fn] of Object.entries(queries.aggregate)) {
      const rows = await fn();
      if (rows.length !== aggFloor.length) throw new Error(`aggregate variant ${name} returned ${rows.length} groups (floor: ${aggFloor.length})`);
    }

    const results = {};
    for (const [query, variants] of Object.entries(queries)) {
      const list = Object.entries(variants).map(([name, run]) => ({ name, run }));
      for (const v of list) await timeFor(v.run, scale.micro.warmupMs);
      const rounds = await interleave(list, scale.micro.rounds, async (v) => median(await timeFor(v.run, scale.micro.roundMs)));
      const medianMs = Object.fromEntries(list.map((v) => [v.name, round3(median(rounds[v.name]))]));
      const vsFloor = Object.fromEntries(list.map((v) => [v.name, round3(medianRatio(rounds[v.name], rounds.floor))]));
      const vsManual = Object.fromEntries(list.map((v) => [v.name, round3(medianRatio(rounds[v.name], rounds.manual))]));
      results[query] = { medianMs, vsFloor, vsManual, rounds };
      // The same target with neither side preparing statements (bench/experiments/tenant-tx.mjs).
      if (rounds.manualUnprepared && rounds.extRlsUnprepared) results[query].unpreparedRatio = round3(medianRatio(rounds.extRlsUnprepared, rounds.manualUnprepared));
    }
    const targets = ["list", "aggregate"].map((q) => ({
      name: `extension + RLS within 1.3× of manual-where Prisma (${q})`,
      value: results[q].vsManual.extRls,
      limit: 1.3,
      met: results[q].vsManual.extRls <= 1.3,
    }));
    return { raw: { tenant: { slug: tenant.slug, customers, deals }, ...results }, targets };
  } finally {
    await owner.prisma.$disconnect();
    await app.prisma.$disconnect();
    await Promise.all([owner.pool.end(), app.pool.end(), ownerPool.end(), appPool.end(), appPipelinePool.end()].map((p) => p.catch(() => {})));
    for (const extra of extraVariants) await extra.close?.().catch(() => {});
  }
}
