// Host resolution's data path: the narrow directory function the app role may call without a
// tenant, and cache invalidation that reaches other app instances through NOTIFY.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossTenant } from "@/lib/db/cross-tenant";
import { createTenantDirectory, type TenantDirectoryEntry } from "@/lib/tenants/directory";
import { listenForTenantChanges } from "@/lib/tenants/change-listener";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "directory-test" } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  await crossTenant({ actor: system, action: "test.setup", reason: "fixtures" }, async (tx) => {
    await tx.tenant.create({ data: { slug: "globex", name: "Globex" } });
  }, app.prisma);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const fetchEntry = async (slug: string) => {
  const rows = await app.prisma.$queryRaw<TenantDirectoryEntry[]>`SELECT id::text AS id, slug, name, status::text AS status FROM app_tenant_directory(${slug})`;
  return rows[0] ?? null;
};

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("tenant directory", () => {
  it("reveals only the public entry of a tenant to the app role, by slug, case-folded", async () => {
    const entry = await fetchEntry("GLOBEX");
    expect(entry).toEqual({ id: expect.any(String), slug: "globex", name: "Globex", status: "ACTIVE" });
    expect(await fetchEntry("nope")).toBeNull();
  });

  it("a change on one instance reaches another instance's cache through NOTIFY", async () => {
    let queries = 0;
    const counting = async (slug: string) => {
      queries++;
      return fetchEntry(slug);
    };
    const instanceA = createTenantDirectory({ fetch: counting, ttlMs: 60_000 });
    const instanceB = createTenantDirectory({ fetch: counting, ttlMs: 60_000 });
    const listenerB = listenForTenantChanges(db.appUrl, instanceB);
    try {
      await until(() => listenerB.connected);
      expect((await instanceA.lookup("globex"))?.status).toBe("ACTIVE");
      expect((await instanceB.lookup("globex"))?.status).toBe("ACTIVE");
      const before = queries;
      for (let i = 0; i < 100; i++) await instanceB.lookup("globex");
      expect(queries).toBe(before); // cache hits: no database round trip

      // Instance A suspends the tenant; B has not been told directly.
      await crossTenant({ actor: system, action: "tenant.suspend", reason: "test" }, (tx) =>
        tx.tenant.update({ where: { slug: "globex" }, data: { status: "SUSPENDED" } }), app.prisma);
      instanceA.invalidate("globex");
      expect((await instanceA.lookup("globex"))?.status).toBe("SUSPENDED");
      await until(async () => (await instanceB.lookup("globex"))?.status === "SUSPENDED");

      // A new tenant is visible at once although its name was cached as unknown.
      expect(await instanceB.lookup("initech")).toBeNull();
      await crossTenant({ actor: system, action: "tenant.create", reason: "test" }, (tx) =>
        tx.tenant.create({ data: { slug: "initech", name: "Initech" } }), app.prisma);
      await until(async () => (await instanceB.lookup("initech"))?.name === "Initech");
    } finally {
      await listenerB.stop();
    }
  });

  it("every cross-tenant use is in the platform audit trail", async () => {
    const rows = await crossTenant({ actor: system, action: "test.read", reason: "check audit" }, (tx) =>
      tx.platformAuditEvent.findMany({ orderBy: { createdAt: "asc" } }), app.prisma);
    expect(rows.map((r) => r.action)).toEqual(["test.setup", "tenant.suspend", "tenant.create", "test.read"]);
    expect(rows.every((r) => r.actorLabel === "directory-test" && r.reason.length > 0)).toBe(true);
  });

  it("a cross-tenant transaction that fails leaves neither its work nor an audit entry", async () => {
    await expect(
      crossTenant({ actor: system, action: "test.fail", reason: "rollback" }, async (tx) => {
        await tx.tenant.create({ data: { slug: "halfway", name: "Half" } });
        throw new Error("boom");
      }, app.prisma),
    ).rejects.toThrow("boom");
    expect(await fetchEntry("halfway")).toBeNull();
    const actions = await crossTenant({ actor: system, action: "test.read", reason: "check" }, (tx) =>
      tx.platformAuditEvent.findMany({ where: { action: "test.fail" } }), app.prisma);
    expect(actions).toEqual([]);
  });
});
