// The tenant-bound client's reads as pipelined tenant statements (lib/db/tenant-statement.ts):
// what goes over the wire, that nothing of the tenant stays on the pooled connection, that the
// second wall (RLS) still filters, and the hazards of running reads by async context (Prisma's
// findUnique batching, a read that would open a transaction of its own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { forTenant } from "@/lib/db/tenant";
import { asTenantStatement, TenantStatementError } from "@/lib/db/tenant-statement";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";
import { createTestWorkspace, type TestWorkspace } from "../support/workspace";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let a: TestWorkspace;
let b: TestWorkspace;
const customers: Record<"a" | "b", string[]> = { a: [], b: [] };

/** Every query sent on the pool's connections while `run` runs, in the order sent. */
async function recordQueries<T>(pool: pg.Pool, run: () => Promise<T>) {
  const sent: { text: string; sentAt: number; answeredAt: number }[] = [];
  const patched = new Map<pg.PoolClient, unknown>();
  const onAcquire = (client: pg.PoolClient) => {
    if (patched.has(client)) return;
    patched.set(client, client.query);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0] as string | { text: string };
      const entry = { text: typeof config === "string" ? config : config.text, sentAt: performance.now(), answeredAt: Infinity };
      sent.push(entry);
      const result = query(...args);
      if (result instanceof Promise) return result.finally(() => (entry.answeredAt = performance.now()));
      return result;
    };
  };
  pool.on("acquire", onAcquire);
  try {
    const value = await run();
    return { value, sent };
  } finally {
    pool.off("acquire", onAcquire);
    for (const [client, query] of patched) (client as { query: unknown }).query = query; // back to what it was
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db, { max: 1 }); // one connection: every statement shares it
  a = await createTestWorkspace(app.prisma, { prefix: "stmt-a" });
  b = await createTestWorkspace(app.prisma, { prefix: "stmt-b" });
  for (const [key, ws] of [["a", a], ["b", b]] as const) {
    for (let i = 0; i < 3; i++) {
      const c = await ws.db.customer.create({ data: { tenantId: ws.tenantId, name: `${key} customer ${i}` } });
      customers[key].push(c.id);
    }
  }
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("a read through forTenant", () => {
  it("is one read-only transaction that sets the tenant, written to the server at once", async () => {
    const { value, sent } = await recordQueries(app.pool, () => forTenant(a.tenantId, app.prisma).customer.findMany({ orderBy: { name: "asc" } }));
    expect(value.map((c) => c.name)).toEqual(["a customer 0", "a customer 1", "a customer 2"]);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.text).toBe(`BEGIN READ ONLY; SET LOCAL app.tenant_id = '${a.tenantId}'`);
    expect(sent[1]!.text).toMatch(/^SELECT .* FROM "public"\."customer"/s);
    expect(sent[2]!.text).toBe("COMMIT");
    // Pipelined: the COMMIT left before BEGIN was answered, so the three cost one round trip.
    expect(sent[2]!.sentAt).toBeLessThan(sent[0]!.answeredAt);
  });

  it("a write still takes an interactive transaction (Prisma may need several statements)", async () => {
    const { sent } = await recordQueries(app.pool, () =>
      forTenant(a.tenantId, app.prisma).customer.update({ where: { tenantId_id: { tenantId: a.tenantId, id: customers.a[0]! } }, data: { phone: "+1 555 0100" } }),
    );
    expect(sent[0]!.text).toBe("BEGIN");
    expect(sent.some((q) => q.text.startsWith("SELECT app_set_tenant"))).toBe(true);
    expect(sent.at(-1)!.text).toBe("COMMIT");
  });

  it("leaves no tenant and no transaction on the pooled connection", async () => {
    await forTenant(a.tenantId, app.prisma).customer.count();
    // The pool has one connection: this runs on the one the read used.
    const { rows } = await app.pool.query<{ tenant: string | null; visible: number }>(
      "SELECT current_setting('app.tenant_id', true) AS tenant, (SELECT count(*)::int FROM customer) AS visible",
    );
    expect(rows[0]!.tenant ?? "").toBe("");
    expect(rows[0]!.visible).toBe(0); // no tenant set: forced RLS shows nothing
  });

  it("two tenants' findUnique in the same tick each get their own row (no shared batch)", async () => {
    const reads = [];
    for (let i = 0; i < 3; i++) {
      reads.push(forTenant(a.tenantId, app.prisma).customer.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: customers.a[i]! } } }));
      reads.push(forTenant(b.tenantId, app.prisma).customer.findUnique({ where: { tenantId_id: { tenantId: b.tenantId, id: customers.b[i]! } } }));
    }
    const rows = await Promise.all(reads);
    expect(rows.map((r) => r?.name)).toEqual(["a customer 0", "b customer 0", "a customer 1", "b customer 1", "a customer 2", "b customer 2"]);
  });

  it("findUnique of another tenant's row finds nothing; findUniqueOrThrow throws Prisma's P2025", async () => {
    const own = forTenant(a.tenantId, app.prisma);
    expect(await own.customer.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: customers.b[0]! } } })).toBeNull();
    await expect(own.customer.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: customers.b[0]! } } })).rejects.toMatchObject({ code: "P2025" });
    const user = await own.membership.findUnique({ where: { tenantId_userId: { tenantId: a.tenantId, userId: (await own.membership.findFirstOrThrow()).userId } }, include: { user: { select: { email: true } } } });
    expect(user?.user.email).toMatch(/@stmt-a-/);
  });

  it("is the same bound client for the same tenant and mode (kept between requests)", () => {
    expect(forTenant(a.tenantId, app.prisma)).toBe(forTenant(a.tenantId, app.prisma));
    expect(forTenant(a.tenantId, app.prisma, { readOnly: true })).not.toBe(forTenant(a.tenantId, app.prisma));
    expect(forTenant(b.tenantId, app.prisma)).not.toBe(forTenant(a.tenantId, app.prisma));
  });
});

