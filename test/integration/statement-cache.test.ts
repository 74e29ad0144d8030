// Prisma's queries as prepared statements (lib/db/statement-cache.ts): prepared once per
// connection and shared by every tenant without sharing rows, bounded per connection, and
// recovering when a column's type changes under a prepared statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db/client";
import { statementName } from "@/lib/db/statement-cache";
import { forTenant } from "@/lib/db/tenant";
import { asTenantStatement } from "@/lib/db/tenant-statement";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";
import { createTestWorkspace, type TestWorkspace } from "../support/workspace";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let a: TestWorkspace;
let b: TestWorkspace;

type Prepared = { name: string; statement: string; generic_plans: string; custom_plans: string };

/** The statements prepared on the pool's one connection (every pool here has max 1). */
async function prepared(pool: pg.Pool): Promise<Prepared[]> {
  return (await pool.query<Prepared>("SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name")).rows;
}

const customerNames = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db, { max: 1 }); // one connection: every statement and tenant shares it
  a = await createTestWorkspace(app.prisma, { prefix: "prep-a" });
  b = await createTestWorkspace(app.prisma, { prefix: "prep-b" });
  for (const [ws, key] of [[a, "a"], [b, "b"]] as const) {
    for (let i = 0; i < 2; i++) await ws.db.customer.create({ data: { tenantId: ws.tenantId, name: `${key} customer ${i}` } });
  }
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("Prisma's queries on a connection", () => {
  it("are prepared once, under a name derived from their SQL, and reused", async () => {
    for (let i = 0; i < 3; i++) await forTenant(a.tenantId, app.prisma).customer.findMany({ select: { name: true }, orderBy: { name: "asc" } });
    const list = (await prepared(app.pool)).find((s) => /FROM "public"\."customer"/.test(s.statement) && /ORDER BY/.test(s.statement));
    expect(list).toBeDefined();
    expect(list!.name).toBe(statementName(list!.statement));
    expect(Number(list!.generic_plans) + Number(list!.custom_plans)).toBeGreaterThanOrEqual(3);
  });

  it("are shared by tenants, generic plan included, and each tenant still sees only its own rows", async () => {
    for (let i = 0; i < 12; i++) {
      const ws = i % 2 ? b : a;
      const rows = await forTenant(ws.tenantId, app.prisma).customer.findMany({ select: { name: true }, where: { archivedAt: null } });
      expect(customerNames(rows)).toEqual(ws === a ? ["a customer 0", "a customer 1"] : ["b customer 0", "b customer 1"]);
    }
    const shared = (await prepared(app.pool)).filter((s) => /"archived_at" IS NULL/.test(s.statement));
    expect(shared).toHaveLength(1); // one statement for both tenants: the tenant is a parameter
    expect(Number(shared[0]!.generic_plans)).toBeGreaterThan(0); // and PostgreSQL reuses one plan

    // The second wall with that cached plan: the extension bypassed (tenant A in the where,
    // tenant B set for RLS) returns nothing. RLS reads the setting when the plan runs.
    const bypass = async () => await app.prisma.customer.findMany({ select: { name: true }, where: { tenantId: a.tenantId, archivedAt: null } });
    for (let i = 0; i < 6; i++) expect(customerNames(await asTenantStatement(a.tenantId, bypass))).toEqual(["a customer 0", "a customer 1"]);
    expect(await asTenantStatement(b.tenantId, bypass)).toEqual([]);
  });
});

