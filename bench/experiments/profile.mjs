#!/usr/bin/env node
// Profiling aid for scenario 2 (not part of `npm run bench`): counts the statements each
// variant sends to PostgreSQL per operation and splits its time into "waiting for PostgreSQL"
// and "everything else" (Prisma, the extension). Wraps pg.Client.prototype.query. A tenant
// statement's four queries are in flight together (pipeline mode): its "in PostgreSQL" time
// adds up overlapping waits, so read it as an upper bound there.
//   node bench/experiments/profile.mjs            (uses the bench database; start nothing else)
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { register } from "tsx/esm/api";
import { FULL } from "../lib/config.mjs";
import { benchDatabase, benchTenants, openBenchServer } from "../lib/database.mjs";
import { median } from "../lib/measure.mjs";
import { experimentVariants } from "./tenant-tx.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
process.chdir(ROOT);
register();
const importTs = (rel) => import(pathToFileURL(path.join(ROOT, rel)).href);
const log = (m) => process.stderr.write(`[profile] ${m}\n`);

let statements = [];
let inDb = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === "string" ? config : config?.text;
  const entry = { text, t0: performance.now(), ms: 0 };
  statements.push(entry);
  const t0 = entry.t0;
  const done = () => {
    entry.ms = performance.now() - t0;
    inDb += entry.ms;
  };
  // pg.Pool#query calls client.query with a callback; Prisma's adapter awaits the promise.
  if (typeof values === "function") return original.call(this, config, (...a) => (done(), values(...a)));
  if (typeof callback === "function") return original.call(this, config, values, (...a) => (done(), callback(...a)));
  if (config && typeof config.callback === "function") {
    const cb = config.callback;
    config.callback = (...a) => (done(), cb(...a));
    return original.call(this, config, values);
  }
  const result = original.call(this, config, values);
  return result && typeof result.finally === "function" ? result.finally(done) : result;
};

const server = await openBenchServer({ logger: log });
try {
  const db = await benchDatabase(server.serverUrl, FULL.database, { logger: () => {}, env: server.env });
  const { tenants } = await benchTenants(db.ownerUrl);
  const tenantId = tenants[FULL.tiers[0].count].id;
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { forTenant } = await importTs("lib/db/tenant.ts");
  const owner = createDatabaseClient({ url: db.ownerUrl, max: 2 });
  const app = createDatabaseClient({ url: db.appUrl, max: 2 });
  const select = { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true };
  const list = (c, extra = {}) => c.customer.findMany({ where: { archivedAt: null, ...extra }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select });
  const variants = {
    manual: () => list(owner.prisma, { tenantId }),
    ext: () => list(forTenant(tenantId, owner.prisma)),
    extRls: () => list(forTenant(tenantId, app.prisma)),
  };
  for (const extra of await Promise.all(experimentVariants(importTs, { appUrl: db.appUrl, ownerUrl: db.ownerUrl }))) {
    let i = 0;
    const q = extra.queries({ tenantId, nextId: () => null, app, owner, i: () => i++ });
    variants[extra.name] = q.list;
  }
  const report = {};
  for (const [name, fn] of Object.entries(variants)) {
    for (let k = 0; k < 200; k++) await fn();
    const totals = [];
    const dbs = [];
    let sample = [];
    for (let k = 0; k < 500; k++) {
      statements = [];
      inDb = 0;
      const t0 = performance.now();
      await fn();
      totals.push(performance.now() - t0);
      dbs.push(inDb);
      sample = statements.map((e, k) => ({ sql: e.text, ms: +e.ms.toFixed(3), gapBeforeMs: k ? +(e.t0 - statements[k - 1].t0 - statements[k - 1].ms).toFixed(3) : 0 }));
    }
    report[name] = {
      statements: sample.length,
      sql: sample.map((s) => `${s.sql.replace(/\s+/g, " ").slice(0, 40)} (${s.ms} ms, gap ${s.gapBeforeMs} ms)`),
      medianTotalMs: +median(totals).toFixed(3),
      medianInPgMs: +median(dbs).toFixed(3),
      medianOutsidePgMs: +(median(totals) - median(dbs)).toFixed(3),
    };
  }
  console.log(JSON.stringify(report, null, 2));
  await owner.prisma.$disconnect();
  await app.prisma.$disconnect();
} finally {
  await server.stop();
}
