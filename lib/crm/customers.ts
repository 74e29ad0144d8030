// Customers: the CRM's first slice (issue 7, docs/crm.md). Every function takes an explicit
// context ({ db: forTenant(…), actor }) so pages, server actions and tests call the same code.
// Reads and writes go through the tenant-bound client; every write runs in ONE `$transaction`:
// the actor's membership re-read (the session's role may be stale), the permission map, the
// plan limit / read-only check, the write and its audit entry commit or roll back together.
import { z } from "zod";
import { assertCan } from "@/lib/authz/permissions";
import { assertCanAddCustomer, assertWorkspaceWritable } from "@/lib/billing/enforce";
import type { TenantDb, TenantTransaction } from "@/lib/db/tenant";
import { searchCustomerIds } from "@/lib/db/tenant-search";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CustomerKind, Role } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/workspace/audit-entry";

export type CrmActor = { userId: string; role: Role; label: string };
export type CrmContext = { db: TenantDb; actor: CrmActor; now?: () => Date };

export type CrmErrorCode = "invalid" | "not-found" | "conflict";
/** One message per form field (customer, deal and note fields alike). */
export type FieldErrors = Partial<Record<string, string>>;

/** A CRM rule refused the request; `message` (and `fieldErrors`) are meant for the user. */
export class CrmError extends Error {
  override name = "CrmError";
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

export const clock = (ctx: CrmContext) => (ctx.now ? ctx.now() : new Date());

// ─── Validation ───

export const CUSTOMER_KINDS = ["COMPANY", "PERSON"] as const satisfies readonly CustomerKind[];
export const CUSTOMER_FIELDS = ["kind", "name", "email", "phone", "website", "company", "address"] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** FormData values and plain strings alike: trimmed text, "" and non-strings become undefined. */
const text = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
    z.string().max(max, `${label} must be at most ${max} characters.`).optional(),
  );

export const customerInputSchema = z.object({
  kind: z.preprocess((v) => (v === undefined || v === null || v === "" ? "COMPANY" : v), z.enum(CUSTOMER_KINDS, "Choose company or person.")),
  name: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string("Enter a name.").min(1, "Enter a name.").max(200, "Name must be at most 200 characters."),
  ),
  email: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase() : undefined),
    z.email("Enter a valid email address.").max(254, "Email must be at most 254 characters.").optional(),
  ),
  phone: text(50, "Phone").pipe(
    z.string().regex(/^[+()\d\s.\-/]*(?:(?:ext\.?|x)\s*\d+)?$/i, "Enter a valid phone number.").optional(),
  ),
  website: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? (/^https?:\/\//i.test(v.trim()) ? v.trim() : `https://${v.trim()}`) : undefined),
    z
      .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "Enter a valid website address." })
      .max(500, "Website must be at most 500 characters.")
      .optional(),
  ),
  company: text(200, "Company"),
  address: text(500, "Address"),
});
export type CustomerInput = z.infer<typeof customerInputSchema>;

/** zod result → value, or a CrmError("invalid") carrying one message per field. */
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && (CUSTOMER_FIELDS as readonly string[]).includes(key)) fieldErrors[key as CustomerField] ??= issue.message;
  }
  const first = result.error.issues[0]?.message ?? "Invalid input.";
  throw new CrmError("invalid", Object.keys(fieldErrors).length > 0 ? "Check the highlighted fields." : first, fieldErrors);
}