describe("the per-connection limit", () => {
  let limited: DatabaseClient;
  beforeAll(() => {
    limited = createDatabaseClient({ url: db.appUrl, max: 1, applicationName: "tenantry-test", preparedStatements: 3 });
  });
  afterAll(async () => {
    await limited.prisma.$disconnect();
    await limited.pool.end();
  });

  it("keeps no more than it allows, the least recently used deallocated; every query answers the same", async () => {
    const tenant = forTenant(a.tenantId, limited.prisma);
    const shapes = [
      () => tenant.customer.findMany({ select: { name: true } }),
      () => tenant.customer.findMany({ select: { name: true, email: true } }),
      () => tenant.customer.findMany({ select: { name: true, phone: true } }),
      () => tenant.customer.findMany({ select: { name: true, kind: true } }),
      () => tenant.customer.findMany({ select: { name: true, createdAt: true } }),
      () => tenant.customer.findMany({ select: { name: true, updatedAt: true } }),
    ];
    for (let round = 0; round < 2; round++) {
      for (const shape of shapes) expect(customerNames(await shape())).toEqual(["a customer 0", "a customer 1"]);
    }
    const kept = await prepared(limited.pool);
    expect(kept).toHaveLength(3); // the last three shapes
    expect(kept.some((s) => s.statement.includes('"updated_at"'))).toBe(true); // the last shape
    expect(kept.some((s) => /SELECT "public"\."customer"\."name" FROM/.test(s.statement))).toBe(false); // the first, evicted
  });

  it("a hot statement stays prepared while one-off IN lists (a statement per length) come and go", async () => {
    const tenant = forTenant(a.tenantId, limited.prisma);
    const ids = (await tenant.customer.findMany({ select: { id: true } })).map((c) => c.id);
    const hot = () => tenant.customer.findMany({ select: { name: true, email: true }, where: { archivedAt: null } });
    for (let length = 1; length <= 10; length++) {
      expect(customerNames(await hot())).toEqual(["a customer 0", "a customer 1"]);
      const some = Array.from({ length }, (_, i) => ids[i % ids.length]!);
      expect((await tenant.customer.findMany({ select: { id: true }, where: { id: { in: some } } })).length).toBe(Math.min(length, ids.length));
    }
    const kept = await prepared(limited.pool);
    expect(kept.length).toBeLessThanOrEqual(3);
    const hotStatement = kept.find((s) => /"archived_at" IS NULL/.test(s.statement) && s.statement.includes('"email"'));
    expect(hotStatement).toBeDefined();
    // Never evicted: one statement ran all ten times (a re-prepared one would count from 1).
    expect(Number(hotStatement!.generic_plans) + Number(hotStatement!.custom_plans)).toBeGreaterThanOrEqual(10);
  });

  it("0 turns prepared statements off", async () => {
    const off = createDatabaseClient({ url: db.appUrl, max: 1, applicationName: "tenantry-test", preparedStatements: 0 });
    try {
      expect(customerNames(await forTenant(b.tenantId, off.prisma).customer.findMany({ select: { name: true } }))).toEqual(["b customer 0", "b customer 1"]);
      expect(await prepared(off.pool)).toEqual([]);
    } finally {
      await off.prisma.$disconnect();
      await off.pool.end();
    }
  });
});

describe("a column's type changed under a prepared statement", () => {
  it("fails the next use once on that connection, then the query is prepared again under a new name", async () => {
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      await owner.query("CREATE TABLE plan_probe (n integer NOT NULL); INSERT INTO plan_probe VALUES (7); GRANT SELECT ON plan_probe TO tenantry_app");
      // Inside interactive transactions, so the connection is kept after the failure (a failed
      // single query gets its connection discarded by pg's pool, which would hide the rename).
      const read = () => app.prisma.$transaction((tx) => tx.$queryRaw<{ n: number | bigint; pid: number }[]>`SELECT n, pg_backend_pid() AS pid FROM plan_probe`);
      const [first] = await read();
      expect(Number(first!.n)).toBe(7);
      await owner.query("ALTER TABLE plan_probe ALTER COLUMN n TYPE bigint");
      await expect(read()).rejects.toThrow(/cached plan must not change result type/);
      const [again] = await read();
      expect(Number(again!.n)).toBe(7);
      expect(again!.pid).toBe(first!.pid); // the same connection, with the statement prepared anew
      const probes = (await prepared(app.pool)).filter((s) => s.statement.includes("plan_probe"));
      expect(probes.map((s) => s.name)).toEqual([statementName(probes[0]!.statement), `${statementName(probes[0]!.statement)}_1`]);
    } finally {
      await owner.query("DROP TABLE IF EXISTS plan_probe");
      await owner.end();
    }
  });
});
