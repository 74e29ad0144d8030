// Founder console KPIs, pure: computed from the tenants' mirrored billing state (lib/billing)
// and the plan table's prices (lib/billing/plans.ts), so they are unit-tested from fixtures
// (test/unit/admin-kpis.test.ts) without Stripe or a database.
//
// - Revenue counts subscriptions that are billed: ACTIVE and PAST_DUE (still owed, not churned).
//   Trials (Stripe TRIALING or the app's card-less trial) are not revenue yet.
// - A plan's price is per seat: price × seats (at least 1); yearly prices count as price / 12.
// - Deleted workspaces count nowhere.
import { isPaidPlan, type Interval, type PlanId } from "@/lib/billing/plans";
import { monthlyRevenueCents } from "@/lib/billing/revenue-history";
import type { SubscriptionStatus, TenantStatus } from "@/lib/generated/prisma/enums";

export type KpiTenant = {
  status: TenantStatus;
  plan: PlanId;
  billingInterval: Interval | null;
  subscriptionStatus: SubscriptionStatus | null;
  seats: number | null;
  trialEndsAt: Date | null;
};

export type StatusBucket = "trialing" | "active" | "past_due" | "suspended" | "free";
export const STATUS_BUCKETS: readonly StatusBucket[] = ["trialing", "active", "past_due", "suspended", "free"];

// The per-workspace MRR lives with billing: the revenue history (subscription_change) is
// written from the Stripe sync with the same function.
export { monthlyRevenueCents };

/** Which overview bucket a workspace falls in at `now` (null: deleted). */
export function statusBucket(t: KpiTenant, now: Date): StatusBucket | null {
  if (t.status === "DELETED") return null;
  if (t.status === "SUSPENDED") return "suspended";
  if (t.subscriptionStatus === "PAST_DUE" || t.subscriptionStatus === "UNPAID") return "past_due";
  if (t.subscriptionStatus === "TRIALING") return "trialing";
  if (t.subscriptionStatus === "ACTIVE" && isPaidPlan(t.plan)) return "active";
  if (!t.subscriptionStatus || !["ACTIVE", "PAST_DUE", "UNPAID", "TRIALING"].includes(t.subscriptionStatus)) {
    if (t.trialEndsAt && t.trialEndsAt.getTime() > now.getTime()) return "trialing";
  }
  return "free";
}

export function tenantsByStatus(tenants: readonly KpiTenant[], now: Date): Record<StatusBucket, number> {
  const counts: Record<StatusBucket, number> = { trialing: 0, active: 0, past_due: 0, suspended: 0, free: 0 };
  for (const t of tenants) {
    const bucket = statusBucket(t, now);
    if (bucket) counts[bucket]++;
  }
  return counts;
}

/** MRR and ARR in whole cents (ARR = 12 × MRR, rounded once at the end). */
export function revenue(tenants: readonly KpiTenant[]): { mrrCents: number; arrCents: number; payingTenants: number } {
  let mrr = 0;
  let paying = 0;
  for (const t of tenants) {
    const m = monthlyRevenueCents(t);
    if (m > 0) paying++;
    mrr += m;
  }
  return { mrrCents: Math.round(mrr), arrCents: Math.round(mrr * 12), payingTenants: paying };
}

const DAY_MS = 86_400_000;
const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** Signups per UTC day for the `days` days ending today (oldest first, zero-filled). */
export function signupsPerDay(createdAt: readonly Date[], now: Date, days = 30): Array<{ day: string; count: number }> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const series = Array.from({ length: days }, (_, i) => ({ day: dayKey(new Date(today - (days - 1 - i) * DAY_MS)), count: 0 }));
  const index = new Map(series.map((entry, i) => [entry.day, i]));
  for (const date of createdAt) {
    const i = index.get(dayKey(date));
    if (i !== undefined) series[i]!.count++;
  }
  return series;
}

/** The first day of the signups window (for the query). */
export function signupsWindowStart(now: Date, days = 30): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY_MS);
}

export function formatUsd(cents: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(cents / 100);
}

// ─── Revenue history: MRR over time, churn, trial conversion ───
//
// Input: subscription_change rows (lib/billing/revenue-history.ts), one per change of a
// workspace's billed state, plus a synthetic "current state since billingSyncedAt/createdAt"
// row for workspaces with no history (backfillChanges). "The state at T" of a workspace is its
// last row at or before T; before its first row it has none (0 MRR, not paying).

export type RevenueChange = { tenantId: string; at: Date; mrrCents: number; trialing: boolean };

const byTime = (a: RevenueChange, b: RevenueChange) => a.at.getTime() - b.at.getTime();

/** Each workspace's rows, oldest first. */
function historyByTenant(changes: readonly RevenueChange[]): Map<string, RevenueChange[]> {
  const map = new Map<string, RevenueChange[]>();
  for (const c of [...changes].sort(byTime)) {
    const list = map.get(c.tenantId);
    if (list) list.push(c);
    else map.set(c.tenantId, [c]);
  }
  return map;
}

/** The row in force at `t` (the last at or before it), or null. */
function stateAt(rows: readonly RevenueChange[], t: number): RevenueChange | null {
  let found: RevenueChange | null = null;
  for (const r of rows) {
    if (r.at.getTime() > t) break;
    found = r;
  }
  return found;
}