const idSchema = z.uuid();
/** An id from a URL or a form: a malformed one is simply "not found" (never a database error). */
function customerId(value: unknown): string {
  const parsed = idSchema.safeParse(typeof value === "string" ? value.trim().toLowerCase() : value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
const notFound = () => new CrmError("not-found", "This customer does not exist in this workspace.");

/** The fields a create or an update writes (absent optional fields are cleared). */
function columns(input: CustomerInput) {
  return {
    kind: input.kind,
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    company: input.company ?? null,
    address: input.address ?? null,
  };
}

// ─── Writes ───

/** The actor's CURRENT role, read in the write's transaction (a demoted member is refused). */
export async function currentRole(tx: TenantTransaction, actor: CrmActor): Promise<Role> {
  const membership = await tx.membership.findFirst({ where: { userId: actor.userId }, select: { role: true } });
  if (!membership) throw new CrmError("not-found", "You are no longer a member of this workspace.");
  return membership.role;
}

type AuditAction = "customer.create" | "customer.update" | "customer.archive" | "customer.restore";

const audit = (ctx: CrmContext, tx: TenantTransaction, action: AuditAction, targetId: string, data?: Record<string, unknown>) =>
  recordAudit(tx, ctx, action, { type: "customer", id: targetId }, data);

export type CustomerRow = {
  id: string;
  kind: CustomerKind;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  company: string | null;
  address: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
/** The columns of a CustomerRow (the list, the page, the CSV export). */
export const CUSTOMER_ROW_SELECT = {
  id: true,
  kind: true,
  name: true,
  email: true,
  phone: true,
  website: true,
  company: true,
  address: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.CustomerSelect;

export async function createCustomer(ctx: CrmContext, raw: unknown): Promise<CustomerRow> {
  assertCan(ctx.actor.role, "customers", "create"); // early, before validation messages
  const input = parse(customerInputSchema, raw);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "customers", "create");
    await assertCanAddCustomer(tx, clock(ctx)); // the count and the insert in one transaction
    const customer = await tx.customer.create({ data: { tenantId: ctx.db.tenantId, ...columns(input) }, select: CUSTOMER_ROW_SELECT });
    await audit(ctx, tx, "customer.create", customer.id, { name: customer.name, kind: customer.kind });
    return customer;
  });
}

export async function updateCustomer(ctx: CrmContext, id: unknown, raw: unknown): Promise<CustomerRow> {
  assertCan(ctx.actor.role, "customers", "update");
  const key = customerId(id);
  const input = parse(customerInputSchema, raw);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "customers", "update");
    await assertWorkspaceWritable(tx, clock(ctx));
    const before = await tx.customer.findFirst({ where: { id: key }, select: CUSTOMER_ROW_SELECT });
    if (!before) throw notFound();
    const next = columns(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]);
    const customer = await tx.customer.update({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } }, data: next, select: CUSTOMER_ROW_SELECT });
    await audit(ctx, tx, "customer.update", key, { changed });
    return customer;
  });
}

export async function archiveCustomer(ctx: CrmContext, id: unknown): Promise<CustomerRow> {
  assertCan(ctx.actor.role, "customers", "archive");
  const key = customerId(id);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "customers", "archive");
    await assertWorkspaceWritable(tx, clock(ctx));
    const before = await tx.customer.findFirst({ where: { id: key }, select: { archivedAt: true } });
    if (!before) throw notFound();
    if (before.archivedAt) throw new CrmError("conflict", "This customer is already archived.");
    const customer = await tx.customer.update({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } },
      data: { archivedAt: clock(ctx) },
      select: CUSTOMER_ROW_SELECT,
    });
    await audit(ctx, tx, "customer.archive", key);
    return customer;
  });
}

/** Restoring makes the customer count again: it needs room under the plan's customer limit. */
export async function restoreCustomer(ctx: CrmContext, id: unknown): Promise<CustomerRow> {
  assertCan(ctx.actor.role, "customers", "archive");
  const key = customerId(id);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "customers", "archive");
    const before = await tx.customer.findFirst({ where: { id: key }, select: { archivedAt: true } });
    if (!before) throw notFound();
    if (!before.archivedAt) throw new CrmError("conflict", "This customer is not archived.");
    await assertCanAddCustomer(tx, clock(ctx));
    const customer = await tx.customer.update({ where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } }, data: { archivedAt: null }, select: CUSTOMER_ROW_SELECT });
    await audit(ctx, tx, "customer.restore", key);
    return customer;
  });
}

// ─── Reads ───

