// The catalog check behind `npm run tenancy:check` (threats R1, R5, R6): clean on the real
// schema, and it names each kind of mistake when one is made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, withClient } from "../../scripts/lib/database.mjs";
import { checkTenancy } from "../../scripts/lib/tenancy-check.mjs";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PLATFORM_MODEL_ACCESS, TENANT_OWNED_MODELS } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";

let db: TestDatabase;
const check = () => withClient(db.ownerUrl, (c) => checkTenancy(c, { appRole: APP_ROLE }));
const sql = (text: string) => withClient(db.ownerUrl, (c) => c.query(text));

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("tenancy catalog check", () => {
  it("finds nothing wrong with the migrated schema", async () => {
    expect(await check()).toEqual([]);
  });

  it("knows every model with a tenantId as tenant-owned (the extension's list is complete)", () => {
    const withTenantId = Object.values(Prisma.ModelName).filter((model) =>
      Object.keys((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`] ?? {}).includes("tenantId"),
    );
    expect([...withTenantId].sort()).toEqual([...TENANT_OWNED_MODELS].sort());
  });

  it("classifies every model as tenant-owned or as a platform model with a stated access rule", () => {
    const classified = new Set<string>([...TENANT_OWNED_MODELS, ...Object.keys(PLATFORM_MODEL_ACCESS)]);
    expect(Object.values(Prisma.ModelName).filter((model) => !classified.has(model))).toEqual([]);
  });

  it("names a new tenant table that breaks every rule", async () => {
    await sql(`
      CREATE TABLE widget (id uuid PRIMARY KEY, tenant_id uuid, customer_id uuid, label text);
      CREATE UNIQUE INDEX widget_label_key ON widget (label);
      ALTER TABLE widget ADD CONSTRAINT widget_customer_fk FOREIGN KEY (tenant_id, customer_id)
        REFERENCES customer (tenant_id, id) ON DELETE SET NULL;
    `);
    const problems = (await check()).filter((p) => p.startsWith("widget"));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("tenant_id is nullable"),
        expect.stringContaining("row-level security is not enabled"),
        expect.stringContaining("not forced"),
        expect.stringContaining("no policy"),
        expect.stringContaining("primary key (id) must be (tenant_id, id)"),
        expect.stringContaining("unique index widget_label_key (label) does not lead with tenant_id"),
        expect.stringContaining("ON DELETE SET NULL"),
        "widget: tenant_id statistics target is the default (needs ALTER COLUMN tenant_id SET STATISTICS 1000)",
      ]),
    );
    await sql("DROP TABLE widget");
    expect(await check()).toEqual([]);
  });

  it("names a foreign key that is not composite, and a policy that widens access", async () => {
    await sql(`
      CREATE TABLE gadget (tenant_id uuid NOT NULL, id uuid NOT NULL, deal_id uuid, PRIMARY KEY (tenant_id, id));
      CREATE UNIQUE INDEX deal_id_only ON deal (id);
      ALTER TABLE gadget ADD CONSTRAINT gadget_deal_fk FOREIGN KEY (deal_id) REFERENCES deal (id);
      ALTER TABLE gadget ENABLE ROW LEVEL SECURITY; ALTER TABLE gadget FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON gadget USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()));
      CREATE POLICY everyone ON gadget FOR SELECT USING (true);
    `);
    const problems = await check();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("gadget: foreign key gadget_deal_fk (deal_id) -> deal(id) must be composite"),
        expect.stringContaining("gadget: extra permissive policy everyone"),
        expect.stringContaining("deal: unique index deal_id_only (id) does not lead with tenant_id"),
      ]),
    );
    await sql("DROP TABLE gadget; DROP INDEX deal_id_only;");
  });

  it("names an app role that could bypass RLS or owns objects, and unreviewed definer functions and views", async () => {
    // A probe role of this database's own: the real app role is cluster-wide and other test
    // files are using it right now.
    const probe = `${db.name}_probe`;
    await sql(`
      CREATE ROLE ${probe} BYPASSRLS INHERIT;
      GRANT SELECT ON app_user TO ${probe};
      CREATE TABLE app_owned (id int); ALTER TABLE app_owned OWNER TO ${probe};
      CREATE FUNCTION leak() RETURNS SETOF customer LANGUAGE sql SECURITY DEFINER AS 'SELECT * FROM customer';
      CREATE VIEW all_customers AS SELECT * FROM customer;
    `);
    try {
      expect(await withClient(db.ownerUrl, (c) => checkTenancy(c, { appRole: probe }))).toEqual(
        expect.arrayContaining([
          `role ${probe} has BYPASSRLS`,
          expect.stringContaining(`role ${probe} must be NOINHERIT`),
          expect.stringContaining(`role ${probe} owns r app_owned`),
          expect.stringContaining("function leak is SECURITY DEFINER"),
          expect.stringContaining("view all_customers runs with its owner's rights"),
          `role ${probe} can read app_user.password_hash (secrets are for tenantry_platform only)`,
          `role ${probe} can read app_user.totp_secret (secrets are for tenantry_platform only)`,
        ]),
      );
    } finally {
      await sql(`DROP TABLE app_owned; DROP FUNCTION leak(); DROP VIEW all_customers; REVOKE ALL ON app_user FROM ${probe}; DROP ROLE ${probe};`);
    }
    expect(await check()).toEqual([]);
  });
});
