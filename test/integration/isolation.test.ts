// Tenant isolation, read as a specification. Real PostgreSQL, the restricted app role, both
// walls (the tenant-bound Prisma extension and forced row-level security), and each wall
// alone. Threats P1–P6, R2–R5 in shared/notes/threat-model.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { forTenant, TenantScopeError } from "@/lib/db/tenant";
import { crossTenant } from "@/lib/db/cross-tenant";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";
import { createDatabaseClient } from "@/lib/db/client";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let owner: ReturnType<typeof createDatabaseClient>; // superuser: RLS does not apply
const T: Record<"A" | "B" | "C", string> = { A: "", B: "", C: "" };
const U: Record<"a" | "b", string> = { a: "", b: "" };

const system = { kind: "system", label: "isolation-test" } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  owner = createDatabaseClient({ url: db.ownerUrl, max: 2 });
  await crossTenant({ actor: system, action: "test.setup", reason: "create test tenants" }, async (tx) => {
    for (const key of ["A", "B", "C"] as const) {
      const tenant = await tx.tenant.create({ data: { slug: `iso-${key.toLowerCase()}`, name: `Tenant ${key}` } });
      T[key] = tenant.id;
    }
    U.a = (await tx.user.create({ data: { email: "a@iso.test" } })).id;
    U.b = (await tx.user.create({ data: { email: "b@iso.test" } })).id;
  }, app.prisma);
});

afterAll(async () => {
  await app?.close();
  await owner?.prisma.$disconnect();
  await owner?.pool.end();
  await db?.drop();
});

