#!/usr/bin/env node
// Does one prepared statement, shared by tenants of every size, settle on a plan that is wrong
// for a large tenant? (docs/performance.md, "Prepared statements and tenants of different
// sizes"). Not part of `npm run bench`.
//
// PostgreSQL plans a prepared statement for its parameters five times, then keeps a generic
// plan if that looks no dearer than the custom ones it made — and which custom plans it saw
// depends on which tenants happened to run the statement first on that connection. For the
// app's list, sort, filter and aggregate queries this runs the large tenant's query (40,000
// customers) on a fresh one-connection client after eight runs by the large tenant, by small
// tenants or by medium ones, against the same query unprepared, and reports the large
// tenant's median ms and the plans the statement used (g generic / c custom).
//   node bench/experiments/plan-skew.mjs   (uses the bench database; start nothing else)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { FULL } from "../lib/config.mjs";
import { benchDatabase, benchTenants, openBenchServer } from "../lib/database.mjs";
import { median } from "../lib/measure.mjs";
import { register } from "tsx/esm/api";
import { ROOT } from "../../scripts/lib/database.mjs";

process.chdir(ROOT); // tsx reads tsconfig.json (the @/ paths) from the working directory
register();

const importTs = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);
const S = { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true };
const D = { id: true, title: true, valueCents: true, stage: true, createdAt: true };
const QUERIES = {
  customersByCreated: (db) => db.customer.findMany({ where: { archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 26, select: S }),
  customersByName: (db) => db.customer.findMany({ where: { archivedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 26, select: S }),
  customersArchived: (db) => db.customer.findMany({ where: { archivedAt: { not: null } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 26, select: S }),
  customersKind: (db) => db.customer.findMany({ where: { archivedAt: null, kind: "COMPANY" }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 26, select: S }),
  recent200: (db) => db.customer.findMany({ where: { archivedAt: null }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 200, select: { id: true, name: true } }),
  dealsByValue: (db) => db.deal.findMany({ orderBy: [{ valueCents: "desc" }, { currency: "asc" }, { id: "desc" }], take: 26, select: D }),
  dealsByClose: (db) => db.deal.findMany({ orderBy: [{ expectedClose: { sort: "asc", nulls: "last" } }, { id: "desc" }], take: 26, select: D }),
  dealsStage: (db) => db.deal.findMany({ where: { stage: "WON" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 26, select: D }),
  dealAggregate: (db) => db.deal.groupBy({ by: ["stage"], _sum: { valueCents: true }, _count: { _all: true } }),
  customerCount: (db) => db.customer.count({ where: { archivedAt: null } }),
};
const server = await openBenchServer({ logger: (m) => process.stderr.write(`[skew] ${m}\n`) });
try {
  const db = await benchDatabase(server.serverUrl, FULL.database, { logger: () => {}, env: server.env });
  const { tenants } = await benchTenants(db.ownerUrl);
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { forTenant } = await importTs("lib/db/tenant.ts");
  const large = tenants[0].id;
  const smalls = tenants.slice(-20).map((t) => t.id);
  const mediums = tenants.slice(FULL.tiers[0].count, FULL.tiers[0].count + 20).map((t) => t.id);
  async function time(fn, n) {
    const out = [];
    for (let k = 0; k < n; k++) { const t = performance.now(); await fn(); out.push(performance.now() - t); }
    return median(out);
  }
  const report = [];
  for (const [name, q] of Object.entries(QUERIES)) {
    const row = { query: name };
    for (const [order, warm, prepared] of [["unprepared", [], 0], ["largeFirst", Array(8).fill(large), 100], ["smallFirst", smalls.slice(0, 8), 100], ["mediumFirst", mediums.slice(0, 8), 100]]) {
      const client = createDatabaseClient({ url: db.appUrl, max: 1, applicationName: "tenantry-bench", preparedStatements: prepared });
      for (const t of warm) await q(forTenant(t, client.prisma));
      row[order] = +(await time(() => q(forTenant(large, client.prisma)), 40)).toFixed(2);
      if (prepared) {
        const { rows } = await client.pool.query("SELECT sum(generic_plans)::int g, sum(custom_plans)::int c FROM pg_prepared_statements WHERE name LIKE 'tenantry_%' AND statement NOT LIKE '%app_set_tenant%'");
        row[`${order}Plans`] = `${rows[0].g}g/${rows[0].c}c`;
      }
      await client.prisma.$disconnect(); await client.pool.end();
    }
    report.push(row);
  }
  console.table(report);
} finally {
  await server.stop();
}
