// Local experiments for proposed changes to lib/db/tenant.ts (the lead applies them; the bench
// does not edit the app). Each is an extra variant of scenario 2, measured in the same rounds
// as the shipped code, and checked to return the same rows (RLS returns none when the tenant
// setting is missing, so a broken experiment fails the row check).
//
//   extRlsInteractive  proposal A (lib/db/tenant.ts only): each operation outside a
//                  transaction runs in an interactive transaction on the base client —
//                  `client.$transaction(async (tx) => { await tx.$executeRaw\`SELECT
//                  app_set_tenant(…)\`; return tx[model][operation](scoped) })` — instead of
//                  the batch `$transaction([$executeRaw, query(scoped)])`. Same 4 statements;
//                  Prisma's interactive path costs less per statement than its batch path.
//   extRlsOneTrip  proposal B (A + a pool hook in lib/db/client.ts): the tenant is set in the
//                  same round trip as BEGIN — the pool rewrites the adapter's "BEGIN" into
//                  "BEGIN; SELECT app_set_tenant('<uuid>'::uuid)" (simple protocol; the uuid is
//                  validated by forTenant's regex) while an AsyncLocalStorage holds the tenant —
//                  and no separate $executeRaw: 3 statements, one Prisma operation. (A one-item
//                  batch is no help: Prisma sends it without any transaction.)
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

const LIST_SELECT = { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function experimentClient(importTs, appUrl, { mergeBegin }) {
  const { Prisma, PrismaClient } = await importTs("lib/generated/prisma/client.ts");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { scopeArgs } = await importTs("lib/db/tenant-scope.ts");
  const tenantOfTx = new AsyncLocalStorage();
  const pool = new pg.Pool({ connectionString: appUrl, max: 2, application_name: "tenantry-bench" });
  pool.on("connect", (client) => {
    const query = client.query.bind(client);
    client.query = (config, ...rest) => {
      const tenant = tenantOfTx.getStore();
      if (mergeBegin && tenant && UUID.test(tenant) && typeof config === "object" && config?.text === "BEGIN" && (config.values?.length ?? 0) === 0) {
        return query({ ...config, text: `BEGIN; SELECT app_set_tenant('${tenant}'::uuid)` }, ...rest);
      }
      return query(config, ...rest);
    };
  });
  const base = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Per call, like forTenant(): a fresh $extends each time.
  function bind(tenantId) {
    return base.$extends(
        Prisma.defineExtension((client) =>
          client.$extends({
            query: {
              $allModels: {
                async $allOperations({ model, operation, args }) {
                  const scoped = scopeArgs(model, operation, args, tenantId);
                  // Interactive, on the base client (no recursion into this extension).
                  const delegate = model.charAt(0).toLowerCase() + model.slice(1);
                  if (mergeBegin) return tenantOfTx.run(tenantId, () => client.$transaction((tx) => tx[delegate][operation](scoped)));
                  return client.$transaction(async (tx) => {
                    await tx.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`;
                    return tx[delegate][operation](scoped);
                  });
                },
              },
            },
          }),
        ),
      );
  }
  return { bind, close: async () => (await base.$disconnect(), await pool.end()) };
}

function queriesOf(db, tenantId, nextId, i) {
  return {
    list: () => db().customer.findMany({ where: { archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select: LIST_SELECT }),
    aggregate: () => db().deal.groupBy({ by: ["stage"], _sum: { valueCents: true }, _count: { _all: true } }),
    read: () => db().customer.findFirst({ where: { id: nextId() }, select: LIST_SELECT }),
    write: () => db().customer.update({ where: { tenantId_id: { tenantId, id: nextId() } }, data: { phone: `+1 555 ${i()}` }, select: { id: true } }),
  };
}

export function experimentVariants(importTs, { appUrl }) {
  return [
    ["extRlsInteractive", { mergeBegin: false }],
    ["extRlsOneTrip", { mergeBegin: true }],
  ].map(async ([name, options]) => {
    const client = await experimentClient(importTs, appUrl, options);
    return { name, queries: ({ tenantId, nextId, i }) => queriesOf(() => client.bind(tenantId), tenantId, nextId, i), close: client.close };
  });
}
