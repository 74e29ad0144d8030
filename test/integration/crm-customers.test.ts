// Customers (lib/crm/customers.ts), read as a specification. Real PostgreSQL as the restricted
// app role, through forTenant() — the same code the customers pages and actions call.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { initialBillingState, PlanLimitError, ReadOnlyWorkspaceError } from "@/lib/billing/plans";
import {
  archiveCustomer,
  createCustomer,
  CrmError,
  encodeCursor,
  getCustomer,
  listCustomers,
  restoreCustomer,
  updateCustomer,
  type CrmContext,
  type CustomerListQuery,
  type CustomerRow,
} from "@/lib/crm/customers";
import { forTenant, type TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";
import { createTestWorkspace } from "../support/workspace";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Workspace = { tenantId: string; db: TenantDb; as(role: Role): CrmContext };

/** A fresh workspace (on the card-less Pro trial, like a new signup) with one member per role. */
async function workspace(): Promise<Workspace> {
  return createTestWorkspace(app.prisma, { prefix: "crm" });
}

const auditActions = async (ws: Workspace, targetId: string) =>
  (await ws.db.auditLog.findMany({ where: { targetType: "customer", targetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((a) => a.action);

/** Every page of a listing, following `after` cursors. */
async function walk(ctx: CrmContext, query: CustomerListQuery): Promise<{ pages: CustomerRow[][]; cursors: (string | null)[] }> {
  const pages: CustomerRow[][] = [];
  const cursors: (string | null)[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listCustomers(ctx, { ...query, after });
    pages.push(page.items);
    cursors.push(page.nextCursor);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return { pages, cursors };
}

describe("create, edit, archive, restore", () => {
  it("an owner creates a customer (validated, normalised, audited) and reads it back with its deals and notes", async () => {
    const ws = await workspace();
    const owner = ws.as("OWNER");
    const c = await createCustomer(owner, {
      kind: "PERSON",
      name: "  Grace Hopper ",
      email: " Grace@Navy.MIL ",
      phone: "+1 (555) 010-2030",
      website: "navy.mil",
      company: "US Navy",
      address: "",
    });
    expect(c).toMatchObject({ kind: "PERSON", name: "Grace Hopper", email: "grace@navy.mil", website: "https://navy.mil", company: "US Navy", address: null, archivedAt: null });
    await ws.db.deal.create({ data: { tenantId: ws.tenantId, customerId: c.id, title: "Compiler", valueCents: 123_45n } });
    await ws.db.note.create({ data: { tenantId: ws.tenantId, customerId: c.id, authorId: owner.actor.userId, body: "Met at the conference." } });
    const details = await getCustomer(ws.as("VIEWER"), c.id);
    expect(details.customer.id).toBe(c.id);
    expect(details.deals.map((d) => d.title)).toEqual(["Compiler"]);
    expect(details.notes).toEqual([expect.objectContaining({ body: "Met at the conference.", author: "OWNER person" })]);
    expect(await auditActions(ws, c.id)).toEqual(["customer.create"]);
  });

  it("invalid input is refused with one message per field, and nothing is written", async () => {
    const ws = await workspace();
    const refusal = createCustomer(ws.as("MEMBER"), { kind: "ROBOT", name: "  ", email: "not-an-email", website: "not a site", phone: "call me" });
    await expect(refusal).rejects.toBeInstanceOf(CrmError);
    const error = (await refusal.catch((e: unknown) => e)) as CrmError;
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors).toEqual({
      kind: "Choose company or person.",
      name: "Enter a name.",
      email: "Enter a valid email address.",
      website: "Enter a valid website address.",
      phone: "Enter a valid phone number.",
    });
    expect(await ws.db.customer.count()).toBe(0);
  });

  it("a member edits, archives and restores; each step is audited; archived customers leave the active list", async () => {
    const ws = await workspace();
    const member = ws.as("MEMBER");
    const c = await createCustomer(member, { name: "Initech", email: "info@initech.test" });
    const edited = await updateCustomer(member, c.id, { kind: "COMPANY", name: "Initech LLC", email: "hello@initech.test", company: "" });
    expect(edited).toMatchObject({ name: "Initech LLC", email: "hello@initech.test", company: null });
    const archived = await archiveCustomer(member, c.id);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    await expect(archiveCustomer(member, c.id)).rejects.toThrow("This customer is already archived.");
    expect((await listCustomers(member)).items).toHaveLength(0);
    expect((await listCustomers(member, { status: "archived" })).items.map((x) => x.id)).toEqual([c.id]);
    const restored = await restoreCustomer(member, c.id);
    expect(restored.archivedAt).toBeNull();
    expect((await listCustomers(member)).items.map((x) => x.id)).toEqual([c.id]);
    expect(await auditActions(ws, c.id)).toEqual(["customer.create", "customer.update", "customer.archive", "customer.restore"]);
    const update = await ws.db.auditLog.findFirstOrThrow({ where: { action: "customer.update", targetId: c.id } });
    expect(update).toMatchObject({ actorId: member.actor.userId, actorLabel: member.actor.label, data: { changed: ["name", "email"] } });
  });

  it("a VIEWER can read but every write is refused with the role map's message", async () => {
    const ws = await workspace();
    const c = await createCustomer(ws.as("ADMIN"), { name: "Hooli" });
    const viewer = ws.as("VIEWER");
    expect((await listCustomers(viewer)).items.map((x) => x.name)).toEqual(["Hooli"]);
    await expect(createCustomer(viewer, { name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCustomer(viewer, { name: "Nope" })).rejects.toThrow("Only owners, admins and members can create customers.");
    await expect(updateCustomer(viewer, c.id, { name: "Nope" })).rejects.toThrow("Only owners, admins and members can edit customers.");
    await expect(archiveCustomer(viewer, c.id)).rejects.toThrow("Only owners, admins and members can archive customers.");
    await expect(restoreCustomer(viewer, c.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await ws.db.customer.findMany({ select: { name: true, archivedAt: true } })).toEqual([{ name: "Hooli", archivedAt: null }]);
    expect(await auditActions(ws, c.id)).toEqual(["customer.create"]);
  });

  it("the session's role is not trusted for writes: a member demoted to viewer a moment ago is refused", async () => {
    const ws = await workspace();
    const member = ws.as("MEMBER");
    await ws.db.membership.updateMany({ where: { userId: member.actor.userId }, data: { role: "VIEWER" } });
    await expect(createCustomer(member, { name: "Stale role" })).rejects.toThrow("Only owners, admins and members can create customers.");
    expect(await ws.db.customer.count()).toBe(0);
  });
});

describe("plan limits and read-only workspaces", () => {
  it("on the Free plan the 101st active customer is refused with the upgrade message; archiving makes room, restoring needs it", async () => {
    const ws = await workspace();
    await ws.db.tenant.update({ where: { id: ws.tenantId }, data: initialBillingState(new Date(), 0) }); // Free, no trial
    await ws.db.customer.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ tenantId: ws.tenantId, name: `c${String(i).padStart(3, "0")}` })) });
    const owner = ws.as("OWNER");
    const refusal = createCustomer(owner, { name: "One too many" });
    await expect(refusal).rejects.toBeInstanceOf(PlanLimitError);
    await expect(refusal).rejects.toThrow("Your Free plan allows 100 customers. Owners and admins can upgrade on the Billing page.");
    expect(await ws.db.customer.count()).toBe(100);
    const first = await ws.db.customer.findFirstOrThrow({ where: { name: "c000" } });
    await archiveCustomer(owner, first.id);
    const added = await createCustomer(owner, { name: "Now it fits" });
    await expect(restoreCustomer(owner, first.id)).rejects.toThrow("Your Free plan allows 100 customers.");
    await archiveCustomer(owner, added.id);
    await expect(restoreCustomer(owner, first.id)).resolves.toMatchObject({ archivedAt: null });
  });

  it("a read-only workspace refuses create, edit, archive and restore with the reason; reads still work", async () => {
    const ws = await workspace();
    const owner = ws.as("OWNER");
    const c = await createCustomer(owner, { name: "Before the end" });
    const gone = await createCustomer(owner, { name: "Archived before" });
    await archiveCustomer(owner, gone.id);
    await ws.db.tenant.update({
      where: { id: ws.tenantId },
      data: { plan: "PRO", subscriptionStatus: "CANCELED", subscriptionEndedAt: new Date(Date.now() - 30 * 86_400_000), trialEndsAt: null },
    });
    const reason = "This workspace is read-only because its subscription has ended. An owner can choose a plan on the Billing page to restore full access.";
    for (const attempt of [
      () => createCustomer(owner, { name: "After" }),
      () => updateCustomer(owner, c.id, { name: "Renamed" }),
      () => archiveCustomer(owner, c.id),
      () => restoreCustomer(owner, gone.id),
    ]) {
      const refusal = attempt();
      await expect(refusal).rejects.toBeInstanceOf(ReadOnlyWorkspaceError);
      await expect(refusal).rejects.toThrow(reason);
    }
    expect((await listCustomers(owner, { status: "all" })).items.map((x) => x.name).sort()).toEqual(["Archived before", "Before the end"]);
    expect((await getCustomer(owner, c.id)).customer.name).toBe("Before the end");
  });
});

describe("tenant isolation", () => {
  it("workspace B cannot see, edit, archive or restore A's customer by id", async () => {
    const a = await workspace();
    const b = await workspace();
    const secret = await createCustomer(a.as("OWNER"), { name: "A's secret customer", email: "secret@a.test" });
    const intruder = b.as("OWNER");
    const notFound = "This customer does not exist in this workspace.";
    await expect(getCustomer(intruder, secret.id)).rejects.toThrow(notFound);
    await expect(updateCustomer(intruder, secret.id, { name: "Hijacked" })).rejects.toThrow(notFound);
    await expect(archiveCustomer(intruder, secret.id)).rejects.toThrow(notFound);
    await expect(restoreCustomer(intruder, secret.id)).rejects.toThrow(notFound);
    expect((await listCustomers(intruder, { q: "secret", status: "all" })).items).toEqual([]);
    // A malformed id is "not found" too, never a database error.
    await expect(getCustomer(intruder, "../../etc")).rejects.toThrow(notFound);
    const row = await a.db.customer.findFirstOrThrow({ where: { id: secret.id } });
    expect(row).toMatchObject({ name: "A's secret customer", archivedAt: null });
    expect(await b.db.auditLog.count({ where: { targetType: "customer" } })).toBe(0);
  });
});

describe("search isolation (app_customer_search runs as a role that bypasses RLS)", () => {
  it("A's search never returns B's customers, even when B's names and emails match", async () => {
    const a = await workspace();
    const b = await workspace();
    const mine = await createCustomer(a.as("OWNER"), { name: "Shared Name Ltd", email: "shared@a.test" });
    for (const name of ["Shared Name Ltd", "Shared Name Holdings", "B only shared"]) await createCustomer(b.as("OWNER"), { name, email: "shared@b.test" });
    for (const sort of ["created", "name"] as const) {
      const page = await listCustomers(a.as("VIEWER"), { q: "SHARED", status: "all", sort });
      expect(page.items.map((c) => c.id)).toEqual([mine.id]);
    }
    expect((await listCustomers(a.as("VIEWER"), { q: "@b.test", status: "all" })).items).toEqual([]);
    expect((await listCustomers(b.as("VIEWER"), { q: "shared", status: "all" })).items.map((c) => c.email)).toEqual(["shared@b.test", "shared@b.test", "shared@b.test"]);
    // Support access (a read-only client) searches through the same function.
    const readOnly = { ...a.as("VIEWER"), db: forTenant(a.tenantId, app.prisma, { readOnly: true }) };
    expect((await listCustomers(readOnly, { q: "shared" })).items.map((c) => c.id)).toEqual([mine.id]);
  });

  it("as the app role, the function answers for the transaction's tenant only, and nothing without one", async () => {
    const a = await workspace();
    const b = await workspace();
    const target = await createCustomer(b.as("OWNER"), { name: "Target of B", email: "target@b.test" });
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    const search = async (q: string) =>
      (
        await client.query<{ id: string }>(
          "SELECT id::text AS id FROM app_customer_search($1, 'all', NULL, 'created', true, NULL, NULL, NULL, 101)",
          [q],
        )
      ).rows.map((r) => r.id);
    try {
      expect((await client.query<{ current_user: string }>("SELECT current_user")).rows[0]!.current_user).toBe("tenantry_app");
      expect(await search("target")).toEqual([]); // no tenant set: nothing (not every tenant's)
      await client.query("BEGIN");
      await client.query("SELECT app_set_tenant($1::uuid)", [a.tenantId]);
      expect(await search("target")).toEqual([]); // A's transaction cannot reach B's rows
      await client.query("ROLLBACK");
      await client.query("BEGIN");
      await client.query("SELECT app_set_tenant($1::uuid)", [b.tenantId]);
      expect(await search("target")).toEqual([target.id]);
      await client.query("ROLLBACK");
      // The tenant is only ever the transaction's own: there is no parameter to name another.
      const { rows } = await client.query<{ args: string }>(
        "SELECT pg_get_function_arguments('app_customer_search'::regproc) AS args",
      );
      expect(rows[0]!.args).not.toMatch(/tenant/);
      // Only the app role may call it (EXECUTE revoked from PUBLIC).
      const { rows: grants } = await client.query<{ public_can: boolean }>(
        `SELECT bool_or(a.grantee = 0) AS public_can FROM pg_proc p, aclexplode(p.proacl) a WHERE p.proname = 'app_customer_search'`,
      );
      expect(grants[0]!.public_can).toBe(false);
    } finally {
      await client.end();
    }
  });
});

describe("search, filters, sorting and keyset pagination", () => {
  let ws: Workspace;
  let all: CustomerRow[]; // every customer of the workspace as stored
  const base = Date.parse("2020-03-01T00:00:00Z"); // in the past: a customer created now is the newest

  beforeAll(async () => {
    ws = await workspace();
    // 57 customers; created_at collides in threes so the id tie-breaker matters.
    await ws.db.customer.createMany({
      data: Array.from({ length: 57 }, (_, i) => ({
        tenantId: ws.tenantId,
        kind: i % 3 === 0 ? ("PERSON" as const) : ("COMPANY" as const),
        name: `cust ${String((i * 37) % 57).padStart(2, "0")}`,
        email: i % 5 === 0 ? `buyer${i}@Globex.test` : `c${i}@example.test`,
        company: i % 7 === 0 ? "Umbrella Corp" : null,
        createdAt: new Date(base + Math.floor(i / 3) * 60_000),
        archivedAt: i % 10 === 9 ? new Date(base) : null,
      })),
    });
    all = await ws.db.customer.findMany({});
  });

  const byCreated = (x: CustomerRow, y: CustomerRow) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0);
  const byName = (x: CustomerRow, y: CustomerRow) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1);
  const ids = (rows: CustomerRow[]) => rows.map((r) => r.id);

  it("searches name and email case-insensitively (not company: the trigram index covers name and email)", async () => {
    const viewer = ws.as("VIEWER");
    const active = all.filter((c) => c.archivedAt === null);
    const found = async (q: string) => ids((await listCustomers(viewer, { q, limit: 100 })).items).sort();
    expect(await found("GLOBEX")).toEqual(ids(active.filter((c) => c.email!.toLowerCase().includes("globex"))).sort());
    expect(await found("umbrella")).toEqual([]);
    expect(await found("CUST 4")).toEqual(ids(active.filter((c) => c.name.startsWith("cust 4"))).sort());
    expect(await found("no such thing")).toEqual([]);
  });

  it("matches the user's text literally: % _ and \\ are not wildcards", async () => {
    const w = await workspace();
    const owner = w.as("OWNER");
    const names = ["100% Juice", "1000 Juice", "a_b Tools", "axb Tools", "Back\\slash Co", "Backslash Co"];
    for (const name of names) await createCustomer(owner, { name });
    const found = async (q: string) => (await listCustomers(owner, { q, sort: "name" })).items.map((c) => c.name);
    expect(await found("100%")).toEqual(["100% Juice"]);
    expect(await found("a_b")).toEqual(["a_b Tools"]);
    expect(await found("k\\s")).toEqual(["Back\\slash Co"]);
    expect(await found("%")).toEqual(["100% Juice"]);
    expect((await found("juice")).sort()).toEqual(["100% Juice", "1000 Juice"]);
  });

  for (const sort of ["created", "name"] as const) {
    it(`pages a search sorted by ${sort} forward and back (Previous returns the same pages)`, async () => {
      const viewer = ws.as("VIEWER");
      const sorted = [...all].sort(sort === "name" ? byName : byCreated);
      const query = { status: "all", sort, limit: 3 } as const;
      // A search that matches names and one that matches emails, each walked both ways.
      const cases: [string, (c: CustomerRow) => boolean][] = [
        ["cust 1", (c) => c.name.includes("cust 1")],
        ["GLOBEX", (c) => c.email!.toLowerCase().includes("globex")],
      ];
      for (const [q, hit] of cases) {
        const want = sorted.filter(hit);
        expect(want.length).toBeGreaterThan(6);
        const { pages } = await walk(viewer, { ...query, q });
        expect(ids(pages.flat())).toEqual(ids(want));
        let page = await listCustomers(viewer, { ...query, q });
        for (let i = 1; i < pages.length; i++) page = await listCustomers(viewer, { ...query, q, after: page.nextCursor! });
        for (let i = pages.length - 2; i >= 0; i--) {
          page = await listCustomers(viewer, { ...query, q, before: page.prevCursor! });
          expect(ids(page.items)).toEqual(ids(pages[i]!));
        }
        expect(page.prevCursor).toBeNull();
      }
    });
  }

  it("filters by type and by active / archived / all", async () => {
    const viewer = ws.as("VIEWER");
    const list = async (query: CustomerListQuery) => ids((await listCustomers(viewer, { ...query, limit: 100 })).items).sort();
    expect(await list({})).toEqual(ids(all.filter((c) => !c.archivedAt)).sort());
    expect(await list({ status: "archived" })).toEqual(ids(all.filter((c) => c.archivedAt)).sort());
    expect(await list({ status: "all" })).toHaveLength(57);
    expect(await list({ kind: "PERSON", status: "all" })).toEqual(ids(all.filter((c) => c.kind === "PERSON")).sort());
    expect(await list({ kind: "COMPANY", status: "archived" })).toEqual(ids(all.filter((c) => c.kind === "COMPANY" && c.archivedAt)).sort());
    // Unknown values fall back to the defaults instead of failing.
    expect(await list({ kind: "ROBOT", status: "bogus", sort: "evil" })).toEqual(ids(all.filter((c) => !c.archivedAt)).sort());
  });

  for (const sort of ["created", "name"] as const) {
    it(`pages through every customer sorted by ${sort}: no gaps, no repeats, Previous returns the same pages`, async () => {
      const viewer = ws.as("VIEWER");
      const expected = [...all].sort(sort === "name" ? byName : byCreated);
      const { pages } = await walk(viewer, { sort, status: "all", limit: 10 });
      expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 10, 7]);
      expect(ids(pages.flat())).toEqual(ids(expected));
      // Walk back from the last page with `before` cursors.
      let page = await listCustomers(viewer, { sort, status: "all", limit: 10, after: undefined });
      for (let i = 1; i < pages.length; i++) page = await listCustomers(viewer, { sort, status: "all", limit: 10, after: page.nextCursor! });
      expect(page.nextCursor).toBeNull();
      for (let i = pages.length - 2; i >= 0; i--) {
        page = await listCustomers(viewer, { sort, status: "all", limit: 10, before: page.prevCursor! });
        expect(ids(page.items)).toEqual(ids(pages[i]!));
      }
      expect(page.prevCursor).toBeNull(); // the first page has no Previous
      expect(page.nextCursor).not.toBeNull();
    });
  }

  it("cursors are stable: customers added or archived meanwhile do not shift the next page", async () => {
    const member = ws.as("MEMBER");
    const first = await listCustomers(member, { limit: 10 });
    const second = await listCustomers(member, { limit: 10, after: first.nextCursor! });
    // A new customer is newest (before page 1); archiving one of page 1 removes it from the list.
    const fresh = await createCustomer(member, { name: "cust zz fresh" });
    await archiveCustomer(member, first.items[0]!.id);
    const again = await listCustomers(member, { limit: 10, after: first.nextCursor! });
    expect(ids(again.items)).toEqual(ids(second.items));
    expect(ids((await listCustomers(member, { limit: 10 })).items)[0]).toBe(fresh.id);
    await restoreCustomer(member, first.items[0]!.id);
  });

  it("search and filters combine with pagination; a forged or foreign cursor just starts over", async () => {
    const viewer = ws.as("VIEWER");
    const expected = all.filter((c) => !c.archivedAt && c.kind === "COMPANY" && c.name.includes("cust 1")).sort(byName);
    const { pages } = await walk(viewer, { q: "cust 1", kind: "COMPANY", sort: "name", limit: 2 });
    expect(ids(pages.flat())).toEqual(ids(expected));
    const firstPage = ids((await listCustomers(viewer, { limit: 5 })).items);
    expect(ids((await listCustomers(viewer, { limit: 5, after: "garbage" })).items)).toEqual(firstPage);
    const nameCursor = (await listCustomers(viewer, { sort: "name", limit: 5 })).nextCursor!;
    expect(ids((await listCustomers(viewer, { limit: 5, after: nameCursor })).items)).toEqual(firstPage);
  });
});

