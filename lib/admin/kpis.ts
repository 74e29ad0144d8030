// Founder console KPIs, pure: computed from the tenants' mirrored billing state (lib/billing)
// and the plan table's prices (lib/billing/plans.ts), so they are unit-tested from fixtures
// (test/unit/admin-kpis.test.ts) without Stripe or a database.
//
// - Revenue counts subscriptions that are billed: ACTIVE and PAST_DUE (still owed, not churned).
//   Trials (Stripe TRIALING or the app's card-less trial) are not revenue yet.
// - A plan's price is per seat: price × seats (at least 1); yearly prices count as price / 12.
// - Deleted workspaces count nowhere.
import { PLANS, isPaidPlan, type Interval, type PlanId } from "@/lib/billing/plans";
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

const BILLED: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "PAST_DUE"]);

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

/** Monthly recurring revenue of one workspace in cents (fractional for yearly plans). */
export function monthlyRevenueCents(t: KpiTenant): number {
  if (t.status === "DELETED" || !t.subscriptionStatus || !BILLED.has(t.subscriptionStatus) || !isPaidPlan(t.plan)) return 0;
  const plan = PLANS[t.plan];
  const interval = t.billingInterval ?? "MONTH";
  const price = plan.pricePerSeatCents?.[interval] ?? 0;
  const quantity = plan.perSeat ? Math.max(1, t.seats ?? 1) : 1;
  const perPeriod = price * quantity;
  return interval === "YEAR" ? perPeriod / 12 : perPeriod;
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
