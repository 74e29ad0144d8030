// Threat R7: a policy with a volatile or per-row setting lookup turns into a sequential scan.
// At ~1M customer rows over 10,000 tenants, queries as the app role — with the explicit
// tenant predicate the extension adds, and with RLS alone — must use the (tenant_id, …) index.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let tenantId = "";

beforeAll(async () => {
  db = await createTestDatabase();
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    // The owner is a superuser here, so RLS does not slow the bulk load.
    await owner.query(`
      INSERT INTO tenant (id, slug, name, updated_at)
        SELECT gen_random_uuid(), 'bench-' || i, 'Tenant ' || i, now() FROM generate_series(1, 10000) AS i;
      INSERT INTO customer (tenant_id, id, name, email, created_at, updated_at)
        SELECT t.id, gen_random_uuid(), 'Customer ' || g, 'c' || g || '@example.com', now() - (g || ' seconds')::interval, now()
          FROM tenant t, generate_series(1, 100) AS g;
      ANALYZE tenant; ANALYZE customer;
    `);
    tenantId = (await owner.query("SELECT id FROM tenant WHERE slug = 'bench-4242'")).rows[0].id;
  } finally {
    await owner.end();
  }
}, 180_000);

afterAll(async () => {
  await db?.drop();
});

async function planAsApp(sql: string, params: unknown[] = []): Promise<string> {
  const app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
  try {
    await app.query("BEGIN");
    await app.query("SELECT app_set_tenant($1::uuid)", [tenantId]);
    const { rows } = await app.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`, params);
    await app.query("ROLLBACK");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await app.end();
  }
}

describe("RLS keeps the tenant index in use at ~1M rows (R7)", () => {
  it("the extension's query shape (explicit tenant_id) uses an index on (tenant_id, …)", async () => {
    const plan = await planAsApp("SELECT * FROM customer WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50", [tenantId]);
    expect(plan).toMatch(/Index Scan using customer_tenant_id_created_at_idx|Index Scan using customer_pkey|Bitmap Index Scan on customer_/);
    expect(plan).not.toMatch(/Seq Scan on customer/);
    expect(plan).toMatch(/rows=50/);
  });

  it("RLS alone (no tenant predicate in the query) still uses the index, evaluating the setting once", async () => {
    const plan = await planAsApp("SELECT * FROM customer ORDER BY created_at DESC LIMIT 50");
    expect(plan).not.toMatch(/Seq Scan on customer/);
    expect(plan).toMatch(/InitPlan/); // (SELECT app_current_tenant()) computed once per query
    expect(plan).toMatch(/Index (Only )?Scan using customer_tenant_id_created_at_idx|Index Cond: \(tenant_id = /);
  });

  it("a count for one tenant reads only that tenant's rows", async () => {
    const plan = await planAsApp("SELECT count(*) FROM customer");
    expect(plan).not.toMatch(/Seq Scan on customer/);
    expect(plan).toMatch(/rows=100\b/);
  });
});
