// Deals (issue 7, docs/crm.md): the pipeline. Same shape as lib/crm/customers.ts — an explicit
// context, zod validation, and ONE `$transaction` per write that re-reads the actor's
// membership, checks the role map and the workspace's read-only state, writes, and audits.
// Plans limit seats and customers only (lib/billing/plans.ts), so deals need no count check.
//
// Audit targets are chosen for the customer's activity feed (lib/crm/activity.ts): deal events
// target the deal, except `deal.delete`, which targets the customer (the deal is gone, and the
// feed finds a customer's deals through the deals that still exist).
import { z } from "zod";
import { assertCan } from "@/lib/authz/permissions";
import { assertWorkspaceWritable } from "@/lib/billing/enforce";
import type { TenantTransaction } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DealStage } from "@/lib/generated/prisma/enums";
import { clock, CrmError, currentRole, type CrmContext, type FieldErrors } from "./customers";
import { recordAudit, type AuditTarget } from "@/lib/workspace/audit-entry";
import { CURRENCIES, parseAmount } from "./money";
import { CLOSED_STAGES, DEAL_STAGES } from "./stages";

export const DEAL_FIELDS = ["title", "customerId", "value", "currency", "ownerId", "expectedClose", "stage"] as const;

const notFound = () => new CrmError("not-found", "This deal does not exist in this workspace.");
const uuid = z.uuid();
/** An id from a URL or a form: malformed is "not found" (never a database error). */
export function parseId(value: unknown, missing: () => CrmError): string {
  const parsed = uuid.safeParse(typeof value === "string" ? value.trim().toLowerCase() : value);
  if (!parsed.success) throw missing();
  return parsed.data;
}

const optionalText = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const dealSchema = z.object({
  title: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string("Enter a title.").min(1, "Enter a title.").max(200, "Title must be at most 200 characters."),
  ),
  customerId: z.preprocess((v) => optionalText(v)?.toLowerCase(), z.uuid("Choose a customer.")),
  value: z.preprocess((v) => optionalText(v) ?? "0", z.string().max(40, "Enter a shorter amount.")),
  currency: z.preprocess((v) => optionalText(v)?.toUpperCase() ?? "USD", z.enum(CURRENCIES, "Choose a currency from the list.")),
  ownerId: z.preprocess((v) => optionalText(v)?.toLowerCase(), z.uuid("Choose an owner from the list.").optional()),
  expectedClose: z.preprocess(
    optionalText,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-12-31.")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Enter a real date.")
      .optional(),
  ),
  stage: z.preprocess((v) => optionalText(v) ?? "LEAD", z.enum(DEAL_STAGES, "Choose a stage.")),
});

export type DealInput = {
  title: string;
  customerId: string;
  valueCents: bigint;
  currency: string;
  ownerId: string | null;
  expectedClose: Date | null;
  stage: DealStage;
};

/** Form or object input → DealInput, or CrmError("invalid") with one message per field. */
export function parseDealInput(raw: unknown): DealInput {
  const result = dealSchema.safeParse(raw);
  const fieldErrors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key === "string") fieldErrors[key] ??= issue.message;
    }
  }
  const currency = result.success ? result.data.currency : "USD";
  const rawValue = result.success ? result.data.value : typeof (raw as { value?: unknown })?.value === "string" ? (raw as { value: string }).value : "0";
  const amount = parseAmount(rawValue.trim() === "" ? "0" : rawValue, currency);
  if (!amount.ok) fieldErrors.value ??= amount.message;
  if (!result.success || !amount.ok) throw new CrmError("invalid", "Check the highlighted fields.", fieldErrors);
  const d = result.data;
  return {
    title: d.title,
    customerId: d.customerId,
    valueCents: amount.minor,
    currency: d.currency,
    ownerId: d.ownerId ?? null,
    expectedClose: d.expectedClose ? new Date(`${d.expectedClose}T00:00:00Z`) : null,
    stage: d.stage,
  };
}

// ─── Writes ───

type DealAction = "deal.create" | "deal.update" | "deal.stage" | "deal.delete";

const audit = (ctx: CrmContext, tx: TenantTransaction, action: DealAction, target: AuditTarget, data: Record<string, unknown>) =>
  recordAudit(tx, ctx, action, target, data);

