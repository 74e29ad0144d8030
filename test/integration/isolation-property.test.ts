// Property: random sequences of operations by several tenants, through the tenant-bound
// client, never let a row cross from one tenant to another. A model of what each tenant wrote
// is kept in memory; after every sequence each tenant must see exactly its own rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant } from "@/lib/db/tenant";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const tenants: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db, { max: 3 });
  await crossTenant({ actor: { kind: "system", label: "property-test" }, action: "test.setup", reason: "fixtures" }, async (tx) => {
    for (const slug of ["prop-a", "prop-b", "prop-c"]) tenants.push((await tx.tenant.create({ data: { slug, name: slug } })).id);
  }, app.prisma);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Op =
  | { kind: "create"; tenant: number; name: string }
  | { kind: "rename"; tenant: number; victim: number; name: string } // victim indexes any tenant's rows
  | { kind: "delete"; tenant: number; victim: number }
  | { kind: "deal"; tenant: number; victim: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), tenant: fc.nat(2), name: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant("rename" as const), tenant: fc.nat(2), victim: fc.nat(50), name: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant("delete" as const), tenant: fc.nat(2), victim: fc.nat(50) }),
  fc.record({ kind: fc.constant("deal" as const), tenant: fc.nat(2), victim: fc.nat(50) }),
);

describe("random operation sequences across tenants", () => {
  it("never move, reveal or change a row of another tenant", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        // Model: customer id → { owner tenant, name }. Rows of every tenant are candidate victims.
        const model = new Map<string, { tenant: string; name: string }>();
        for (const tenant of tenants) {
          for (const c of await forTenant(tenant, app.prisma).customer.findMany()) model.set(c.id, { tenant, name: c.name });
        }
        for (const op of ops) {
          const tenant = tenants[op.tenant]!;
          const client = forTenant(tenant, app.prisma);
          const ids = [...model.keys()];
          const victim = op.kind === "create" ? undefined : ids[op.victim % Math.max(ids.length, 1)];
          if (op.kind === "create") {
            const c = await client.customer.create({ data: { tenantId: tenant, name: op.name } });
            model.set(c.id, { tenant, name: op.name });
          } else if (victim && op.kind === "rename") {
            const { count } = await client.customer.updateMany({ where: { id: victim }, data: { name: op.name } });
            const own = model.get(victim)!.tenant === tenant;
            expect(count).toBe(own ? 1 : 0);
            if (own) model.set(victim, { tenant, name: op.name });
          } else if (victim && op.kind === "delete") {
            const { count } = await client.customer.deleteMany({ where: { id: victim } });
            const own = model.get(victim)!.tenant === tenant;
            expect(count).toBe(own ? 1 : 0);
            if (own) model.delete(victim);
          } else if (victim && op.kind === "deal") {
            const own = model.get(victim)!.tenant === tenant;
            const attempt = client.deal.create({ data: { tenantId: tenant, customerId: victim, title: "d" } });
            if (own) await attempt;
            else await expect(attempt).rejects.toThrow(); // composite FK: no link across tenants
          }
        }
        for (const tenant of tenants) {
          const client = forTenant(tenant, app.prisma);
          const seen = await client.customer.findMany({ select: { id: true, name: true, tenantId: true } });
          const expected = [...model.entries()].filter(([, v]) => v.tenant === tenant).map(([id, v]) => ({ id, name: v.name, tenantId: tenant }));
          expect(seen.sort((x, y) => x.id.localeCompare(y.id))).toEqual(expected.sort((x, y) => x.id.localeCompare(y.id)));
          for (const deal of await client.deal.findMany()) expect(deal.tenantId).toBe(tenant);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
