// Deals (lib/crm/deals.ts), the dashboard numbers (lib/crm/dashboard.ts) and the activity feeds
// (lib/crm/activity.ts), read as a specification. Real PostgreSQL as the restricted app role,
// through forTenant() — the same code the deals pages and actions call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { ReadOnlyWorkspaceError } from "@/lib/billing/plans";
import { customerActivity, recentActivity } from "@/lib/crm/activity";
import { createCustomer, CrmError, type CrmContext } from "@/lib/crm/customers";
import { getDashboard, monthStart } from "@/lib/crm/dashboard";
import { createDeal, customerDeals, dealBoard, deleteDeal, getDeal, listDeals, moveDeal, updateDeal } from "@/lib/crm/deals";
import { formatMoney, formatTotals, parseAmount } from "@/lib/crm/money";
import { createNote } from "@/lib/crm/notes";
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

type Workspace = {
  tenantId: string;
  db: TenantDb;
  as(role: Role, now?: () => Date): CrmContext;
  customer(name?: string): Promise<string>;
};

/** A fresh workspace (on the card-less Pro trial, like a new signup) with one member per role. */
async function workspace(): Promise<Workspace> {
  const ws = await createTestWorkspace(app.prisma, { prefix: "deals" });
  return { ...ws, customer: async (name = "Acme") => (await createCustomer(ws.as("OWNER"), { name })).id };
}