/** The customer must be this workspace's and active; the owner a member of this workspace. */
async function checkReferences(tx: TenantTransaction, input: DealInput, before?: { customerId: string }) {
  const customer = await tx.customer.findFirst({
    where: { id: input.customerId },
    select: { archivedAt: true },
  });
  if (!customer)
    throw new CrmError("invalid", "Check the highlighted fields.", {
      customerId: "Choose a customer from this workspace.",
    });
  if (customer.archivedAt && before?.customerId !== input.customerId) {
    throw new CrmError("invalid", "Check the highlighted fields.", {
      customerId: "This customer is archived: restore it first.",
    });
  }
  if (
    input.ownerId &&
    !(await tx.membership.findFirst({
      where: { userId: input.ownerId },
      select: { id: true },
    }))
  ) {
    throw new CrmError("invalid", "Check the highlighted fields.", {
      ownerId: "The owner must be a member of this workspace.",
    });
  }
}

/** closedAt after a move: set when entering WON/LOST (or switching between them), cleared otherwise. */
function closedAtFor(from: DealStage | null, to: DealStage, previous: Date | null, now: Date): Date | null {
  if (!CLOSED_STAGES.includes(to)) return null;
  return from === to ? previous : now;
}

export type DealRow = {
  id: string;
  title: string;
  customerId: string;
  ownerId: string | null;
  valueCents: bigint;
  currency: string;
  stage: DealStage;
  expectedClose: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
const ROW = {
  id: true,
  title: true,
  customerId: true,
  ownerId: true,
  valueCents: true,
  currency: true,
  stage: true,
  expectedClose: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.DealSelect;

const money = (d: Pick<DealRow, "valueCents" | "currency">) => ({
  valueCents: d.valueCents.toString(),
  currency: d.currency,
});

export async function createDeal(ctx: CrmContext, raw: unknown): Promise<DealRow> {
  assertCan(ctx.actor.role, "deals", "create");
  const input = parseDealInput(raw);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "deals", "create");
    const now = clock(ctx);
    await assertWorkspaceWritable(tx, now);
    await checkReferences(tx, input);
    const deal = await tx.deal.create({
      data: {
        tenantId: ctx.db.tenantId,
        ...input,
        closedAt: closedAtFor(null, input.stage, null, now),
      },
      select: ROW,
    });
    await audit(
      ctx,
      tx,
      "deal.create",
      { type: "deal", id: deal.id },
      {
        title: deal.title,
        customerId: deal.customerId,
        stage: deal.stage,
        ...money(deal),
      },
    );
    return deal;
  });
}

export async function updateDeal(ctx: CrmContext, id: unknown, raw: unknown): Promise<DealRow> {
  assertCan(ctx.actor.role, "deals", "update");
  const key = parseId(id, notFound);
  const input = parseDealInput(raw);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "deals", "update");
    const now = clock(ctx);
    await assertWorkspaceWritable(tx, now);
    const before = await tx.deal.findFirst({ where: { id: key }, select: ROW });
    if (!before) throw notFound();
    await checkReferences(tx, input, before);
    const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
    const changed = (Object.keys(input) as (keyof DealInput)[]).filter((k) => !same(before[k], input[k]));
    const deal = await tx.deal.update({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } },
      data: {
        ...input,
        closedAt: closedAtFor(before.stage, input.stage, before.closedAt, now),
      },
      select: ROW,
    });
    const stage = before.stage !== deal.stage ? { from: before.stage, to: deal.stage } : {};
    await audit(ctx, tx, "deal.update", { type: "deal", id: key }, { title: deal.title, changed, ...stage });
    return deal;
  });
}

/** The board's move: only the stage (and closedAt) change. Moving to the same stage is a no-op. */
export async function moveDeal(ctx: CrmContext, id: unknown, stage: unknown): Promise<DealRow> {
  assertCan(ctx.actor.role, "deals", "update");
  const key = parseId(id, notFound);
  const to = z.enum(DEAL_STAGES).safeParse(stage);
  if (!to.success) throw new CrmError("invalid", "Choose a stage.");
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "deals", "update");
    const now = clock(ctx);
    await assertWorkspaceWritable(tx, now);
    const before = await tx.deal.findFirst({ where: { id: key }, select: ROW });
    if (!before) throw notFound();
    if (before.stage === to.data) return before;
    const deal = await tx.deal.update({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } },
      data: {
        stage: to.data,
        closedAt: closedAtFor(before.stage, to.data, before.closedAt, now),
      },
      select: ROW,
    });
    await audit(ctx, tx, "deal.stage", { type: "deal", id: key }, { title: deal.title, from: before.stage, to: deal.stage, ...money(deal) });
    return deal;
  });
}

