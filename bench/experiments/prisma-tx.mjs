#!/usr/bin/env node
// Profiling aid for scenario 2 (not part of `npm run bench`): Prisma's own transaction paths
// on the owner connection (no RLS), each against a plain findMany, interleaved. Shows where
// forTenant's cost comes from: batch vs interactive transactions, $extends per call.
//   node bench/experiments/prisma-tx.mjs     (uses the bench database; run nothing else on it)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { benchDatabase, benchTenants, openBenchServer } from "../lib/database.mjs";
import { interleave, median, timeFor } from "../lib/measure.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
process.chdir(ROOT);
register();
const importTs = (rel) => import(pathToFileURL(path.join(ROOT, rel)).href);
const server = await openBenchServer({ logger: () => {} });
try {
  const db = await benchDatabase(server.serverUrl, "bench", { logger: () => {}, env: server.env });
  const { tenants } = await benchTenants(db.ownerUrl);
  const tenantId = tenants[5].id;
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { forTenant } = await importTs("lib/db/tenant.ts");
  const { Prisma } = await importTs("lib/generated/prisma/client.ts");
  const o = createDatabaseClient({ url: db.ownerUrl, max: 2 }).prisma;
  const select = { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true };
  const args = { where: { tenantId, archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select };
  const passthrough = o.$extends({ query: { $allModels: { $allOperations: ({ args, query }) => query(args) } } });
  const { scopeArgs } = await importTs("lib/db/tenant-scope.ts");
  const mkBatch = () => o.$extends(Prisma.defineExtension((client) => client.$extends({ query: { $allModels: { async $allOperations({ model, operation, args, query }) {
    const scoped = scopeArgs(model, operation, args, tenantId);
    const [, result] = await client.$transaction([client.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`, query(scoped)]);
    return result; } } } })));
  const mkInteractive = () => o.$extends(Prisma.defineExtension((client) => client.$extends({ query: { $allModels: { async $allOperations({ model, operation, args }) {
    const scoped = scopeArgs(model, operation, args, tenantId);
    const d = model.charAt(0).toLowerCase() + model.slice(1);
    return client.$transaction(async (tx) => { await tx.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`; return tx[d][operation](scoped); }); } } } })));
  const batchOnce = mkBatch();
  const interOnce = mkInteractive();
  const reused = forTenant(tenantId, o);
  const a2 = { where: { archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select };
  const v = {
    forTenantReused: () => reused.customer.findMany(a2),
    extBatchOnce: () => batchOnce.customer.findMany(a2),
    extBatchPerCall: () => mkBatch().customer.findMany(a2),
    extInterOnce: () => interOnce.customer.findMany(a2),
    extInterPerCall: () => mkInteractive().customer.findMany(a2),
    manual: () => o.customer.findMany(args),
    batch1: () => o.$transaction([o.customer.findMany(args)]),
    batch2: () => o.$transaction([o.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`, o.customer.findMany(args)]),
    interactive: () => o.$transaction((tx) => tx.customer.findMany(args)),
    interactive2: () => o.$transaction(async (tx) => { await tx.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`; return tx.customer.findMany(args); }),
    extendsPerCall: () => o.$extends({ query: { $allModels: { $allOperations: ({ args, query }) => query(args) } } }).customer.findMany(args),
    extendsOnce: () => passthrough.customer.findMany(args),
    forTenantOwner: () => forTenant(tenantId, o).customer.findMany(args),
  };
  const list = Object.entries(v).map(([name, run]) => ({ name, run }));
  for (const x of list) await timeFor(x.run, 300);
  const r = await interleave(list, 5, async (x) => median(await timeFor(x.run, 800)));
  for (const x of list) console.log(x.name.padEnd(16), median(r[x.name]).toFixed(3), (median(r[x.name]) / median(r.manual)).toFixed(2));
  await o.$disconnect();
} finally { await server.stop(); }
