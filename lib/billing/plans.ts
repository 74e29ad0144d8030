// THE plan table: every plan's prices, limits and features, defined once. Everything else
// (limit checks, the billing page, the local Stripe's price list, docs/billing.md) reads it.
//
// Pure apart from priceIdFor/planForPrice defaulting to the process configuration: the
// effective plan and limits are computed from the tenant's mirrored billing state and a clock,
// so they are unit-tested without Stripe or a database (test/unit/billing-plans.test.ts).
import { rolesThatCan } from "@/lib/authz/permissions";
import { getBillingConfig, type BillingConfig } from "@/lib/config/billing";
import type { BillingInterval, Plan, SubscriptionStatus } from "@/lib/generated/prisma/enums";

export type PlanId = Plan;
export type Interval = BillingInterval;
export type PaidPlanId = Exclude<PlanId, "FREE">;

export type PlanLimits = {
  /** Members (including pending invitations). null: unlimited. */
  seats: number | null;
  /** Customers in the CRM (not archived). null: unlimited. */
  customers: number | null;
};

export type PlanFeatures = {
  dataExport: boolean;
  customDomain: boolean;
  auditLogRetentionDays: number;
};

export type PlanDefinition = {
  id: PlanId;
  name: string;
  /** Price per seat in US cents; FREE has none. Display only: Stripe's price is what is charged. */
  pricePerSeatCents: { MONTH: number; YEAR: number } | null;
  /** Paid plans are per seat: the subscription quantity follows the member count. */
  perSeat: boolean;
  limits: PlanLimits;
  features: PlanFeatures;
};

export const PLANS: Readonly<Record<PlanId, PlanDefinition>> = {
  FREE: {
    id: "FREE",
    name: "Free",
    pricePerSeatCents: null,
    perSeat: false,
    limits: { seats: 3, customers: 100 },
    features: { dataExport: false, customDomain: false, auditLogRetentionDays: 7 },
  },
  STARTER: {
    id: "STARTER",
    name: "Starter",
    pricePerSeatCents: { MONTH: 1_200, YEAR: 12_000 },
    perSeat: true,
    limits: { seats: 10, customers: 5_000 },
    features: { dataExport: true, customDomain: false, auditLogRetentionDays: 90 },
  },
  PRO: {
    id: "PRO",
    name: "Pro",
    pricePerSeatCents: { MONTH: 2_900, YEAR: 29_000 },
    perSeat: true,
    limits: { seats: 100, customers: null },
    features: { dataExport: true, customDomain: true, auditLogRetentionDays: 365 },
  },
};

export const PLAN_IDS = ["FREE", "STARTER", "PRO"] as const satisfies readonly PlanId[];
export const PAID_PLAN_IDS = ["STARTER", "PRO"] as const satisfies readonly PaidPlanId[];
export const INTERVALS = ["MONTH", "YEAR"] as const satisfies readonly Interval[];

/** The plan a new workspace trials (without a card) for TRIAL_DAYS. */
export const TRIAL_PLAN: PaidPlanId = "PRO";

export function isPaidPlan(plan: PlanId): plan is PaidPlanId {
  return plan !== "FREE";
}

/** The Stripe price id of a paid plan and interval (from STRIPE_PRICE_*). */
export function priceIdFor(plan: PaidPlanId, interval: Interval, config: Pick<BillingConfig, "prices"> = getBillingConfig()): string {
  return config.prices[plan][interval];
}

/** The plan and interval a Stripe price id stands for, or null for a price the app does not sell. */
export function planForPrice(
  priceId: string,
  config: Pick<BillingConfig, "prices"> = getBillingConfig(),
): { plan: PaidPlanId; interval: Interval } | null {
  for (const plan of PAID_PLAN_IDS) {
    for (const interval of INTERVALS) {
      if (config.prices[plan][interval] === priceId) return { plan, interval };
    }
  }
  return null;
}

