// Per-tenant row estimates (migration *_tenant_statistics, docs/performance.md "Statistics on
// tenant_id"). A skewed workspace population — 120 mid-sized tenants of 50 customers among
// 2,000 one-customer tenants — is analysed, and the planner's estimate for every mid-sized
// tenant's customers must be its own size. With PostgreSQL's default target (100 most common
// values) 20 of them cannot fit and are estimated like the small ones; the test shows that too,
// so it fails if the migration's target is lost.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";

const MID_SIZED = 120;
const MID_SIZE = 50;
const SMALL = 2_000;

let db: TestDatabase;
let owner: pg.Client;

/** The planner's row estimate for one tenant's customers, and the true count. */
async function estimates(): Promise<Array<{ estimated: number; actual: number }>> {
  const { rows: tenants } = await owner.query<{ id: string }>("SELECT id FROM tenant WHERE slug LIKE 'mid-%' ORDER BY slug");
  const out = [];
  for (const { id } of tenants) {
    const { rows } = await owner.query(`EXPLAIN (FORMAT JSON) SELECT * FROM customer WHERE tenant_id = '${id}'`);
    const { rows: count } = await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM customer WHERE tenant_id = $1", [id]);
    out.push({ estimated: rows[0]["QUERY PLAN"][0].Plan["Plan Rows"] as number, actual: count[0]!.n });
  }
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  await owner.query(`
    INSERT INTO tenant (id, slug, name, updated_at)
    SELECT uuidv7(), 'mid-' || lpad(i::text, 4, '0'), 'Mid ' || i, now() FROM generate_series(1, ${MID_SIZED}) AS i
    UNION ALL
    SELECT uuidv7(), 'small-' || lpad(i::text, 4, '0'), 'Small ' || i, now() FROM generate_series(1, ${SMALL}) AS i`);
  await owner.query(`
    INSERT INTO customer (tenant_id, id, name, updated_at)
    SELECT t.id, uuidv7(), 'Customer ' || n, now()
      FROM tenant t CROSS JOIN LATERAL generate_series(1, CASE WHEN t.slug LIKE 'mid-%' THEN ${MID_SIZE} ELSE 1 END) AS n`);
});

afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

describe("statistics on tenant_id", () => {
  it("estimates every mid-sized tenant at its own size", async () => {
    await owner.query("ANALYZE customer");
    const rows = await estimates();
    expect(rows).toHaveLength(MID_SIZED);
    for (const { estimated, actual } of rows) {
      expect(actual).toBe(MID_SIZE);
      expect(estimated).toBeGreaterThanOrEqual(actual / 2);
      expect(estimated).toBeLessThanOrEqual(actual * 2);
    }
  });

  it("with PostgreSQL's default target, some mid-sized tenants are estimated as small ones", async () => {
    await owner.query("ALTER TABLE customer ALTER COLUMN tenant_id SET STATISTICS -1; ANALYZE customer");
    try {
      const underestimated = (await estimates()).filter(({ estimated, actual }) => estimated < actual / 10);
      expect(underestimated.length).toBeGreaterThanOrEqual(MID_SIZED - 100);
    } finally {
      await owner.query("ALTER TABLE customer ALTER COLUMN tenant_id SET STATISTICS 1000; ANALYZE customer");
    }
  });
});