export const CUSTOMER_SORTS = ["created", "name"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const CUSTOMER_STATUSES = ["active", "archived", "all"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const PAGE_SIZE = 25;

const listSchema = z.object({
  q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) : undefined), z.string().optional()),
  kind: z.enum(CUSTOMER_KINDS).optional().catch(undefined),
  status: z.enum(CUSTOMER_STATUSES).catch("active"),
  sort: z.enum(CUSTOMER_SORTS).catch("created"),
  after: z.string().max(1000).optional().catch(undefined),
  before: z.string().max(1000).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(PAGE_SIZE),
});
/** From a URL or a test: anything unknown falls back to the default (active, newest first). */
export type CustomerListQuery = { q?: string; kind?: string; status?: string; sort?: string; after?: string; before?: string; limit?: number };

export type CustomerListPage = {
  items: CustomerRow[];
  /** Cursor of the last item when there is a later page ("Next"). */
  nextCursor: string | null;
  /** Cursor of the first item when there is an earlier page ("Previous"). */
  prevCursor: string | null;
  query: { q: string; kind: CustomerKind | null; status: CustomerStatus; sort: CustomerSort; limit: number };
};

/**
 * A cursor is the boundary row's sort key and id (keyset pagination: the next page is "rows
 * after this key", which stays an index range scan at any depth and is stable under inserts).
 * Opaque base64url JSON; a cursor of another sort, or a forged one, is ignored (first page).
 */
type Cursor = { s: CustomerSort; k: string; id: string };
const cursorSchema = z.object({ s: z.enum(CUSTOMER_SORTS), k: z.string().max(400), id: z.uuid() });