// ─── The tenant's billing state → the plan in force ───

/** The tenant columns the pure functions below read (a Tenant row satisfies it). */
export type BillingState = {
  plan: PlanId;
  subscriptionStatus: SubscriptionStatus | null;
  trialEndsAt: Date | null;
  pastDueSince: Date | null;
  subscriptionEndedAt: Date | null;
  currentPeriodEnd: Date | null;
  planOverrides?: unknown;
};

/** Statuses in which the subscription's plan is in force (past_due: still, with a banner). */
const PAID_ACCESS: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "TRIALING", "PAST_DUE"]);
/** Statuses that mean "a subscription exists that is not over": a second checkout is refused. */
export const LIVE_SUBSCRIPTION: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "TRIALING", "PAST_DUE", "UNPAID", "PAUSED"]);

export type PlanSource = "subscription" | "trial" | "free";

/** Which plan applies at `now`, and why. */
export function planInForce(tenant: BillingState, now: Date): { plan: PlanId; source: PlanSource } {
  if (tenant.subscriptionStatus && PAID_ACCESS.has(tenant.subscriptionStatus) && isPaidPlan(tenant.plan)) {
    return { plan: tenant.plan, source: "subscription" };
  }
  // Unpaid keeps the paid plan's limits until it turns read-only (writes are refused then anyway).
  if (tenant.subscriptionStatus === "UNPAID" && isPaidPlan(tenant.plan)) return { plan: tenant.plan, source: "subscription" };
  // No subscription (or one that never started, or ended, or is paused): the app's own trial, else Free.
  if (tenant.trialEndsAt && tenant.trialEndsAt.getTime() > now.getTime()) return { plan: TRIAL_PLAN, source: "trial" };
  return { plan: "FREE", source: "free" };
}

export function effectivePlan(tenant: BillingState, now: Date): PlanId {
  return planInForce(tenant, now).plan;
}

/** Founder overrides (issue 6): `{ limits?: Partial<PlanLimits>, features?: Partial<PlanFeatures> }`. */
function overridesOf(raw: unknown): { limits: Partial<PlanLimits>; features: Partial<PlanFeatures> } {
  const out = { limits: {} as Partial<PlanLimits>, features: {} as Partial<PlanFeatures> };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  const { limits, features } = raw as { limits?: unknown; features?: unknown };
  const limit = (v: unknown) => v === null || (typeof v === "number" && Number.isInteger(v) && v >= 0);
  if (limits && typeof limits === "object") {
    for (const key of ["seats", "customers"] as const) {
      const v = (limits as Record<string, unknown>)[key];
      if (limit(v)) out.limits[key] = v as number | null;
    }
  }
  if (features && typeof features === "object") {
    const f = features as Record<string, unknown>;
    if (typeof f.dataExport === "boolean") out.features.dataExport = f.dataExport;
    if (typeof f.customDomain === "boolean") out.features.customDomain = f.customDomain;
    if (typeof f.auditLogRetentionDays === "number" && Number.isInteger(f.auditLogRetentionDays) && f.auditLogRetentionDays >= 0) {
      out.features.auditLogRetentionDays = f.auditLogRetentionDays;
    }
  }
  return out;
}

export type Entitlements = { plan: PlanDefinition; source: PlanSource; limits: PlanLimits; features: PlanFeatures };

/** Plan, limits and features in force at `now` (plan table merged with founder overrides). */
export function entitlementsFor(tenant: BillingState, now: Date = new Date()): Entitlements {
  const { plan, source } = planInForce(tenant, now);
  const definition = PLANS[plan];
  const overrides = overridesOf(tenant.planOverrides);
  return {
    plan: definition,
    source,
    limits: { ...definition.limits, ...overrides.limits },
    features: { ...definition.features, ...overrides.features },
  };
}

export function limitsFor(tenant: BillingState, now: Date = new Date()): PlanLimits {
  return entitlementsFor(tenant, now).limits;
}