/** Writes one row of every tenant-owned model for `tenant`, marked with `marker`. */
async function writeEverything(tenant: "A" | "B" | "C", marker: string, userId: string) {
  const t = forTenant(T[tenant], app.prisma);
  const customer = await t.customer.create({ data: { tenantId: t.tenantId, name: `customer ${marker}`, email: `${marker}@example.com` } });
  const deal = await t.deal.create({ data: { tenantId: t.tenantId, customerId: customer.id, title: `deal ${marker}`, valueCents: 1000n } });
  const note = await t.note.create({ data: { tenantId: t.tenantId, customerId: customer.id, dealId: deal.id, body: `note ${marker}`, authorId: null } });
  const membership = await t.membership.create({ data: { tenantId: t.tenantId, userId, role: "MEMBER" } });
  const invitation = await t.invitation.create({
    data: { tenantId: t.tenantId, email: `${marker}@invite.test`, role: "MEMBER", tokenHash: `hash-${marker}`, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const audit = await t.auditLog.create({ data: { tenantId: t.tenantId, actorLabel: "test", action: `write.${marker}` } });
  const handoff = await t.handoffToken.create({
    data: { tenantId: t.tenantId, userId, tokenHash: `handoff-${marker}`, expiresAt: new Date(Date.now() + 60_000) },
  });
  const dataExport = await t.dataExport.create({ data: { tenantId: t.tenantId, requestedById: userId, rowCount: 1 } });
  const support = await t.supportSession.create({
    data: { tenantId: t.tenantId, adminUserId: userId, adminLabel: `admin ${marker}`, reason: `support ${marker}`, expiresAt: new Date(Date.now() + 60_000) },
  });
  return { customer, deal, note, membership, invitation, audit, handoff, dataExport, support };
}

async function everythingVisibleTo(tenant: "A" | "B" | "C") {
  const t = forTenant(T[tenant], app.prisma);
  return {
    customers: await t.customer.findMany(),
    deals: await t.deal.findMany(),
    notes: await t.note.findMany(),
    memberships: await t.membership.findMany(),
    invitations: await t.invitation.findMany(),
    audits: await t.auditLog.findMany(),
    handoffs: await t.handoffToken.findMany(),
    dataExports: await t.dataExport.findMany(),
    supportSessions: await t.supportSession.findMany(),
  };
}

describe("data separation (stancl-style), for every tenant-owned model", () => {
  let a: Awaited<ReturnType<typeof writeEverything>>;

  it("A writes; B sees nothing", async () => {
    a = await writeEverything("A", "a1", U.a);
    const seenByB = await everythingVisibleTo("B");
    for (const [model, rows] of Object.entries(seenByB)) expect(rows, model).toEqual([]);
  });

  it("B writes the same keys; A sees only its own", async () => {
    await writeEverything("B", "a1", U.a); // same marker, same invitation token hash, same user
    const seenByA = await everythingVisibleTo("A");
    for (const [model, rows] of Object.entries(seenByA)) {
      expect(rows, model).toHaveLength(1);
      for (const row of rows) expect(row.tenantId, model).toBe(T.A);
    }
    expect(seenByA.customers[0]!.id).toBe(a.customer.id);
  });

  it("a new tenant C sees nothing", async () => {
    const seenByC = await everythingVisibleTo("C");
    for (const [model, rows] of Object.entries(seenByC)) expect(rows, model).toEqual([]);
    const c = forTenant(T.C, app.prisma);
    expect(await c.customer.count()).toBe(0);
    expect((await c.deal.aggregate({ _sum: { valueCents: true } }))._sum.valueCents).toBeNull();
    expect(await c.deal.groupBy({ by: ["stage"], _count: true })).toEqual([]);
  });
});

describe("A's client aimed at B's ids (model × operation matrix)", () => {
  let b: Awaited<ReturnType<typeof writeEverything>>;
  const models = ["customer", "deal", "note", "membership", "invitation", "auditLog", "handoffToken", "dataExport", "supportSession"] as const;
  type ModelKey = (typeof models)[number];
  const idOf = (model: ModelKey) => ({ customer: b.customer, deal: b.deal, note: b.note, membership: b.membership, invitation: b.invitation, auditLog: b.audit, handoffToken: b.handoff, dataExport: b.dataExport, supportSession: b.support })[model].id;

  beforeAll(async () => {
    b = await writeEverything("B", "matrix", U.b);
  });

  async function bUnchanged() {
    const seen = await everythingVisibleTo("B");
    expect(seen.customers.find((c) => c.id === b.customer.id)?.name).toBe("customer matrix");
    expect(seen.deals.find((d) => d.id === b.deal.id)?.title).toBe("deal matrix");
    expect(seen.notes.find((n) => n.id === b.note.id)?.body).toBe("note matrix");
    expect(seen.memberships.find((m) => m.id === b.membership.id)?.role).toBe("MEMBER");
    expect(seen.invitations.find((i) => i.id === b.invitation.id)).toBeTruthy();
    expect(seen.audits.find((x) => x.id === b.audit.id)).toBeTruthy();
    expect(seen.handoffs.find((x) => x.id === b.handoff.id)?.returnPath).toBe("/");
    expect(seen.dataExports.find((x) => x.id === b.dataExport.id)?.rowCount).toBe(1);
    expect(seen.supportSessions.find((x) => x.id === b.support.id)?.mode).toBe("READ_ONLY");
  }

  for (const model of models) {
    it(`${model}: reads by B's id find nothing`, async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one generic matrix over every model delegate
      const delegate = (forTenant(T.A, app.prisma) as any)[model];
      const id = idOf(model);
      expect(await delegate.findFirst({ where: { id } })).toBeNull();
      expect(await delegate.findMany({ where: { id } })).toEqual([]);
      expect(await delegate.findUnique({ where: { tenantId_id: { tenantId: T.A, id } } })).toBeNull();
      await expect(delegate.findFirstOrThrow({ where: { id } })).rejects.toThrow();
      await expect(delegate.findUniqueOrThrow({ where: { tenantId_id: { tenantId: T.A, id } } })).rejects.toThrow();
      expect(await delegate.count({ where: { id } })).toBe(0);
      expect((await delegate.aggregate({ where: { id }, _count: { _all: true } }))._count._all).toBe(0);
      expect(await delegate.groupBy({ by: ["tenantId"], where: { id }, _count: { _all: true } })).toEqual([]);
    });

    it(`${model}: writes to B's id change nothing`, async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one generic matrix over every model delegate
      const delegate = (forTenant(T.A, app.prisma) as any)[model];
      const id = idOf(model);
      const harmless = { customer: { name: "x" }, deal: { title: "x" }, note: { body: "x" }, membership: { role: "OWNER" }, invitation: { role: "OWNER" }, auditLog: { action: "x" }, handoffToken: { returnPath: "/x" }, dataExport: { rowCount: 99 }, supportSession: { mode: "READ_WRITE" } }[model];
      await expect(delegate.update({ where: { tenantId_id: { tenantId: T.A, id } }, data: harmless })).rejects.toThrow();
      expect((await delegate.updateMany({ where: { id }, data: harmless })).count).toBe(0);
      expect(await delegate.updateManyAndReturn({ where: { id }, data: harmless })).toEqual([]);
      await expect(delegate.delete({ where: { tenantId_id: { tenantId: T.A, id } } })).rejects.toThrow();
      expect((await delegate.deleteMany({ where: { id } })).count).toBe(0);
      // Aiming the compound key at B directly is refused before it reaches the database.
      await expect(delegate.update({ where: { tenantId_id: { tenantId: T.B, id } }, data: harmless })).rejects.toThrow(TenantScopeError);
      await expect(delegate.delete({ where: { tenantId_id: { tenantId: T.B, id } } })).rejects.toThrow(TenantScopeError);
      await bUnchanged();
    });
  }

  it("moving a row to B by changing tenantId is rejected (P3)", async () => {
    const a = forTenant(T.A, app.prisma);
    const mine = await a.customer.create({ data: { tenantId: T.A, name: "movable" } });
    await expect(a.customer.update({ where: { tenantId_id: { tenantId: T.A, id: mine.id } }, data: { tenantId: T.B } })).rejects.toThrow(TenantScopeError);
    await expect(a.customer.updateMany({ where: { id: mine.id }, data: { tenantId: T.B } })).rejects.toThrow(TenantScopeError);
    expect(await a.customer.findFirst({ where: { id: mine.id } })).not.toBeNull();
  });

  it("linking A's deal or note to B's customer fails in the database (composite foreign keys)", async () => {
    const a = forTenant(T.A, app.prisma);
    await expect(a.deal.create({ data: { tenantId: T.A, customerId: b.customer.id, title: "stolen link" } })).rejects.toThrow();
    await expect(a.note.create({ data: { tenantId: T.A, customerId: b.customer.id, body: "stolen link" } })).rejects.toThrow();
    await expect(a.note.create({ data: { tenantId: T.A, dealId: b.deal.id, body: "stolen link" } })).rejects.toThrow();
    const mine = await a.customer.create({ data: { tenantId: T.A, name: "mine" } });
    const deal = await a.deal.create({ data: { tenantId: T.A, customerId: mine.id, title: "mine" } });
    await expect(a.deal.update({ where: { tenantId_id: { tenantId: T.A, id: deal.id } }, data: { customerId: b.customer.id } })).rejects.toThrow();
    await expect(
      a.deal.update({ where: { tenantId_id: { tenantId: T.A, id: deal.id } }, data: { customer: { connect: { tenantId_id: { tenantId: T.B, id: b.customer.id } } } } }),
    ).rejects.toThrow(TenantScopeError);
    await bUnchanged();
  });

  it("nested include/select/_count/create/connectOrCreate never reach B (P1)", async () => {
    const a = forTenant(T.A, app.prisma);
    const customers = await a.customer.findMany({ include: { deals: { include: { notes: true } }, notes: true, _count: { select: { deals: true, notes: true } } } });
    for (const c of customers) {
      expect(c.tenantId).toBe(T.A);
      for (const d of c.deals) {
        expect(d.tenantId).toBe(T.A);
        for (const n of d.notes) expect(n.tenantId).toBe(T.A);
      }
    }
    const created = await a.customer.create({ data: { tenantId: T.A, name: "nested", deals: { create: [{ title: "nested deal" }] } }, include: { deals: true } });
    expect(created.deals[0]!.tenantId).toBe(T.A);
    await expect(a.customer.create({ data: { tenantId: T.A, name: "n", deals: { create: [{ title: "t", tenantId: T.B } as never] } } })).rejects.toThrow(TenantScopeError);
    await expect(
      a.customer.update({
        where: { tenantId_id: { tenantId: T.A, id: created.id } },
        data: { deals: { connectOrCreate: { where: { tenantId_id: { tenantId: T.B, id: b.deal.id } }, create: { title: "x" } } } },
      }),
    ).rejects.toThrow(TenantScopeError);
    await expect(a.customer.findMany({ include: { deals: { where: { tenantId: T.B } } } })).rejects.toThrow(TenantScopeError);
    await expect(a.customer.create({ data: { tenantId: T.A, name: "x", tenant: { connect: { id: T.B } } } as never })).rejects.toThrow(TenantScopeError);
    await bUnchanged();
  });

  it("an upsert on B's unique key leaks nothing and changes nothing (P4)", async () => {
    const a = forTenant(T.A, app.prisma);
    await expect(
      a.invitation.upsert({
        where: { tenantId_tokenHash: { tenantId: T.B, tokenHash: "hash-matrix" } },
        create: { tenantId: T.A, email: "x@x.test", role: "MEMBER", tokenHash: "hash-matrix", expiresAt: new Date() },
        update: { role: "OWNER" },
      }),
    ).rejects.toThrow(TenantScopeError);
    // With A's own key, the same token hash is simply A's own row: no unique violation reveals B's.
    const mine = await a.invitation.upsert({
      where: { tenantId_tokenHash: { tenantId: T.A, tokenHash: "hash-matrix" } },
      create: { tenantId: T.A, email: "x@x.test", role: "MEMBER", tokenHash: "hash-matrix", expiresAt: new Date() },
      update: { role: "OWNER" },
    });
    expect(mine.tenantId).toBe(T.A);
    // Upserting B's primary key id under A creates A's own row; B's row is untouched.
    const sameId = await a.customer.upsert({
      where: { tenantId_id: { tenantId: T.A, id: b.customer.id } },
      create: { tenantId: T.A, id: b.customer.id, name: "A's namesake" },
      update: { name: "overwritten?" },
    });
    expect(sameId.tenantId).toBe(T.A);
    await bUnchanged();
  });

  it("platform models: only the tenant's own Tenant row, members' users, no platform audit", async () => {
    const a = forTenant(T.A, app.prisma);
    expect((await a.tenant.findMany()).map((t) => t.id)).toEqual([T.A]);
    await expect(a.tenant.findUnique({ where: { id: T.B } })).rejects.toThrow(TenantScopeError);
    await expect(a.tenant.update({ where: { id: T.B }, data: { name: "pwned" } })).rejects.toThrow(TenantScopeError);
    await expect(a.tenant.create({ data: { slug: "new", name: "new" } })).rejects.toThrow(TenantScopeError);
    await expect(a.platformAuditEvent.findMany()).rejects.toThrow(TenantScopeError);
    // RLS: users are visible only as members of the current tenant (C has no members).
    expect(await forTenant(T.C, app.prisma).user.findMany({ select: { email: true } })).toEqual([]);
    expect((await a.user.findMany({ select: { email: true } })).map((u) => u.email)).toEqual(["a@iso.test"]);
  });

  it("raw SQL, batches and unknown operations are not available on the tenant client (P5)", async () => {
    const a = forTenant(T.A, app.prisma) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]) {
      expect(() => a[method]!("SELECT 1"), method).toThrow(TenantScopeError);
    }
    await expect((a.$transaction as (x: unknown) => Promise<unknown>)([])).rejects.toThrow(TenantScopeError);
    expect(() => forTenant("not-a-uuid", app.prisma)).toThrow(TenantScopeError);
  });
});

