// Members' secrets (password hash, TOTP secret) are out of a tenant's reach by column
// privilege (migration *_user_secret_columns): a tenant-bound query that would return them
// fails instead of carrying them into a page, while sign-in code (crossTenant, as
// tenantry_platform) still reads them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { crossTenant } from "@/lib/db/cross-tenant";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";
import { createTestWorkspace, type TestWorkspace } from "../support/workspace";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let ws: TestWorkspace;
const system = { kind: "system", label: "user-secrets test" } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  ws = await createTestWorkspace(app.prisma, { prefix: "secrets" });
  await crossTenant({ actor: system, action: "test.setup", reason: "give a member secrets" }, (tx) =>
    tx.user.updateMany({ where: { email: { endsWith: `@${ws.slug}.test` } }, data: { passwordHash: "scrypt$secret-hash", totpSecret: "sealed-totp" } }),
  app.prisma);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("a tenant's clients never read members' secrets", () => {
  it("reads members' names and e-mails through a select", async () => {
    const members = await ws.db.user.findMany({ select: { email: true, name: true }, orderBy: { email: "asc" } });
    expect(members).toHaveLength(4);
    expect(members[0]!.email).toMatch(new RegExp(`@${ws.slug}\\.test$`));
  });

  it("fails, rather than returning them, when a query would select every column", async () => {
    await expect(ws.db.user.findFirst()).rejects.toThrow(/permission denied/);
    await expect(ws.db.membership.findFirst({ include: { user: true } })).rejects.toThrow(/permission denied/);
    await expect(ws.db.user.findFirst({ select: { passwordHash: true } })).rejects.toThrow(/permission denied/);
  });

  it("raw SQL as the app role with the tenant set cannot read them either", async () => {
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT app_set_tenant($1::uuid)", [ws.tenantId]);
      expect((await client.query("SELECT email FROM app_user")).rowCount).toBe(4);
      await expect(client.query("SELECT password_hash FROM app_user")).rejects.toMatchObject({ code: "42501" });
      await client.query("ROLLBACK");
      await client.query("BEGIN");
      await client.query("SELECT app_set_tenant($1::uuid)", [ws.tenantId]);
      await expect(client.query("SELECT totp_secret FROM app_user")).rejects.toMatchObject({ code: "42501" });
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
  });

  it("sign-in code still reads them, through the audited platform escape", async () => {
    const user = await crossTenant({ actor: system, action: "test.read", reason: "sign-in reads the hash" }, (tx) =>
      tx.user.findFirst({ where: { email: { endsWith: `@${ws.slug}.test` } }, select: { passwordHash: true, totpSecret: true } }),
    app.prisma);
    expect(user).toEqual({ passwordHash: "scrypt$secret-hash", totpSecret: "sealed-totp" });
  });
});