const audits = async (ws: Workspace, targetType: string, targetId: string) =>
  (
    await ws.db.auditLog.findMany({
      where: { targetType, targetId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    })
  ).map((a) => ({ action: a.action, data: a.data }));

describe("amounts", () => {
  it("parses what a person types into minor units of the currency, exactly", () => {
    expect(parseAmount("12,500.50", "USD")).toEqual({
      ok: true,
      minor: 1_250_050n,
    });
    expect(parseAmount(" $ 12 500 ", "USD")).toEqual({
      ok: true,
      minor: 1_250_000n,
    });
    expect(parseAmount("0.1", "EUR")).toEqual({ ok: true, minor: 10n });
    expect(parseAmount(".5", "GBP")).toEqual({ ok: true, minor: 50n });
    expect(parseAmount("1500", "JPY")).toEqual({ ok: true, minor: 1500n });
    expect(parseAmount("999999999999.99", "USD")).toEqual({
      ok: true,
      minor: 99_999_999_999_999n,
    });
    expect(parseAmount("12.345", "USD")).toEqual({
      ok: false,
      message: "Use at most 2 decimals.",
    });
    expect(parseAmount("12.5", "JPY")).toEqual({
      ok: false,
      message: "JPY amounts have no decimals.",
    });
    expect(parseAmount("-5", "USD")).toEqual({
      ok: false,
      message: "The amount cannot be negative.",
    });
    expect(parseAmount("12,50", "USD").ok).toBe(false);
    expect(parseAmount("ten", "USD").ok).toBe(false);
    expect(parseAmount("1000000000000", "USD")).toEqual({
      ok: false,
      message: "That amount is too large.",
    });
    expect(formatMoney(1_250_050n, "USD")).toBe("$12,500.50");
    expect(formatMoney("99999999999999999", "USD")).toBe("$999,999,999,999,999.99"); // no float rounding
    expect(formatTotals({ USD: "100", EUR: "250" })).toBe("€2.50 + $1.00");
  });
});

describe("create, edit, move, delete", () => {
  it("a member creates a deal (validated, value parsed, owner a member) and it is audited on the deal", async () => {
    const ws = await workspace();
    const customerId = await ws.customer();
    const member = ws.as("MEMBER");
    const owner = ws.as("ADMIN").actor.userId;
    const deal = await createDeal(member, {
      title: "  Big renewal ",
      customerId,
      value: "12,500.50",
      currency: "eur",
      ownerId: owner,
      expectedClose: "2026-12-31",
    });
    expect(deal).toMatchObject({
      title: "Big renewal",
      valueCents: 1_250_050n,
      currency: "EUR",
      ownerId: owner,
      stage: "LEAD",
      closedAt: null,
    });
    expect(deal.expectedClose?.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(await getDeal(ws.as("VIEWER"), deal.id)).toMatchObject({
      customerName: "Acme",
      ownerLabel: "ADMIN person",
      valueCents: "1250050",
      expectedClose: "2026-12-31",
    });
    expect(await audits(ws, "deal", deal.id)).toEqual([
      {
        action: "deal.create",
        data: {
          title: "Big renewal",
          customerId,
          stage: "LEAD",
          valueCents: "1250050",
          currency: "EUR",
        },
      },
    ]);
  });

  it("bad input is refused with one message per field, and nothing is written", async () => {
    const ws = await workspace();
    const other = await workspace();
    const foreignCustomer = await other.customer("Not yours");
    const member = ws.as("MEMBER");
    const refusal = (await createDeal(member, {
      title: " ",
      customerId: "nope",
      value: "12.345",
      currency: "XYZ",
      expectedClose: "2026-02-30",
      stage: "WINNING",
    }).catch((e: unknown) => e)) as CrmError;
    expect(refusal).toBeInstanceOf(CrmError);
    expect(refusal.fieldErrors).toEqual({
      title: "Enter a title.",
      customerId: "Choose a customer.",
      currency: "Choose a currency from the list.",
      expectedClose: "Enter a real date.",
      stage: "Choose a stage.",
      value: "Use at most 2 decimals.",
    });
    await expect(createDeal(member, { title: "X", customerId: foreignCustomer })).rejects.toMatchObject({
      fieldErrors: { customerId: "Choose a customer from this workspace." },
    });
    const outsider = other.as("OWNER").actor.userId;
    await expect(
      createDeal(member, {
        title: "X",
        customerId: await ws.customer(),
        ownerId: outsider,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { ownerId: "The owner must be a member of this workspace." },
    });
    expect(await ws.db.deal.count()).toBe(0);
  });

  it("moving sets closedAt on Won/Lost and clears it when the deal reopens; each move is audited with from/to", async () => {
    const ws = await workspace();
    let now = new Date("2026-05-10T12:00:00Z");
    const member = ws.as("MEMBER", () => now);
    const deal = await createDeal(member, {
      title: "Pilot",
      customerId: await ws.customer(),
      value: "1000",
    });
    const won = await moveDeal(member, deal.id, "WON");
    expect(won.closedAt?.toISOString()).toBe("2026-05-10T12:00:00.000Z");
    now = new Date("2026-05-11T12:00:00Z");
    expect((await moveDeal(member, deal.id, "WON")).closedAt?.toISOString()).toBe("2026-05-10T12:00:00.000Z"); // same stage: nothing changes
    expect((await moveDeal(member, deal.id, "LOST")).closedAt?.toISOString()).toBe("2026-05-11T12:00:00.000Z");
    expect((await moveDeal(member, deal.id, "NEGOTIATION")).closedAt).toBeNull();
    await expect(moveDeal(member, deal.id, "ARCHIVED")).rejects.toThrow("Choose a stage.");
    // The edit form moves too, with the same closedAt rule.
    const edited = await updateDeal(member, deal.id, {
      title: "Pilot",
      customerId: deal.customerId,
      value: "1000",
      stage: "WON",
    });
    expect(edited.closedAt?.toISOString()).toBe("2026-05-11T12:00:00.000Z");
    expect(
      (await audits(ws, "deal", deal.id)).map((a) => [a.action, (a.data as { from?: string }).from ?? null, (a.data as { to?: string }).to ?? null]),
    ).toEqual([
      ["deal.create", null, null],
      ["deal.stage", "LEAD", "WON"],
      ["deal.stage", "WON", "LOST"],
      ["deal.stage", "LOST", "NEGOTIATION"],
      ["deal.update", "NEGOTIATION", "WON"],
    ]);
  });

  it("an edit records which fields changed", async () => {
    const ws = await workspace();
    const member = ws.as("MEMBER");
    const customerId = await ws.customer();
    const deal = await createDeal(member, {
      title: "Seats",
      customerId,
      value: "10",
      expectedClose: "2026-01-01",
    });
    await updateDeal(member, deal.id, {
      title: "Seats",
      customerId,
      value: "20",
      expectedClose: "2026-01-01",
      ownerId: member.actor.userId,
    });
    const [, update] = await audits(ws, "deal", deal.id);
    expect(update).toEqual({
      action: "deal.update",
      data: { title: "Seats", changed: ["valueCents", "ownerId"] },
    });
  });

  it("only owners and admins delete; the deal's notes go with it and the customer's feed keeps a record", async () => {
    const ws = await workspace();
    const customerId = await ws.customer();
    const member = ws.as("MEMBER");
    const deal = await createDeal(member, {
      title: "Doomed",
      customerId,
      value: "5",
    });
    await createNote(member, { dealId: deal.id }, "Call back next week");
    await expect(deleteDeal(member, deal.id)).rejects.toThrow("Only owners and admins can delete deals.");
    await deleteDeal(ws.as("ADMIN"), deal.id);
    expect(await ws.db.deal.count()).toBe(0);
    expect(await ws.db.note.count()).toBe(0);
    await expect(getDeal(member, deal.id)).rejects.toThrow("This deal does not exist in this workspace.");
    const [deleted] = (await audits(ws, "customer", customerId)).filter((a) => a.action === "deal.delete");
    expect(deleted?.data).toMatchObject({ dealId: deal.id, title: "Doomed" });
    const feed = await customerActivity(ws.as("VIEWER"), customerId);
    expect(feed[0]).toMatchObject({
      actor: ws.as("ADMIN").actor.label,
      summary: "deleted the deal “Doomed” of",
      subject: { label: "Acme", href: `/customers/${customerId}` },
    });
  });
});

describe("permissions and billing", () => {
  it("a viewer reads but every write is refused; nothing is written", async () => {
    const ws = await workspace();
    const customerId = await ws.customer();
    const deal = await createDeal(ws.as("OWNER"), {
      title: "Read me",
      customerId,
      value: "1",
    });
    const viewer = ws.as("VIEWER");
    await expect(createDeal(viewer, { title: "Nope", customerId })).rejects.toThrow("Only owners, admins and members can create deals.");
    await expect(updateDeal(viewer, deal.id, { title: "Nope", customerId })).rejects.toThrow("Only owners, admins and members can edit deals.");
    await expect(moveDeal(viewer, deal.id, "WON")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteDeal(viewer, deal.id)).rejects.toThrow("Only owners and admins can delete deals.");
    expect(await getDeal(viewer, deal.id)).toMatchObject({
      title: "Read me",
      stage: "LEAD",
    });
    expect((await dealBoard(viewer)).find((c) => c.stage === "LEAD")?.deals.map((d) => d.title)).toEqual(["Read me"]);
    expect(await ws.db.auditLog.count({ where: { targetType: "deal" } })).toBe(1);
  });

  it("the session's role is not trusted: a member demoted to viewer a moment ago cannot move a deal", async () => {
    const ws = await workspace();
    const member = ws.as("MEMBER");
    const deal = await createDeal(member, {
      title: "Stale",
      customerId: await ws.customer(),
    });
    await ws.db.membership.updateMany({
      where: { userId: member.actor.userId },
      data: { role: "VIEWER" },
    });
    await expect(moveDeal(member, deal.id, "WON")).rejects.toThrow("Only owners, admins and members can edit deals.");
    expect((await getDeal(member, deal.id)).stage).toBe("LEAD");
  });

  it("a read-only workspace refuses every deal write with the reason; the board still reads", async () => {
    const ws = await workspace();
    const owner = ws.as("OWNER");
    const customerId = await ws.customer();
    const deal = await createDeal(owner, {
      title: "Frozen",
      customerId,
      value: "3",
    });
    await ws.db.tenant.update({
      where: { id: ws.tenantId },
      data: {
        plan: "PRO",
        subscriptionStatus: "CANCELED",
        subscriptionEndedAt: new Date(Date.now() - 30 * 86_400_000),
        trialEndsAt: null,
      },
    });
    for (const attempt of [
      () => createDeal(owner, { title: "After", customerId }),
      () => updateDeal(owner, deal.id, { title: "Renamed", customerId }),
      () => moveDeal(owner, deal.id, "WON"),
      () => deleteDeal(owner, deal.id),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(ReadOnlyWorkspaceError);
    }
    expect((await getDeal(owner, deal.id)).stage).toBe("LEAD");
  });

  it("another workspace cannot read, move or delete a deal by id", async () => {
    const a = await workspace();
    const b = await workspace();
    const secret = await createDeal(a.as("OWNER"), {
      title: "A's deal",
      customerId: await a.customer(),
    });
    const intruder = b.as("OWNER");
    const notFound = "This deal does not exist in this workspace.";
    await expect(getDeal(intruder, secret.id)).rejects.toThrow(notFound);
    await expect(moveDeal(intruder, secret.id, "WON")).rejects.toThrow(notFound);
    await expect(deleteDeal(intruder, secret.id)).rejects.toThrow(notFound);
    await expect(getDeal(intruder, "1; DROP TABLE deal")).rejects.toThrow(notFound);
    expect((await dealBoard(intruder)).every((c) => c.count === 0)).toBe(true);
    expect((await getDeal(a.as("VIEWER"), secret.id)).stage).toBe("LEAD");
  });
});

describe("board, table, dashboard and activity", () => {
  it("the board counts and sums per stage and per currency, and caps each column to the newest deals", async () => {
    const ws = await workspace();
    const owner = ws.as("OWNER");
    const customerId = await ws.customer();
    await createDeal(owner, {
      title: "A",
      customerId,
      value: "100",
      currency: "USD",
    });
    await createDeal(owner, {
      title: "B",
      customerId,
      value: "50.25",
      currency: "USD",
    });
    await createDeal(owner, {
      title: "C",
      customerId,
      value: "70",
      currency: "EUR",
    });
    await createDeal(owner, {
      title: "D",
      customerId,
      value: "1",
      currency: "USD",
      stage: "WON",
    });
    const board = await dealBoard(ws.as("VIEWER"), { perColumn: 2 });
    expect(board.map((c) => c.stage)).toEqual(["LEAD", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST"]);
    const lead = board[0]!;
    expect(lead).toMatchObject({
      count: 3,
      totals: { USD: "15025", EUR: "7000" },
    });
    expect(lead.deals.map((d) => d.title)).toEqual(["C", "B"]); // newest first, capped
    expect(board[4]).toMatchObject({ count: 1, totals: { USD: "100" } });
    expect(board[1]).toMatchObject({ count: 0, totals: {}, deals: [] });
  });

  it("the table sorts by value, close date and stage, filters by stage, and totals the stages", async () => {
    const ws = await workspace();
    const owner = ws.as("OWNER");
    const customerId = await ws.customer();
    await createDeal(owner, {
      title: "small",
      customerId,
      value: "10",
      expectedClose: "2026-03-01",
      stage: "PROPOSAL",
    });
    await createDeal(owner, {
      title: "large",
      customerId,
      value: "1000",
      stage: "LEAD",
    });
    await createDeal(owner, {
      title: "medium",
      customerId,
      value: "500",
      expectedClose: "2026-01-15",
      stage: "WON",
    });
    const viewer = ws.as("VIEWER");
    const titles = async (q: Parameters<typeof listDeals>[1]) => (await listDeals(viewer, q)).items.map((d) => d.title);
    expect(await titles({ sort: "value" })).toEqual(["large", "medium", "small"]);
    expect(await titles({ sort: "value", dir: "asc" })).toEqual(["small", "medium", "large"]);
    expect(await titles({ sort: "close" })).toEqual(["medium", "small", "large"]); // no date last
    expect(await titles({ sort: "stage" })).toEqual(["large", "small", "medium"]); // pipeline order
    expect(await titles({ stage: "WON" })).toEqual(["medium"]);
    expect(await titles({ sort: "nonsense", stage: "NOPE" })).toEqual(["medium", "large", "small"]); // defaults: newest first, all stages
    const table = await listDeals(viewer, { stage: "PROPOSAL" });
    expect(table.summaries.filter((s) => s.count > 0)).toEqual([{ stage: "PROPOSAL", count: 1, totals: { USD: "1000" } }]);
  });

  it("one customer's deals: the customer page shows the newest and says there are more; the table has them all", async () => {
    const ws = await workspace();
    const owner = ws.as("OWNER");
    const [a, b] = [await ws.customer(), await ws.customer()];
    for (let i = 0; i < 4; i++) await createDeal(owner, { title: `a${i}`, customerId: a, value: "1", stage: i === 0 ? "WON" : "LEAD" });
    await createDeal(owner, { title: "b0", customerId: b, value: "1" });
    const viewer = ws.as("VIEWER");
    const newest = await customerDeals(viewer, a, 3);
    expect(newest.items.map((d) => d.title)).toEqual(["a3", "a2", "a1"]);
    expect(newest.more).toBe(true);
    expect((await customerDeals(viewer, a, 4)).more).toBe(false);
    const table = await listDeals(viewer, { customer: a });
    expect(table.items.map((d) => d.title).sort()).toEqual(["a0", "a1", "a2", "a3"]);
    expect(table.query.customer).toMatchObject({ id: a });
    expect(table.summaries.filter((s) => s.count > 0).map((s) => [s.stage, s.count])).toEqual([["LEAD", 3], ["WON", 1]]);
    expect((await listDeals(viewer, { customer: a, stage: "WON" })).items.map((d) => d.title)).toEqual(["a0"]);
    // An id that is not a customer here drops the filter rather than showing an empty table.
    const unknown = await listDeals(viewer, { customer: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.query.customer).toBeNull();
    expect(unknown.items).toHaveLength(5);
  });

  it("the dashboard: open pipeline, deals won this month (by closedAt), and recent activity", async () => {
    const ws = await workspace();
    const customerId = await ws.customer();
    const lastMonth = new Date("2026-04-20T10:00:00Z");
    const thisMonth = new Date("2026-05-03T10:00:00Z");
    const early = ws.as("OWNER", () => lastMonth);
    const owner = ws.as("OWNER", () => thisMonth);
    const old = await createDeal(early, {
      title: "Won in April",
      customerId,
      value: "900",
    });
    await moveDeal(early, old.id, "WON");
    const fresh = await createDeal(owner, {
      title: "Won in May",
      customerId,
      value: "250.50",
    });
    await moveDeal(owner, fresh.id, "WON");
    const euro = await createDeal(owner, {
      title: "Euro win",
      customerId,
      value: "10",
      currency: "EUR",
    });
    await moveDeal(owner, euro.id, "WON");
    await createDeal(owner, {
      title: "Open 1",
      customerId,
      value: "100",
      stage: "PROPOSAL",
    });
    await createDeal(owner, { title: "Open 2", customerId, value: "0.50" });
    const lost = await createDeal(owner, {
      title: "Gone",
      customerId,
      value: "77",
    });
    await moveDeal(owner, lost.id, "LOST");

    const d = await getDashboard(ws.as("VIEWER", () => new Date("2026-05-20T00:00:00Z")));
    expect(monthStart(new Date("2026-05-20T00:00:00Z")).toISOString()).toBe("2026-05-01T00:00:00.000Z");
    expect(d.wonThisMonth).toEqual({
      count: 2,
      totals: { USD: "25050", EUR: "1000" },
      since: "2026-05-01T00:00:00.000Z",
    });
    expect(d.open).toEqual({ count: 2, totals: { USD: "10050" } });
    expect(d.stages.find((s) => s.stage === "WON")).toMatchObject({
      count: 3,
      totals: { USD: "115050", EUR: "1000" },
    });
    expect(d).toMatchObject({ customerCount: 1, dealCount: 6 });

    const recent = await recentActivity(ws.as("VIEWER"), 3);
    expect(recent.map((r) => r.summary)).toEqual(["moved the deal from Lead to Lost", "created the deal in Lead", "created the deal in Lead"]);
    expect(recent[0]!.subject).toEqual({
      label: "Gone",
      href: `/deals/${lost.id}`,
    });
  });

  it("a customer's feed has its own entries and its deals' (moves, notes), not other customers'", async () => {
    const ws = await workspace();
    const member = ws.as("MEMBER");
    const acme = await ws.customer("Acme");
    const other = await ws.customer("Other");
    const deal = await createDeal(member, {
      title: "Acme deal",
      customerId: acme,
      value: "1",
    });
    await moveDeal(member, deal.id, "QUALIFIED");
    await createNote(member, { dealId: deal.id }, "Deal note");
    await createNote(member, { customerId: acme }, "Customer note");
    await createDeal(member, { title: "Other deal", customerId: other });
    const feed = await customerActivity(ws.as("VIEWER"), acme);
    expect(feed.map((f) => [f.summary, f.subject?.label, f.detail])).toEqual([
      ["wrote a note on", "Acme", "Customer note"],
      ["wrote a note on", "Acme deal", "Deal note"],
      ["moved the deal from Lead to Qualified", "Acme deal", null],
      ["created the deal in Lead", "Acme deal", "$1.00"],
      ["added the customer", "Acme", null],
    ]);
  });
});