describe("interactive transactions keep one database transaction (P6)", () => {
  it("a transaction that writes then throws leaves no rows", async () => {
    const a = forTenant(T.A, app.prisma);
    await expect(
      a.$transaction(async (tx) => {
        await tx.customer.create({ data: { tenantId: T.A, name: "rolled back" } });
        await tx.customer.create({ data: { tenantId: T.A, name: "rolled back too" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await a.customer.count({ where: { name: { startsWith: "rolled back" } } })).toBe(0);
  });

  it("runs every operation on one connection: a pool of one does not deadlock", async () => {
    const single = appClient(db, { max: 1 });
    try {
      const a = forTenant(T.A, single.prisma);
      const result = await a.$transaction(async (tx) => {
        const c = await tx.customer.create({ data: { tenantId: T.A, name: "locked" } });
        await tx.customer.update({ where: { tenantId_id: { tenantId: T.A, id: c.id } }, data: { name: "locked and updated" } });
        await tx.deal.create({ data: { tenantId: T.A, customerId: c.id, title: "in tx" } });
        return tx.customer.findFirst({ where: { id: c.id }, include: { deals: true } });
      }, { maxWait: 2_000, timeout: 5_000 });
      expect(result?.name).toBe("locked and updated");
      expect(result?.deals).toHaveLength(1);
    } finally {
      await single.close();
    }
  });
});

describe("row-level security on its own (the extension switched off)", () => {
  async function asAppRole<R>(fn: (client: pg.Client) => Promise<R>): Promise<R> {
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  it("raw SQL as the app role with no tenant set returns nothing, and no error (P5, R2)", async () => {
    await asAppRole(async (c) => {
      const { rows } = await c.query<{ relname: string }>(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'",
      );
      expect(rows.length).toBeGreaterThan(10);
      for (const table of rows.map((r) => r.relname)) {
        // app_user: the app role may not read the secret columns at all (user-secrets.test.ts).
        expect((await c.query(`SELECT ${table === "app_user" ? "id" : "*"} FROM ${table}`)).rowCount, table).toBe(0);
      }
    });
  });

  it("on one connection: platform work, a tenant query, then no tenant → zero rows, not an error (R2)", async () => {
    await asAppRole(async (c) => {
      await c.query("BEGIN");
      await c.query("SET LOCAL ROLE tenantry_platform");
      expect((await c.query("SELECT * FROM customer")).rowCount).toBeGreaterThan(1);
      await c.query("COMMIT");
      await c.query("BEGIN");
      await c.query("SELECT app_set_tenant($1::uuid)", [T.A]);
      const own = await c.query("SELECT DISTINCT tenant_id FROM customer");
      expect(own.rows).toEqual([{ tenant_id: T.A }]);
      await c.query("COMMIT");
      expect((await c.query("SELECT current_setting('app.tenant_id', true) AS v")).rows[0].v).toBe(""); // the pooled-connection case
      expect((await c.query("SELECT * FROM customer")).rowCount).toBe(0);
      await c.query("SET app.tenant_id = ''");
      expect((await c.query("SELECT * FROM customer")).rowCount).toBe(0);
    });
  });

  it("the base client without the extension sees only the tenant set in its transaction", async () => {
    const rows = await app.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT app_set_tenant(${T.B}::uuid)`;
      return tx.customer.findMany(); // no where at all
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.tenantId).toBe(T.B);
  });

  it("inserting or moving a row into another tenant fails WITH CHECK (R4, P3)", async () => {
    await asAppRole(async (c) => {
      await c.query("BEGIN");
      await c.query("SELECT app_set_tenant($1::uuid)", [T.A]);
      await expect(c.query("INSERT INTO customer (tenant_id, id, name, updated_at) VALUES ($1, gen_random_uuid(), 'x', now())", [T.B])).rejects.toThrow(/row-level security/);
      await c.query("ROLLBACK");
      await c.query("BEGIN");
      await c.query("SELECT app_set_tenant($1::uuid)", [T.A]);
      await expect(c.query("UPDATE customer SET tenant_id = $1", [T.B])).rejects.toThrow(/row-level security|violates/);
      await c.query("ROLLBACK");
    });
  });

  it("the app role cannot switch RLS off or raise itself", async () => {
    await asAppRole(async (c) => {
      await expect(c.query("ALTER TABLE customer DISABLE ROW LEVEL SECURITY")).rejects.toThrow(/owner|permission/);
      await expect(c.query("ALTER ROLE tenantry_app BYPASSRLS")).rejects.toThrow(/permission/);
      await expect(c.query("SELECT set_config('app.tenant_id', 'not-a-uuid', false)").then(() => c.query("SELECT * FROM customer"))).rejects.toThrow(/uuid/);
    });
  });
});

describe("the extension on its own (RLS switched off)", () => {
  it("a superuser connection, which bypasses RLS, still sees only the bound tenant", async () => {
    const a = forTenant(T.A, owner.prisma);
    const customers = await a.customer.findMany();
    expect(customers.length).toBeGreaterThan(0);
    for (const c of customers) expect(c.tenantId).toBe(T.A);
    expect(await owner.prisma.customer.count()).toBeGreaterThan(customers.length); // B's rows exist
    for (const model of ["deal", "note", "membership", "invitation", "auditLog", "handoffToken", "dataExport", "supportSession"] as const) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic over delegates
      const rows: Array<{ tenantId: string }> = await (a as any)[model].findMany();
      for (const row of rows) expect(row.tenantId, model).toBe(T.A);
    }
  });
});

describe("pooled connections never carry a tenant over (R3, P8)", () => {
  it("10,000 alternating A/B requests over a pool of one connection: no bleed", async () => {
    const single = appClient(db, { max: 1 });
    try {
      const a = forTenant(T.A, single.prisma);
      const b = forTenant(T.B, single.prisma);
      const batch = 200;
      for (let start = 0; start < 10_000; start += batch) {
        const results = await Promise.all(
          Array.from({ length: batch }, (_, i) => {
            const tenant = (start + i) % 2 === 0 ? "A" : "B";
            const client = tenant === "A" ? a : b;
            return client.customer.findMany({ select: { tenantId: true }, take: 3 }).then((rows) => ({ tenant, rows }));
          }),
        );
        for (const { tenant, rows } of results) {
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) expect(row.tenantId).toBe(T[tenant as "A" | "B"]);
        }
      }
      // And the connection is left with no tenant: raw SQL on it sees nothing.
      const rows = await single.pool.query("SELECT count(*)::int AS n FROM customer");
      expect(rows.rows[0].n).toBe(0);
    } finally {
      await single.close();
    }
  }, 120_000);

  it("a transaction that times out leaves no connection idle in transaction, and no tenant behind", async () => {
    const single = appClient(db, { max: 1 });
    try {
      const a = forTenant(T.A, single.prisma);
      await expect(
        a.$transaction(async (tx) => {
          await tx.customer.findMany();
          await new Promise((r) => setTimeout(r, 400));
          await tx.customer.findMany();
        }, { timeout: 100 }),
      ).rejects.toThrow();
      const stuck = await owner.pool.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = 'tenantry_app' AND state LIKE 'idle in transaction%'",
      );
      expect(stuck.rows[0].n).toBe(0);
      const leaked = await single.pool.query("SELECT count(*)::int AS n FROM customer");
      expect(leaked.rows[0].n).toBe(0);
      expect(await a.customer.count()).toBeGreaterThan(0); // the pool still works
    } finally {
      await single.close();
    }
  });
});