/** Deleting removes the deal and its notes; the audit entry stays, on the customer's feed. */
export async function deleteDeal(ctx: CrmContext, id: unknown): Promise<DealRow> {
  assertCan(ctx.actor.role, "deals", "delete");
  const key = parseId(id, notFound);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "deals", "delete");
    await assertWorkspaceWritable(tx, clock(ctx));
    const before = await tx.deal.findFirst({ where: { id: key }, select: ROW });
    if (!before) throw notFound();
    await tx.deal.delete({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } },
    });
    await audit(
      ctx,
      tx,
      "deal.delete",
      { type: "customer", id: before.customerId },
      {
        dealId: key,
        title: before.title,
        stage: before.stage,
        ...money(before),
      },
    );
    return before;
  });
}

// ─── Reads ───

/** A deal as the board, the table and the deal page show it (JSON-safe: cents as a string). */
export type DealView = {
  id: string;
  title: string;
  stage: DealStage;
  valueCents: string;
  currency: string;
  customerId: string;
  customerName: string;
  ownerId: string | null;
  ownerLabel: string | null;
  /** YYYY-MM-DD */
  expectedClose: string | null;
  closedAt: string | null;
  createdAt: string;
};

const VIEW = {
  ...ROW,
  customer: { select: { name: true } },
  owner: { select: { name: true, email: true } },
} as const satisfies Prisma.DealSelect;

