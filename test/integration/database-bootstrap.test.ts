// What `npm run dev` / `npm start` do to a database before Next.js starts
// (scripts/lib/database.mjs prepareDatabase), on an empty throwaway database: migrations
// through the real Prisma CLI, the app role's login, the idempotent seed.
import { forTenant } from "@/lib/db/tenant";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APP_ROLE,
  appliedMigrations,
  appRoleProblems,
  migrationNames,
  prepareDatabase,
  withClient,
} from "../../scripts/lib/database.mjs";
import { DEMO_WORKSPACES, seedDatabase } from "../../scripts/lib/seed.mjs";
import { appClient, createTestDatabase, testAppPassword, type TestDatabase } from "../support/database";

const quiet = () => {};

async function rowCounts(url: string) {
  return withClient(url, async (client) => {
    const tables = ["tenant", "app_user", "membership", "customer", "deal", "note"];
    const counts: Record<string, number> = {};
    // Counted in one transaction per table with the tenant set, so that row-level security
    // (forced on tenant tables, binding the owner too) lets the owner see the demo rows.
    const { rows } = await client.query<{ id: string }>("SELECT id FROM tenant WHERE slug = 'acme'");
    for (const table of tables) {
      await client.query("BEGIN");
      if (rows[0]) await client.query("SELECT set_config('app.tenant_id', $1, true)", [rows[0].id]);
      const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      await client.query("COMMIT");
      counts[table] = result.rows[0]!.n;
    }
    return counts;
  });
}

describe("database bootstrap", () => {
  let db: TestDatabase;
  let appUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    appUrl = await prepareDatabase(db.ownerUrl, { password: testAppPassword(), logger: quiet });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies every migration in prisma/migrations with the Prisma CLI", async () => {
    const onDisk = migrationNames();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk.some((name) => name.endsWith("_app_role"))).toBe(true);
    expect(await appliedMigrations(db.ownerUrl)).toEqual(onDisk);
  });

  it("seeds the demo workspace, and seeding again adds nothing", async () => {
    const first = await rowCounts(db.ownerUrl);
    const demo = DEMO_WORKSPACES[0]!;
    expect(first).toMatchObject({
      tenant: 1,
      app_user: 1,
      membership: 1,
      customer: demo.customers.length,
      deal: demo.deals.length,
      note: demo.notes.length,
    });
    expect(await seedDatabase(db.ownerUrl)).toEqual({ inserted: 0 });
    expect(await seedDatabase(db.ownerUrl)).toEqual({ inserted: 0 });
    expect(await rowCounts(db.ownerUrl)).toEqual(first);
  });

  it("running the whole bootstrap again changes nothing", async () => {
    const before = await rowCounts(db.ownerUrl);
    await prepareDatabase(db.ownerUrl, { password: testAppPassword(), logger: quiet });
    expect(await rowCounts(db.ownerUrl)).toEqual(before);
    expect(await appliedMigrations(db.ownerUrl)).toEqual(migrationNames());
  });

  it("leaves the app role restricted: no superuser, no BYPASSRLS, owns nothing, can log in", async () => {
    expect(await appRoleProblems(db.ownerUrl)).toEqual([]);
    const role = await withClient(db.ownerUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb,
                (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned_relations
           FROM pg_roles r WHERE rolname = $1`,
        [APP_ROLE],
      );
      return rows[0];
    });
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcanlogin: true,
      rolcreaterole: false,
      rolcreatedb: false,
      owned_relations: 0,
    });
    const whoami = await withClient(appUrl, async (client) => (await client.query("SELECT current_user AS u")).rows[0].u);
    expect(whoami).toBe(APP_ROLE);
  });

  it("lets the app role read the seeded workspace through Prisma, but not the migration history", async () => {
    const app = appClient({ appUrl });
    try {
      // Without a tenant, RLS hides every row; the directory function reveals the public entry.
      expect(await app.prisma.tenant.findUnique({ where: { slug: "acme" } })).toBeNull();
      const [entry] = await app.prisma.$queryRaw<Array<{ id: string; name: string; status: string }>>`SELECT * FROM app_tenant_directory('acme')`;
      expect(entry).toMatchObject({ name: "Acme Inc.", status: "ACTIVE" });
      const acme = forTenant(entry!.id, app.prisma);
      expect(await acme.tenant.findFirst()).toMatchObject({ slug: "acme", name: "Acme Inc." });
      expect(await acme.customer.count()).toBeGreaterThan(0);
      await expect(app.pool.query("SELECT count(*) FROM _prisma_migrations")).rejects.toMatchObject({ code: "42501" });
    } finally {
      await app.close();
    }
  });
});