describe("100,000 customers in one workspace", () => {
  let ws: Workspace;

  beforeAll(async () => {
    ws = await workspace();
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      // As the owner (a superuser: no RLS during the bulk load). Names and dates in many orders.
      await owner.query(
        `INSERT INTO customer (tenant_id, id, kind, name, email, created_at, updated_at)
           SELECT $1, gen_random_uuid(), 'COMPANY', 'Bulk ' || lpad(((g * 7919) % 100000)::text, 6, '0'), 'bulk' || g || '@example.test',
                  timestamptz '2021-01-01' + (g || ' seconds')::interval, now()
             FROM generate_series(1, 100000) AS g`,
        [ws.tenantId],
      );
      await owner.query("ANALYZE customer");
    } finally {
      await owner.end();
    }
  }, 120_000);

  /** The plan of the keyset query lib/crm issues (same predicates), run as the app role under RLS. */
  async function plan(sql: string, params: unknown[]): Promise<string> {
    const app = new pg.Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      await app.query("BEGIN");
      await app.query("SELECT app_set_tenant($1::uuid)", [ws.tenantId]);
      const { rows } = await app.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`, params);
      await app.query("ROLLBACK");
      return rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
    } finally {
      await app.end();
    }
  }

  it("a deep page (newest first and by name) starts at the cursor in the index instead of scanning past earlier rows", async () => {
    const viewer = ws.as("VIEWER");
    const deep = await ws.db.customer.findFirstOrThrow({ where: { email: "bulk1000@example.test" } }); // 99,000 newer rows
    const page = await listCustomers(viewer, { after: encodeCursor("created", deep) });
    expect(page.items.map((c) => c.email)).toEqual(Array.from({ length: 25 }, (_, i) => `bulk${999 - i}@example.test`));
    const created = await plan(
      `SELECT id FROM customer WHERE tenant_id = $1 AND archived_at IS NULL AND created_at <= $2 AND (created_at < $2 OR (created_at = $2 AND id < $3))
         ORDER BY created_at DESC, id DESC LIMIT 26`,
      [ws.tenantId, deep.createdAt, deep.id],
    );
    expect(created).toMatch(/Index Scan using customer_tenant_id_created_at_idx/);
    expect(created).toMatch(/Index Cond: \(\(tenant_id = .*created_at <= /);
    expect(created).not.toMatch(/Rows Removed by Filter: [1-9]\d{3,}/); // never thousands of rows read and dropped

    const byName = await listCustomers(viewer, { sort: "name", after: encodeCursor("name", { id: "00000000-0000-7000-8000-000000000000", name: "Bulk 090000", createdAt: new Date() }) });
    expect(byName.items.map((c) => c.name)).toEqual(Array.from({ length: 25 }, (_, i) => `Bulk ${String(90_000 + i).padStart(6, "0")}`));
    const named = await plan(
      `SELECT id FROM customer WHERE tenant_id = $1 AND archived_at IS NULL AND name >= $2 AND (name > $2 OR (name = $2 AND id > $3))
         ORDER BY name ASC, id ASC LIMIT 26`,
      [ws.tenantId, "Bulk 090000", "00000000-0000-7000-8000-000000000000"],
    );
    expect(named).toMatch(/Index Cond: \(\(tenant_id = .*name >= /);
    expect(named).not.toMatch(/Seq Scan on customer/);
  });
});