type ViewRow = Prisma.DealGetPayload<{ select: typeof VIEW }>;
function view(d: ViewRow): DealView {
  return {
    id: d.id,
    title: d.title,
    stage: d.stage,
    valueCents: d.valueCents.toString(),
    currency: d.currency,
    customerId: d.customerId,
    customerName: d.customer.name,
    ownerId: d.ownerId,
    ownerLabel: d.owner ? (d.owner.name ?? d.owner.email) : null,
    expectedClose: d.expectedClose ? d.expectedClose.toISOString().slice(0, 10) : null,
    closedAt: d.closedAt ? d.closedAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function getDeal(ctx: CrmContext, id: unknown): Promise<DealView> {
  assertCan(ctx.actor.role, "deals", "read");
  const key = parseId(id, notFound);
  const deal = await ctx.db.deal.findFirst({
    where: { id: key },
    select: VIEW,
  });
  if (!deal) throw notFound();
  return view(deal);
}

/** Per stage: how many deals and their value per currency (cents as strings). */
export type StageSummary = {
  stage: DealStage;
  count: number;
  totals: Record<string, string>;
};

async function summaries(tx: TenantTransaction, where: Prisma.DealWhereInput = {}): Promise<StageSummary[]> {
  const groups = await tx.deal.groupBy({
    by: ["stage", "currency"],
    where,
    _count: { _all: true },
    _sum: { valueCents: true },
  });
  return DEAL_STAGES.map((stage) => {
    const mine = groups.filter((g) => g.stage === stage);
    return {
      stage,
      count: mine.reduce((n, g) => n + g._count._all, 0),
      totals: Object.fromEntries(mine.map((g) => [g.currency, (g._sum.valueCents ?? 0n).toString()])),
    };
  });
}

export function stageSummaries(ctx: CrmContext): Promise<StageSummary[]> {
  assertCan(ctx.actor.role, "deals", "read");
  return ctx.db.$transaction((tx) => summaries(tx));
}

/** A board column shows at most this many deals (newest first); the rest are in the table. */
export const BOARD_COLUMN_LIMIT = 50;

export type BoardColumn = StageSummary & { deals: DealView[] };

export async function dealBoard(ctx: CrmContext, { perColumn = BOARD_COLUMN_LIMIT }: { perColumn?: number } = {}): Promise<BoardColumn[]> {
  assertCan(ctx.actor.role, "deals", "read");
  return ctx.db.$transaction(async (tx) => {
    const sums = await summaries(tx);
    const columns: BoardColumn[] = [];
    for (const summary of sums) {
      const deals = summary.count
        ? await tx.deal.findMany({
            where: { stage: summary.stage },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: perColumn,
            select: VIEW,
          })
        : [];
      columns.push({ ...summary, deals: deals.map(view) });
    }
    return columns;
  });
}

export const DEAL_SORTS = ["created", "value", "close", "stage", "title"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];
export const TABLE_PAGE_SIZE = 50;

const tableSchema = z.object({
  stage: z.enum(DEAL_STAGES).optional().catch(undefined),
  sort: z.enum(DEAL_SORTS).catch("created"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  // Offset pagination, capped: deals per workspace are far fewer than customers, and a person
  // sorting by value wants the top pages; deeper than 100 pages, filter by stage instead.
  page: z.coerce.number().int().min(1).max(100).catch(1),
  // One customer's deals (the customer page's "all deals" link).
  customer: uuid.optional().catch(undefined),
});
export type DealTableQuery = {
  stage?: string;
  sort?: string;
  dir?: string;
  page?: string | number;
  customer?: string;
};

export type DealTable = {
  items: DealView[];
  summaries: StageSummary[];
  query: {
    stage: DealStage | null;
    sort: DealSort;
    dir: "asc" | "desc";
    page: number;
    /** Only this customer's deals (null: every customer's). */
    customer: { id: string; name: string } | null;
  };
  hasNext: boolean;
};

/** The default direction of each sort: newest, largest, soonest, pipeline order, A–Z. */
export const DEFAULT_DIR: Record<DealSort, "asc" | "desc"> = {
  created: "desc",
  value: "desc",
  close: "asc",
  stage: "asc",
  title: "asc",
};

export async function listDeals(ctx: CrmContext, raw: DealTableQuery = {}): Promise<DealTable> {
  assertCan(ctx.actor.role, "deals", "read");
  const input = tableSchema.parse(raw);
  const dir = input.dir ?? DEFAULT_DIR[input.sort];
  const stageWhere: Prisma.DealWhereInput = input.stage ? { stage: input.stage } : {};
  const key: Prisma.DealOrderByWithRelationInput[] = {
    created: [{ createdAt: dir }],
    value: [{ valueCents: dir }, { currency: "asc" as const }],
    close: [{ expectedClose: { sort: dir, nulls: "last" as const } }],
    stage: [{ stage: dir }, { createdAt: "desc" as const }],
    title: [{ title: dir }],
  }[input.sort];
  return ctx.db.$transaction(async (tx) => {
    // An unknown customer (deleted, or another workspace's id) drops the filter.
    const customer = input.customer ? await tx.customer.findFirst({ where: { id: input.customer }, select: { id: true, name: true } }) : null;
    const where: Prisma.DealWhereInput = customer ? { ...stageWhere, customerId: customer.id } : stageWhere;
    const rows = await tx.deal.findMany({
      where,
      orderBy: [...key, { id: "desc" }],
      skip: (input.page - 1) * TABLE_PAGE_SIZE,
      take: TABLE_PAGE_SIZE + 1,
      select: VIEW,
    });
    return {
      items: rows.slice(0, TABLE_PAGE_SIZE).map(view),
      summaries: await summaries(tx, where),
      query: {
        stage: input.stage ?? null,
        sort: input.sort,
        dir,
        page: input.page,
        customer,
      },
      hasNext: rows.length > TABLE_PAGE_SIZE,
    };
  });
}

/** A customer's newest deals (the customer page); `more`: it has others (the deals table has them all). */
export async function customerDeals(ctx: CrmContext, customerId: string, take = 50): Promise<{ items: DealView[]; more: boolean }> {
  assertCan(ctx.actor.role, "deals", "read");
  const rows = await ctx.db.deal.findMany({
    where: { customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: VIEW,
  });
  return { items: rows.slice(0, take).map(view), more: rows.length > take };
}

export type DealFormOptions = {
  members: { userId: string; label: string }[];
  customers: { id: string; name: string }[];
};

/** How many customers the deal form's select lists (most recently updated first). */
export const CUSTOMER_CHOICES = 200;

/** Choices for the deal form: members as owners, recent active customers (plus `include`). */
export async function dealFormOptions(ctx: CrmContext, include: string[] = []): Promise<DealFormOptions> {
  assertCan(ctx.actor.role, "deals", "read");
  const extra = include.filter((id) => uuid.safeParse(id).success);
  return ctx.db.$transaction(async (tx) => {
    const memberships = await tx.membership.findMany({
      include: { user: { select: { name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    });
    const recent = await tx.customer.findMany({
      where: { archivedAt: null },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: CUSTOMER_CHOICES,
      select: { id: true, name: true },
    });
    const missing = extra.filter((id) => !recent.some((c) => c.id === id));
    const included = missing.length
      ? await tx.customer.findMany({
          where: { id: { in: missing } },
          select: { id: true, name: true },
        })
      : [];
    return {
      members: memberships.map((m) => ({
        userId: m.userId,
        label: m.user.name ? `${m.user.name} (${m.user.email})` : m.user.email,
      })),
      customers: [...included, ...recent].sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