// ─── Limits ───

export type LimitKind = keyof PlanLimits;

const LIMIT_NOUN: Record<LimitKind, [singular: string, plural: string]> = {
  seats: ["member", "members"],
  customers: ["customer", "customers"],
};

const ROLE_PLURAL: Record<string, string> = { OWNER: "owners", ADMIN: "admins", MEMBER: "members", VIEWER: "viewers" };

/** "Owners", "Owners and admins": who holds billing.manage (lib/authz/permissions.ts decides). */
export function whoCanUpgrade(): string {
  const words = rolesThatCan("billing", "manage").map((role) => ROLE_PLURAL[role] ?? role.toLowerCase());
  const text = words.length <= 1 ? (words[0] ?? "owners") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A write would go over the plan's limit. `message` is meant for the person who tried. */
export class PlanLimitError extends Error {
  override name = "PlanLimitError";
  readonly code = "plan-limit";
  constructor(
    readonly kind: LimitKind,
    readonly limit: number,
    readonly plan: PlanId,
  ) {
    const [one, many] = LIMIT_NOUN[kind];
    super(`Your ${PLANS[plan].name} plan allows ${limit} ${limit === 1 ? one : many}. ${whoCanUpgrade()} can upgrade on the Billing page.`);
  }
}

/**
 * Throws PlanLimitError when adding one more `kind` to `current` existing ones would exceed
 * the tenant's limit at `now`. Call it in the transaction of the write, with a count taken there.
 */
export function assertWithinLimit(tenant: BillingState, kind: LimitKind, current: number, now: Date = new Date()): void {
  const { plan, limits } = entitlementsFor(tenant, now);
  const limit = limits[kind];
  if (limit !== null && current + 1 > limit) throw new PlanLimitError(kind, limit, plan.id);
}

// ─── Read-only mode ───

const DAY_MS = 86_400_000;

/**
 * Unpaid or canceled for longer than the grace period: reads work, writes are refused with
 * readOnlyReason(). Unpaid counts from the first failed payment (pastDueSince), canceled from
 * the end of the subscription. Nothing is ever deleted.
 */
export function isReadOnly(tenant: BillingState, now: Date, graceDays: number = getBillingConfig().graceDays): boolean {
  return readOnlyReason(tenant, now, graceDays) !== null;
}

export function readOnlyReason(tenant: BillingState, now: Date, graceDays: number = getBillingConfig().graceDays): string | null {
  const grace = graceDays * DAY_MS;
  const past = (since: Date | null) => since !== null && now.getTime() > since.getTime() + grace;
  if (tenant.subscriptionStatus === "UNPAID" && past(tenant.pastDueSince ?? tenant.currentPeriodEnd)) {
    return "This workspace is read-only because its subscription is unpaid. An owner can update the payment method on the Billing page to restore full access.";
  }
  if (tenant.subscriptionStatus === "CANCELED" && past(tenant.subscriptionEndedAt ?? tenant.currentPeriodEnd)) {
    return "This workspace is read-only because its subscription has ended. An owner can choose a plan on the Billing page to restore full access.";
  }
  return null;
}

/** A write refused because the workspace is read-only. */
export class ReadOnlyWorkspaceError extends Error {
  override name = "ReadOnlyWorkspaceError";
  readonly code = "read-only";
}

export function assertWritable(tenant: BillingState, now: Date = new Date(), graceDays?: number): void {
  const reason = readOnlyReason(tenant, now, graceDays);
  if (reason) throw new ReadOnlyWorkspaceError(reason);
}

/** Billing fields for a new workspace (signup): the card-less trial of TRIAL_PLAN, or Free. */
export function initialBillingState(now: Date, trialDays: number = getBillingConfig().trialDays): { plan: PlanId; trialEndsAt: Date | null } {
  return { plan: "FREE", trialEndsAt: trialDays > 0 ? new Date(now.getTime() + trialDays * DAY_MS) : null };
}