const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/**
 * Daily MRR for the `days` UTC days ending today (oldest first): for each day, the sum over
 * workspaces of the MRR of their last row at or before the END of that day (today: now).
 */
export function mrrSeries(changes: readonly RevenueChange[], now: Date, days = 90): Array<{ day: string; mrrCents: number }> {
  const today = utcDay(now);
  const ends = Array.from({ length: days }, (_, i) => {
    const start = today - (days - 1 - i) * DAY_MS;
    return { day: dayKey(new Date(start)), end: Math.min(start + DAY_MS - 1, now.getTime()) };
  });
  const totals = ends.map(() => 0);
  for (const rows of historyByTenant(changes).values()) {
    ends.forEach((e, i) => {
      totals[i]! += stateAt(rows, e.end)?.mrrCents ?? 0;
    });
  }
  return ends.map((e, i) => ({ day: e.day, mrrCents: Math.round(totals[i]!) }));
}

export type Churn = {
  /** Workspaces paying (MRR > 0) at the window's start. */
  payingAtStart: number;
  /** Of those, not paying at the end of the window (now). */
  churned: number;
  /** churned / payingAtStart (null when nobody was paying). */
  rate: number | null;
  /** MRR at the start of the workspaces paying then. */
  startMrrCents: number;
  /** Their lost MRR: cancellations plus downgrades (never offset by upgrades or new revenue). */
  lostMrrCents: number;
  /** lostMrrCents / startMrrCents (gross revenue churn; null when there was no MRR). */
  revenueRate: number | null;
};

/** Churn over the `days` days ending now (logo churn and gross revenue churn). */
export function churn(changes: readonly RevenueChange[], now: Date, days = 30): Churn {
  const start = now.getTime() - days * DAY_MS;
  let payingAtStart = 0;
  let churned = 0;
  let startMrr = 0;
  let lost = 0;
  for (const rows of historyByTenant(changes).values()) {
    const before = stateAt(rows, start)?.mrrCents ?? 0;
    if (before <= 0) continue;
    const after = stateAt(rows, now.getTime())?.mrrCents ?? 0;
    payingAtStart++;
    startMrr += before;
    if (after <= 0) churned++;
    lost += Math.max(0, before - after);
  }
  return {
    payingAtStart,
    churned,
    rate: payingAtStart ? churned / payingAtStart : null,
    startMrrCents: startMrr,
    lostMrrCents: lost,
    revenueRate: startMrr ? lost / startMrr : null,
  };
}

export type TrialConversion = { ended: number; converted: number; rate: number | null };

/**
 * Trials that ENDED in the `days` days ending now, and how many became paid. Two kinds:
 * - a Stripe trial: a row with trialing=false right after a row with trialing=true ends it then;
 * - the app's card-less trial: it ends at tenant.trialEndsAt (no row is written for that).
 * A trial converted when the state in force at its end is paid (MRR > 0), or a later row up to
 * now is: a workspace that subscribes a few days after its trial lapsed counts as converted.
 */
export function trialConversion(
  changes: readonly RevenueChange[],
  appTrials: ReadonlyArray<{ tenantId: string; trialEndsAt: Date | null }>,
  now: Date,
  days = 30,
): TrialConversion {
  const start = now.getTime() - days * DAY_MS;
  const end = now.getTime();
  const inWindow = (t: number) => t > start && t <= end;
  const history = historyByTenant(changes);
  const paidFrom = (rows: readonly RevenueChange[], t: number) =>
    (stateAt(rows, t)?.mrrCents ?? 0) > 0 || rows.some((r) => r.at.getTime() > t && r.at.getTime() <= end && r.mrrCents > 0);
  let ended = 0;
  let converted = 0;
  for (const rows of history.values()) {
    for (let i = 1; i < rows.length; i++) {
      const t = rows[i]!.at.getTime();
      if (rows[i - 1]!.trialing && !rows[i]!.trialing && inWindow(t)) {
        ended++;
        if (paidFrom(rows, t)) converted++;
      }
    }
  }
  for (const trial of appTrials) {
    if (!trial.trialEndsAt || !inWindow(trial.trialEndsAt.getTime())) continue;
    ended++;
    if (paidFrom(history.get(trial.tenantId) ?? [], trial.trialEndsAt.getTime())) converted++;
  }
  return { ended, converted, rate: ended ? converted / ended : null };
}

/**
 * Workspaces with no history row: their current state counts from billingSyncedAt (the last
 * time Stripe's state was mirrored) or, never synced, from createdAt.
 */
export function backfillChanges(
  tenants: ReadonlyArray<KpiTenant & { id: string; createdAt: Date; billingSyncedAt: Date | null }>,
  withHistory: ReadonlySet<string>,
): RevenueChange[] {
  return tenants
    .filter((t) => !withHistory.has(t.id))
    .map((t) => ({ tenantId: t.id, at: t.billingSyncedAt ?? t.createdAt, mrrCents: Math.round(monthlyRevenueCents(t)), trialing: t.subscriptionStatus === "TRIALING" }));
}

/** The first instant whose state the 90-day chart and the 30-day rates need. */
export function historyWindowStart(now: Date, days = 90): Date {
  return new Date(utcDay(now) - (days - 1) * DAY_MS);
}

export const formatPercent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
