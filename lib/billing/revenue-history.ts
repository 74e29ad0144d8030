// Revenue history (docs/admin.md "MRR over time"): one subscription_change row each time a
// workspace's BILLED state changes — written in the same transaction as the change (the Stripe
// sync, a founder's delete/restore). Only real changes are written: the new state is compared
// with the tenant's last row, so a redelivered webhook or a no-op sync adds nothing.
//
// Backfill: a workspace's first row is preceded by its previous state dated from its
// billingSyncedAt (or createdAt), so MRR before the first recorded change is not lost. Workspaces
// with no row at all are read as "current state since billingSyncedAt/createdAt" by the console
// (lib/admin/tenants.ts#overview), so no batch backfill is needed.
import type { PlatformTransaction } from "@/lib/db/cross-tenant";
import type { BillingInterval, Plan, SubscriptionStatus, TenantStatus } from "@/lib/generated/prisma/enums";
import { PLANS, isPaidPlan } from "./plans";

export type BilledTenant = {
  status: TenantStatus;
  plan: Plan;
  billingInterval: BillingInterval | null;
  subscriptionStatus: SubscriptionStatus | null;
  seats: number | null;
};

const BILLED: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "PAST_DUE"]);

/**
 * Monthly recurring revenue of one workspace in cents (fractional for yearly plans): billed
 * statuses (ACTIVE, PAST_DUE) of a paid plan, price per seat × seats (at least 1), yearly / 12.
 * Deleted workspaces earn nothing.
 */
export function monthlyRevenueCents(t: BilledTenant): number {
  if (t.status === "DELETED" || !t.subscriptionStatus || !BILLED.has(t.subscriptionStatus) || !isPaidPlan(t.plan)) return 0;
  const plan = PLANS[t.plan];
  const interval = t.billingInterval ?? "MONTH";
  const price = plan.pricePerSeatCents?.[interval] ?? 0;
  const quantity = plan.perSeat ? Math.max(1, t.seats ?? 1) : 1;
  const perPeriod = price * quantity;
  return interval === "YEAR" ? perPeriod / 12 : perPeriod;
}

/** The columns of one history row for a tenant's billed state. */
export type HistoryState = {
  plan: Plan;
  status: SubscriptionStatus | null;
  billingInterval: BillingInterval | null;
  seats: number | null;
  mrrCents: number;
  trialing: boolean;
};

export function historyStateOf(t: BilledTenant): HistoryState {
  const deleted = t.status === "DELETED";
  return {
    plan: t.plan,
    // A deleted workspace's row says "no subscription": it is out of revenue and of trials.
    status: deleted ? null : t.subscriptionStatus,
    billingInterval: t.billingInterval,
    seats: t.seats,
    mrrCents: Math.round(monthlyRevenueCents(t)),
    trialing: !deleted && t.subscriptionStatus === "TRIALING",
  };
}

export const sameHistoryState = (a: HistoryState, b: HistoryState) =>
  a.plan === b.plan && a.status === b.status && a.billingInterval === b.billingInterval && a.seats === b.seats && a.mrrCents === b.mrrCents && a.trialing === b.trialing;

/** The state before a change, and since when it held (for the first row's backfill). */
export type BilledSnapshot = { state: HistoryState; since: Date };

const SNAPSHOT_SELECT = { status: true, plan: true, billingInterval: true, subscriptionStatus: true, seats: true, billingSyncedAt: true, createdAt: true } as const;

/** Read BEFORE the change, in the same transaction. */
export async function billedSnapshot(tx: PlatformTransaction, tenantId: string): Promise<BilledSnapshot | null> {
  const t = await tx.tenant.findUnique({ where: { id: tenantId }, select: SNAPSHOT_SELECT });
  return t ? { state: historyStateOf(t), since: t.billingSyncedAt ?? t.createdAt } : null;
}

/**
 * Called AFTER the change, in the same transaction: writes a row when the billed state differs
 * from the tenant's last row (or, without history, from `before`, which is then written first
 * as the backfill). Returns the number of rows written.
 */
export async function recordBilledChange(tx: PlatformTransaction, tenantId: string, before: BilledSnapshot | null, now = new Date()): Promise<number> {
  const t = await tx.tenant.findUnique({ where: { id: tenantId }, select: SNAPSHOT_SELECT });
  if (!t) return 0;
  const current = historyStateOf(t);
  const last = await tx.subscriptionChange.findFirst({
    where: { subjectTenantId: tenantId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { plan: true, status: true, billingInterval: true, seats: true, mrrCents: true, trialing: true },
  });
  let written = 0;
  let previous: HistoryState | null = last;
  if (!last && before) {
    if (sameHistoryState(before.state, current)) return 0;
    const since = before.since.getTime() < now.getTime() ? before.since : new Date(now.getTime() - 1);
    await tx.subscriptionChange.create({ data: { subjectTenantId: tenantId, ...before.state, at: since } });
    written++;
    previous = before.state;
  }
  if (previous && sameHistoryState(previous, current)) return written;
  await tx.subscriptionChange.create({ data: { subjectTenantId: tenantId, ...current, at: now } });
  return written + 1;
}
