// The tenant-bound client's previous per-operation path, kept as an extra variant of scenario
// 2 so that every run measures before and after in the same rounds (docs/performance.md):
//
//   extRlsInteractive  each operation in its own Prisma interactive transaction on a plain
//                  pg.Pool — `client.$transaction(async (tx) => { await tx.$executeRaw\`SELECT
//                  app_set_tenant(…)\`; return tx[model][operation](scoped) })` — with a fresh
//                  `$extends` per call. This was lib/db/tenant.ts for every operation until
//                  reads became pipelined tenant statements (lib/db/tenant-statement.ts) and
//                  bound clients were kept per tenant; writes still take this path.
//
//   manualUnprepared, extRlsUnprepared  `manual` and `extRls` on clients that prepare no
//                  statement (createDatabaseClient's `preparedStatements: 0`): the app before
//                  lib/db/statement-cache.ts. extRlsUnprepared ÷ manualUnprepared is the ratio
//                  the target had before that change.
//
// They return the same rows as the shipped client (RLS returns none when the tenant setting is
// missing, so a broken variant fails scenario 2's row check).
import pg from "pg";

const LIST_SELECT = { id: true, name: true, email: true, kind: true, createdAt: true, archivedAt: true };

export async function interactiveTransactionClient(importTs, appUrl) {
  const { Prisma, PrismaClient } = await importTs("lib/generated/prisma/client.ts");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { scopeArgs } = await importTs("lib/db/tenant-scope.ts");
  const pool = new pg.Pool({ connectionString: appUrl, max: 2, application_name: "tenantry-bench" });
  const base = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Per call, like forTenant() did: a fresh $extends each time.
  function bind(tenantId) {
    return base.$extends(
      Prisma.defineExtension((client) =>
        client.$extends({
          query: {
            $allModels: {
              async $allOperations({ model, operation, args }) {
                const scoped = scopeArgs(model, operation, args, tenantId);
                const delegate = model.charAt(0).toLowerCase() + model.slice(1);
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

export function experimentVariants(importTs, { appUrl, ownerUrl }) {
  const unprepared = (url) =>
    importTs("lib/db/client.ts").then(({ createDatabaseClient }) => createDatabaseClient({ url, max: 2, applicationName: "tenantry-bench", preparedStatements: 0 }));
  const closing = (client) => async () => (await client.prisma.$disconnect(), await client.pool.end());
  return [
    (async () => {
      const client = await unprepared(ownerUrl);
      return {
        name: "manualUnprepared",
        queries: ({ tenantId, nextId, i }) => ({
          list: () => client.prisma.customer.findMany({ where: { tenantId, archivedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select: LIST_SELECT }),
          aggregate: () => client.prisma.deal.groupBy({ by: ["stage"], where: { tenantId }, _sum: { valueCents: true }, _count: { _all: true } }),
          read: () => client.prisma.customer.findFirst({ where: { tenantId, id: nextId() }, select: LIST_SELECT }),
          write: () => client.prisma.customer.update({ where: { tenantId_id: { tenantId, id: nextId() } }, data: { phone: `+1 555 ${i()}` }, select: { id: true } }),
        }),
        close: closing(client),
      };
    })(),
    (async () => {
      const client = await unprepared(appUrl);
      const { forTenant } = await importTs("lib/db/tenant.ts");
      return {
        name: "extRlsUnprepared",
        queries: ({ tenantId, nextId, i }) => queriesOf(() => forTenant(tenantId, client.prisma), tenantId, nextId, i),
        close: closing(client),
      };
    })(),
    (async () => {
      const client = await interactiveTransactionClient(importTs, appUrl);
      return {
        name: "extRlsInteractive",
        queries: ({ tenantId, nextId, i }) => queriesOf(() => client.bind(tenantId), tenantId, nextId, i),
        close: client.close,
      };
    })(),
  ];
}