describe("a tenant statement at the pool", () => {
  it("is filtered by RLS for its tenant only", async () => {
    const count = async (tenantId: string) =>
      (await asTenantStatement(tenantId, () => app.pool.query<{ n: number }>({ text: "SELECT count(*)::int AS n FROM customer" }))).rows[0]!.n;
    expect(await count(a.tenantId)).toBe(3);
    expect(await count(b.tenantId)).toBe(3);
    expect((await app.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM customer")).rows[0]!.n).toBe(0);
  });

  it("is read-only: a write in one is refused by PostgreSQL", async () => {
    await expect(
      asTenantStatement(a.tenantId, () => app.pool.query({ text: "UPDATE customer SET phone = 'x'" })),
    ).rejects.toMatchObject({ code: "25006" }); // read_only_sql_transaction
  });

  it("that fails rolls back and leaves the connection usable", async () => {
    await expect(asTenantStatement(a.tenantId, () => app.pool.query({ text: "SELECT 1 / 0" }))).rejects.toMatchObject({ code: "22012" });
    const { rows } = await app.pool.query<{ state: string }>("SELECT 'idle' AS state");
    expect(rows[0]!.state).toBe("idle");
    expect(await forTenant(a.tenantId, app.prisma).customer.count()).toBe(3);
  });

  it("takes only a canonical tenant id, and sends nothing otherwise (the id is written into SET LOCAL)", async () => {
    const tricks = [`${a.tenantId}'; SET LOCAL app.tenant_id = '${b.tenantId}`, a.tenantId.toUpperCase(), ` ${a.tenantId}`, "", "not-a-uuid"];
    for (const id of tricks) {
      const { sent } = await recordQueries(app.pool, () =>
        expect(asTenantStatement(id, () => app.pool.query({ text: "SELECT count(*) FROM customer" }))).rejects.toBeInstanceOf(TenantStatementError),
      );
      expect(sent).toEqual([]);
    }
  });

  it("may not take a connection of its own (it would run without the tenant)", async () => {
    await expect(asTenantStatement(a.tenantId, () => app.pool.connect())).rejects.toBeInstanceOf(TenantStatementError);
    // The callback form too (pg.Pool#query uses it).
    const refused = await new Promise<Error | undefined>((resolve) => asTenantStatement(a.tenantId, async () => app.pool.connect((error) => resolve(error))));
    expect(refused).toBeInstanceOf(TenantStatementError);
  });
});
