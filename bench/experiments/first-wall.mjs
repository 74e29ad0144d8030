#!/usr/bin/env node
// Where the first wall's cost goes (docs/performance.md, "What the aggregate's 1.3× is made
// of"). Not part of `npm run bench`. The deal aggregate of scenario 2, for the same medium
// tenant, through Prisma, each variant adding one piece of the tenant path:
//   manual                 the base client, `where: { tenantId }` by hand (the target's baseline)
//   passthrough            + a query extension that only calls query(args): Prisma's extension path
//   passInTenantStatement  + that extension runs the query as a tenant statement (BEGIN READ ONLY,
//                          app_set_tenant, the query, COMMIT, pipelined) — as the owner, so no RLS
//   ext                    forTenant() on the owner: + the shipped extension's own logic
//   extRls                 forTenant() on the app role: + row-level security (what the app runs)
//   node bench/experiments/first-wall.mjs   (uses the bench database; start nothing else)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { FULL } from "../lib/config.mjs";
import { benchDatabase, benchTenants, openBenchServer } from "../lib/database.mjs";
import { interleave, median, timeFor } from "../lib/measure.mjs";
import { ROOT } from "../../scripts/lib/database.mjs";

process.chdir(ROOT); // tsx reads tsconfig.json (the @/ paths) from the working directory
register();
const importTs = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);

const server = await openBenchServer({ logger: (m) => process.stderr.write(`[first-wall] ${m}\n`) });
try {
  const db = await benchDatabase(server.serverUrl, FULL.database, { logger: () => {}, env: server.env });
  const { tenants } = await benchTenants(db.ownerUrl);
  const tenantId = tenants[FULL.tiers[0].count].id; // scenario 2's tenant: the first medium one
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { forTenant } = await importTs("lib/db/tenant.ts");
  const { asTenantStatement } = await importTs("lib/db/tenant-statement.ts");
  const owner = createDatabaseClient({ url: db.ownerUrl, max: 2, applicationName: "tenantry-bench" });
  const app = createDatabaseClient({ url: db.appUrl, max: 2, applicationName: "tenantry-bench" });
  const passthrough = owner.prisma.$extends({ query: { $allModels: { $allOperations: ({ args, query }) => query(args) } } });
  const asStatement = owner.prisma.$extends({
    query: { $allModels: { $allOperations: ({ args, query }) => asTenantStatement(tenantId, async () => await query(args)) } },
  });
  const aggregate = (client, where) => client.deal.groupBy({ by: ["stage"], where, _sum: { valueCents: true }, _count: { _all: true } });
  const variants = [
    { name: "manual", run: () => aggregate(owner.prisma, { tenantId }) },
    { name: "passthrough", run: () => aggregate(passthrough, { tenantId }) },
    { name: "passInTenantStatement", run: () => aggregate(asStatement, { tenantId }) },
    { name: "ext", run: () => aggregate(forTenant(tenantId, owner.prisma), undefined) },
    { name: "extRls", run: () => aggregate(forTenant(tenantId, app.prisma), undefined) },
  ];
  const expected = (await variants[0].run()).length;
  for (const v of variants) {
    const groups = (await v.run()).length;
    if (groups !== expected || groups === 0) throw new Error(`${v.name} returned ${groups} groups (manual: ${expected})`);
    await timeFor(v.run, 500);
  }
  const rounds = await interleave(variants, 5, async (v) => median(await timeFor(v.run, 1_500)));
  const manual = median(rounds.manual);
  console.table(variants.map((v) => ({ variant: v.name, ms: +median(rounds[v.name]).toFixed(4), "× manual": +(median(rounds[v.name]) / manual).toFixed(3) })));
  for (const c of [owner, app]) await (c.prisma.$disconnect(), c.pool.end());
} finally {
  await server.stop();
}
