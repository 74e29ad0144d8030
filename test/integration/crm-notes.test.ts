// Notes on customers and deals (lib/crm/notes.ts), read as a specification. Real PostgreSQL as
// the restricted app role, through forTenant().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { customerActivity } from "@/lib/crm/activity";
import { createCustomer, CrmError, type CrmContext } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { canDeleteNote, canEditNote, createNote, deleteNote, listNotes, listNotesPage, updateNote } from "@/lib/crm/notes";
import { type TenantDb } from "@/lib/db/tenant";
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

async function workspace(): Promise<Workspace> {
  return createTestWorkspace(app.prisma, { prefix: "notes" });
}

async function subjects(ws: Workspace) {
  const customer = await createCustomer(ws.as("OWNER"), { name: "Acme" });
  const deal = await createDeal(ws.as("OWNER"), {
    title: "Renewal",
    customerId: customer.id,
    value: "10",
  });
  return { customerId: customer.id, dealId: deal.id };
}

describe("writing notes", () => {
  it("a member writes on a customer and on a deal; author and time are shown; the customer lists both", async () => {
    const ws = await workspace();
    const { customerId, dealId } = await subjects(ws);
    const member = ws.as("MEMBER");
    const onCustomer = await createNote(member, { customerId }, "  Met at the conference.  ");
    const onDeal = await createNote(member, { dealId }, "Sent the quote.");
    expect(onCustomer).toMatchObject({
      body: "Met at the conference.",
      customerId,
      dealId: null,
      authorId: member.actor.userId,
    });
    expect(onDeal).toMatchObject({ customerId, dealId, dealTitle: "Renewal" }); // a deal's note is also the customer's
    const viewer = ws.as("VIEWER");
    const forCustomer = await listNotes(viewer, { customerId });
    expect(forCustomer.map((n) => [n.body, n.author, n.dealTitle])).toEqual([
      ["Sent the quote.", "MEMBER person", "Renewal"],
      ["Met at the conference.", "MEMBER person", null],
    ]);
    expect(Date.parse(forCustomer[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await listNotes(viewer, { dealId })).map((n) => n.body)).toEqual(["Sent the quote."]);
  });

  it("audit entries target what the note is on, so the customer's feed shows both", async () => {
    const ws = await workspace();
    const { customerId, dealId } = await subjects(ws);
    const member = ws.as("MEMBER");
    const a = await createNote(member, { customerId }, "On the customer");
    const b = await createNote(member, { dealId }, "On the deal");
    const entries = await ws.db.auditLog.findMany({
      where: { action: { startsWith: "note." } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(entries.map((e) => [e.action, e.targetType, e.targetId, (e.data as { noteId: string }).noteId])).toEqual([
      ["note.create", "customer", customerId, a.id],
      ["note.create", "deal", dealId, b.id],
    ]);
    expect((await customerActivity(ws.as("VIEWER"), customerId)).filter((f) => f.summary === "wrote a note on").map((f) => f.detail)).toEqual([
      "On the deal",
      "On the customer",
    ]);
  });

  it("an empty or too long note, or one on a missing or foreign subject, is refused", async () => {
    const ws = await workspace();
    const other = await workspace();
    const { customerId } = await subjects(ws);
    const foreign = await subjects(other);
    const member = ws.as("MEMBER");
    await expect(createNote(member, { customerId }, "   ")).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { body: "Write something first." },
    });
    await expect(createNote(member, { customerId }, "x".repeat(5_001))).rejects.toThrow("A note can be at most 5,000 characters.");
    await expect(createNote(member, { customerId: foreign.customerId }, "Sneaky")).rejects.toThrow("This customer does not exist in this workspace.");
    await expect(createNote(member, { dealId: foreign.dealId }, "Sneaky")).rejects.toThrow("This deal does not exist in this workspace.");
    await expect(createNote(member, { dealId: "not-a-uuid" }, "Sneaky")).rejects.toBeInstanceOf(CrmError);
    expect(await ws.db.note.count()).toBe(0);
    expect(await other.db.note.count()).toBe(0);
  });
});

describe("editing and deleting", () => {
  it("authors edit their own notes only; the edit is audited", async () => {
    const ws = await workspace();
    const { customerId } = await subjects(ws);
    const member = ws.as("MEMBER");
    const note = await createNote(member, { customerId }, "First draft");
    const edited = await updateNote(member, note.id, "Second draft");
    expect(edited.body).toBe("Second draft");
    await expect(updateNote(ws.as("OWNER"), note.id, "Owner rewrites")).rejects.toThrow("You can only edit your own notes.");
    await expect(updateNote(ws.as("VIEWER"), note.id, "Viewer rewrites")).rejects.toThrow("Only owners, admins and members can edit notes.");
    expect((await listNotes(member, { customerId }))[0]!.body).toBe("Second draft");
    expect(
      await ws.db.auditLog.count({
        where: { action: "note.update", targetId: customerId },
      }),
    ).toBe(1);
  });

  it("authors delete their own; owners and admins delete anyone's; members cannot delete others'; viewers nothing", async () => {
    const ws = await workspace();
    const { customerId, dealId } = await subjects(ws);
    const member = ws.as("MEMBER");
    const admin = ws.as("ADMIN");
    const mine = await createNote(member, { customerId }, "Mine");
    const adminNote = await createNote(admin, { dealId }, "Admin's");
    const another = await createNote(member, { dealId }, "Another of mine");

    await expect(deleteNote(member, adminNote.id)).rejects.toThrow("Only owners and admins can delete other people's notes.");
    await expect(deleteNote(ws.as("VIEWER"), mine.id)).rejects.toBeInstanceOf(ForbiddenError);
    await deleteNote(member, mine.id);
    await deleteNote(admin, another.id); // someone else's
    await deleteNote(ws.as("OWNER"), adminNote.id);
    expect(await ws.db.note.count()).toBe(0);
    const deletes = await ws.db.auditLog.findMany({
      where: { action: "note.delete" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(deletes.map((d) => [d.targetType, d.actorLabel])).toEqual([
      ["customer", member.actor.label],
      ["deal", admin.actor.label],
      ["deal", ws.as("OWNER").actor.label],
    ]);
    await expect(deleteNote(admin, mine.id)).rejects.toThrow("This note does not exist in this workspace.");
  });

  it("the button rules match the server's", () => {
    const author = { authorId: "u1" };
    expect(canEditNote("MEMBER", "u1", author)).toBe(true);
    expect(canEditNote("OWNER", "u2", author)).toBe(false);
    expect(canDeleteNote("MEMBER", "u1", author)).toBe(true);
    expect(canDeleteNote("MEMBER", "u2", author)).toBe(false);
    expect(canDeleteNote("ADMIN", "u2", author)).toBe(true);
    expect(canDeleteNote("VIEWER", "u1", author)).toBe(false);
    expect(canEditNote("VIEWER", "u1", author)).toBe(false);
    expect(canDeleteNote("MEMBER", "u1", { authorId: null })).toBe(false);
  });

  it("a viewer writes nothing", async () => {
    const ws = await workspace();
    const { customerId } = await subjects(ws);
    await expect(createNote(ws.as("VIEWER"), { customerId }, "Hello")).rejects.toThrow("Only owners, admins and members can write notes.");
    expect(await ws.db.note.count()).toBe(0);
  });
});

describe("pages of notes", () => {
  it("every note is reachable: newest first, then older pages by keyset, ties on the time broken by id", async () => {
    const ws = await workspace();
    const { customerId, dealId } = await subjects(ws);
    const member = ws.as("MEMBER");
    for (let i = 0; i < 7; i++) await createNote(member, i % 2 ? { dealId } : { customerId }, `note ${i}`);
    // Two notes at the same instant: the keyset must not skip or repeat either.
    await ws.db.note.updateMany({ where: { body: { in: ["note 3", "note 4"] } }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    const seen: string[] = [];
    let page = await listNotesPage(member, { customerId }, { take: 3 });
    seen.push(...page.items.map((n) => n.body));
    while (page.older) {
      page = await listNotesPage(member, { customerId }, { take: 3, before: page.older });
      seen.push(...page.items.map((n) => n.body));
    }
    const all = (await listNotes(member, { customerId })).map((n) => n.body);
    expect(seen).toEqual(all);
    expect([...seen].sort()).toEqual(["note 0", "note 1", "note 2", "note 3", "note 4", "note 5", "note 6"]);
    // A cursor from elsewhere (another subject's note, or not an id) starts from the newest.
    const other = await createNote(member, { customerId: (await createCustomer(ws.as("OWNER"), { name: "Other" })).id }, "elsewhere");
    expect((await listNotesPage(member, { customerId }, { take: 3, before: other.id })).items.map((n) => n.body)).toEqual(all.slice(0, 3));
    expect((await listNotesPage(member, { customerId }, { take: 3, before: "x' OR 1=1" })).items.map((n) => n.body)).toEqual(all.slice(0, 3));
  });
});