export function encodeCursor(sort: CustomerSort, row: Pick<CustomerRow, "id" | "name" | "createdAt">): string {
  const cursor: Cursor = { s: sort, k: sort === "name" ? row.name : row.createdAt.toISOString(), id: row.id };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(sort: CustomerSort, value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort) return null;
    if (sort === "created" && Number.isNaN(Date.parse(parsed.data.k))) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Rows strictly beyond the cursor in the direction of travel (forward = the page's order). */
function beyond(sort: CustomerSort, cursor: Cursor, forward: boolean): Prisma.CustomerWhereInput {
  // The first, redundant bound (>= / <=) is what the planner can use as an index range on
  // (tenant_id, name) / (tenant_id, created_at DESC): a deep page starts at the cursor instead
  // of scanning past every earlier row; the OR then settles ties by id.
  if (sort === "name") {
    const [op, bound] = forward ? (["gt", "gte"] as const) : (["lt", "lte"] as const); // name ASC, id ASC
    return { name: { [bound]: cursor.k }, OR: [{ name: { [op]: cursor.k } }, { name: cursor.k, id: { [op]: cursor.id } }] };
  }
  const at = new Date(cursor.k);
  const [op, bound] = forward ? (["lt", "lte"] as const) : (["gt", "gte"] as const); // created_at DESC, id DESC
  return { createdAt: { [bound]: at }, OR: [{ createdAt: { [op]: at } }, { createdAt: at, id: { [op]: cursor.id } }] };
}

function order(sort: CustomerSort, forward: boolean): Prisma.CustomerOrderByWithRelationInput[] {
  if (sort === "name") {
    const dir = forward ? "asc" : "desc";
    return [{ name: dir }, { id: dir }];
  }
  const dir = forward ? "desc" : "asc";
  return [{ createdAt: dir }, { id: dir }];
}

/**
 * A search page. The ids come from app_customer_search (lib/db/tenant-search.ts): under RLS an
 * ILIKE cannot use the trigram index customer_tenant_id_name_email_trgm_idx (ILIKE is not
 * LEAKPROOF), so the function runs the search as a role that bypasses RLS, for this
 * transaction's tenant only, with the same filters, sort and keyset (docs/crm.md "Search at
 * scale"). The rows are then read through the tenant-bound client with the same conditions
 * (RLS applies again; a row archived in between drops out) and ordered by PostgreSQL.
 * Search covers name and email only: the indexed columns.
 */
async function searchPage(
  ctx: CrmContext,
  input: z.infer<typeof listSchema>,
  q: string,
  cursor: Cursor | null,
  forward: boolean,
  base: Prisma.CustomerWhereInput[],
  page: { orderBy: Prisma.CustomerOrderByWithRelationInput[]; take: number },
): Promise<CustomerRow[]> {
  const ids = await searchCustomerIds(ctx.db, {
    query: q,
    status: input.status,
    kind: input.kind ?? null,
    sort: input.sort,
    forward,
    cursor: cursor ? (input.sort === "name" ? { id: cursor.id, name: cursor.k } : { id: cursor.id, createdAt: new Date(cursor.k) }) : null,
    limit: page.take,
  });
  if (ids.length === 0) return [];
  return ctx.db.customer.findMany({ where: { AND: [...base, { id: { in: ids } }] }, ...page, select: CUSTOMER_ROW_SELECT });
}

/** A page of customers: search, filters, sort and keyset pagination (`after` / `before`). */
export async function listCustomers(ctx: CrmContext, raw: CustomerListQuery = {}): Promise<CustomerListPage> {
  assertCan(ctx.actor.role, "customers", "read");
  const input = listSchema.parse(raw);
  const q = input.q ?? "";
  const filters: Prisma.CustomerWhereInput[] = [];
  if (input.status === "active") filters.push({ archivedAt: null });
  if (input.status === "archived") filters.push({ archivedAt: { not: null } });
  if (input.kind) filters.push({ kind: input.kind });
  const before = decodeCursor(input.sort, input.before);
  const after = before ? null : decodeCursor(input.sort, input.after);
  const cursor = before ?? after;
  const forward = !before;
  const base = cursor ? [...filters, beyond(input.sort, cursor, forward)] : filters;
  const page = { orderBy: order(input.sort, forward), take: input.limit + 1 };

  const rows = q ? await searchPage(ctx, input, q, cursor, forward, base, page) : await ctx.db.customer.findMany({ where: { AND: base }, ...page, select: CUSTOMER_ROW_SELECT });
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit);
  if (!forward) items.reverse();
  const first = items[0];
  const last = items.at(-1);
  const hasNext = forward ? more : true; // coming back from a later page: that page exists
  const hasPrev = forward ? cursor !== null : more;
  return {
    items,
    nextCursor: hasNext && last ? encodeCursor(input.sort, last) : null,
    prevCursor: hasPrev && first ? encodeCursor(input.sort, first) : null,
    query: { q, kind: input.kind ?? null, status: input.status, sort: input.sort, limit: input.limit },
  };
}

export type CustomerDetails = {
  customer: CustomerRow;
  deals: { id: string; title: string; stage: string; valueCents: bigint; currency: string; expectedClose: Date | null; createdAt: Date }[];
  notes: { id: string; body: string; createdAt: Date; author: string | null; dealId: string | null }[];
};

/** One customer with its deals and notes (newest first, 50 each), or a CrmError("not-found"). */
export async function getCustomer(ctx: CrmContext, id: unknown): Promise<CustomerDetails> {
  assertCan(ctx.actor.role, "customers", "read");
  const key = customerId(id);
  return ctx.db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: key }, select: CUSTOMER_ROW_SELECT });
    if (!customer) throw notFound();
    const deals = await tx.deal.findMany({
      where: { customerId: key },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, title: true, stage: true, valueCents: true, currency: true, expectedClose: true, createdAt: true },
    });
    const notes = await tx.note.findMany({
      where: { customerId: key },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, body: true, createdAt: true, dealId: true, authorId: true },
    });
    const authorIds = [...new Set(notes.map((n) => n.authorId).filter((a): a is string => a !== null))];
    const authors = authorIds.length
      ? await tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } })
      : [];
    const byId = new Map(authors.map((a) => [a.id, a.name ?? a.email]));
    return {
      customer,
      deals,
      notes: notes.map(({ authorId, ...n }) => ({ ...n, author: authorId ? (byId.get(authorId) ?? null) : null })),
    };
  });
}
