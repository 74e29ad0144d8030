// The CRM's activity feeds, read from the tenant audit log (issue 7, docs/crm.md): a customer's
// feed (entries targeting the customer or any of its deals, served by the index
// audit_log (tenant_id, target_type, target_id, created_at DESC)) and the workspace's recent
// CRM activity on the dashboard. Only CRM actions on CRM records are shown, so the feed is for
// everyone who can read customers; the full audit log stays with owners and admins.
import { assertCan } from "@/lib/authz/permissions";
import type { TenantTransaction } from "@/lib/db/tenant";
import type { CrmContext } from "./customers";
import { formatMoney } from "./money";
import { isDealStage, STAGE_LABEL } from "./stages";

export const CRM_ACTIONS = [
  "customer.create",
  "customer.update",
  "customer.archive",
  "customer.restore",
  "customer.import",
  "deal.create",
  "deal.update",
  "deal.stage",
  "deal.delete",
  "note.create",
  "note.update",
  "note.delete",
] as const;

export type ActivityItem = {
  id: string;
  actor: string;
  /** "moved the deal to Won" — reads after the actor's name. */
  summary: string;
  /** What it happened to, linked when it still exists. */
  subject: { label: string; href: string | null } | null;
  /** A quoted excerpt (note text) or other detail, if any. */
  detail: string | null;
  createdAt: string;
};

type Entry = {
  id: string;
  action: string;
  actorLabel: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  createdAt: Date;
};

const str = (data: unknown, key: string): string | null => {
  const v = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" ? v : null;
};
const stage = (v: string | null) => (v && isDealStage(v) ? STAGE_LABEL[v] : (v ?? "?"));

function summaryOf(e: Entry): { summary: string; detail: string | null } {
  const d = e.data;
  switch (e.action) {
    case "customer.create":
      return { summary: "added the customer", detail: null };
    case "customer.update": {
      const changed = d && typeof d === "object" && Array.isArray((d as { changed?: unknown }).changed) ? (d as { changed: string[] }).changed : [];
      return {
        summary: "edited the customer",
        detail: changed.length ? `Changed: ${changed.join(", ")}` : null,
      };
    }
    case "customer.archive":
      return { summary: "archived the customer", detail: null };
    case "customer.restore":
      return { summary: "restored the customer", detail: null };
    case "customer.import":
      return { summary: "imported the customer", detail: null };
    case "deal.create": {
      const value = str(d, "valueCents");
      return {
        summary: `created the deal in ${stage(str(d, "stage"))}`,
        detail: value ? formatMoney(value, str(d, "currency") ?? "USD") : null,
      };
    }
    case "deal.update":
      return str(d, "to")
        ? {
            summary: `edited the deal and moved it to ${stage(str(d, "to"))}`,
            detail: null,
          }
        : { summary: "edited the deal", detail: null };
    case "deal.stage":
      return {
        summary: `moved the deal from ${stage(str(d, "from"))} to ${stage(str(d, "to"))}`,
        detail: null,
      };
    case "deal.delete":
      return {
        summary: `deleted the deal “${str(d, "title") ?? "untitled"}” of`,
        detail: null,
      };
    case "note.create":
      return { summary: "wrote a note on", detail: str(d, "excerpt") };
    case "note.update":
      return { summary: "edited a note on", detail: str(d, "excerpt") };
    case "note.delete":
      return { summary: "deleted a note on", detail: null };
    default:
      return { summary: e.action, detail: null };
  }
}

/** Audit entries → feed items, with the current names of the customers and deals they target. */
async function present(tx: TenantTransaction, entries: Entry[]): Promise<ActivityItem[]> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!))];
  const customerIds = ids("customer");
  const dealIds = ids("deal");
  const customers = customerIds.length
    ? await tx.customer.findMany({
        where: { id: { in: customerIds } },
        select: { id: true, name: true },
      })
    : [];
  const deals = dealIds.length
    ? await tx.deal.findMany({
        where: { id: { in: dealIds } },
        select: { id: true, title: true },
      })
    : [];
  const customerName = new Map(customers.map((c) => [c.id, c.name]));
  const dealTitle = new Map(deals.map((d) => [d.id, d.title]));
  return entries.map((e) => {
    const { summary, detail } = summaryOf(e);
    let subject: ActivityItem["subject"] = null;
    if (e.targetType === "customer" && e.targetId) {
      const name = customerName.get(e.targetId);
      subject = {
        label: name ?? str(e.data, "name") ?? "a deleted customer",
        href: name ? `/customers/${e.targetId}` : null,
      };
    } else if (e.targetType === "deal" && e.targetId) {
      const title = dealTitle.get(e.targetId);
      subject = {
        label: title ?? str(e.data, "title") ?? "a deleted deal",
        href: title ? `/deals/${e.targetId}` : null,
      };
    }
    return {
      id: e.id,
      actor: e.actorLabel,
      summary,
      subject,
      detail,
      createdAt: e.createdAt.toISOString(),
    };
  });
}

const SELECT = {
  id: true,
  action: true,
  actorLabel: true,
  targetType: true,
  targetId: true,
  data: true,
  createdAt: true,
} as const;

/** A customer's feed: entries on the customer and on its deals (newest first). */
export async function customerActivity(ctx: CrmContext, customerId: string, take = 30): Promise<ActivityItem[]> {
  assertCan(ctx.actor.role, "customers", "read");
  return ctx.db.$transaction(async (tx) => {
    // Bounded: a customer with more deals than this shows the activity of its newest ones.
    const deals = await tx.deal.findMany({
      where: { customerId },
      orderBy: [{ createdAt: "desc" }],
      take: 500,
      select: { id: true },
    });
    const entries = await tx.auditLog.findMany({
      where: {
        action: { in: [...CRM_ACTIONS] },
        OR: [{ targetType: "customer", targetId: customerId }, ...(deals.length ? [{ targetType: "deal", targetId: { in: deals.map((d) => d.id) } }] : [])],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: SELECT,
    });
    return present(tx, entries);
  });
}

/** The workspace's latest CRM activity (the dashboard). */
export async function recentActivity(ctx: CrmContext, take = 10): Promise<ActivityItem[]> {
  assertCan(ctx.actor.role, "customers", "read");
  return ctx.db.$transaction(async (tx) => {
    const entries = await tx.auditLog.findMany({
      where: {
        action: { in: [...CRM_ACTIONS] },
        targetType: { in: ["customer", "deal"] },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: SELECT,
    });
    return present(tx, entries);
  });
}

/** A deal's own feed (its edits, moves and notes). */
export async function dealActivity(ctx: CrmContext, dealId: string, take = 30): Promise<ActivityItem[]> {
  assertCan(ctx.actor.role, "deals", "read");
  return ctx.db.$transaction(async (tx) => {
    const entries = await tx.auditLog.findMany({
      where: {
        action: { in: [...CRM_ACTIONS] },
        targetType: "deal",
        targetId: dealId,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: SELECT,
    });
    return present(tx, entries);
  });
}
