// Founder console KPIs from known subscription fixtures (lib/admin/kpis.ts).
import { describe, expect, it } from "vitest";
import { monthlyRevenueCents, revenue, signupsPerDay, statusBucket, tenantsByStatus, type KpiTenant } from "@/lib/admin/kpis";

const NOW = new Date("2026-11-29T12:00:00Z");
const base: KpiTenant = { status: "ACTIVE", plan: "FREE", billingInterval: null, subscriptionStatus: null, seats: null, trialEndsAt: null };
const t = (over: Partial<KpiTenant>): KpiTenant => ({ ...base, ...over });

// Prices (lib/billing/plans.ts): Starter $12/seat/month or $120/seat/year; Pro $29 or $290.
const FIXTURES = {
  starterMonthly3: t({ plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", seats: 3 }), // 3 × 1200 = 3600
  proYearly2: t({ plan: "PRO", billingInterval: "YEAR", subscriptionStatus: "ACTIVE", seats: 2 }), // 2 × 29000 / 12 = 4833.33
  proMonthlyPastDue: t({ plan: "PRO", billingInterval: "MONTH", subscriptionStatus: "PAST_DUE", seats: 1 }), // 2900
  proTrialing: t({ plan: "PRO", billingInterval: "MONTH", subscriptionStatus: "TRIALING", seats: 5 }), // 0: trial
  appTrial: t({ trialEndsAt: new Date("2026-12-05T00:00:00Z") }), // 0: card-less trial
  expiredTrial: t({ trialEndsAt: new Date("2026-11-01T00:00:00Z") }), // free
  canceled: t({ plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "CANCELED", seats: 4 }), // 0
  suspendedPaying: t({ status: "SUSPENDED", plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", seats: 1 }), // 1200 (still billed)
  deletedPaying: t({ status: "DELETED", plan: "PRO", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", seats: 10 }), // nowhere
  unpaid: t({ plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "UNPAID", seats: 2 }), // 0, past_due bucket
  seatsUnknown: t({ plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", seats: null }), // 1 seat: 1200
};
const ALL = Object.values(FIXTURES);

describe("revenue", () => {
  it("prices per seat, yearly / 12, only billed statuses", () => {
    expect(monthlyRevenueCents(FIXTURES.starterMonthly3)).toBe(3600);
    expect(monthlyRevenueCents(FIXTURES.proYearly2)).toBeCloseTo(4833.333, 2);
    expect(monthlyRevenueCents(FIXTURES.proMonthlyPastDue)).toBe(2900);
    expect(monthlyRevenueCents(FIXTURES.proTrialing)).toBe(0);
    expect(monthlyRevenueCents(FIXTURES.canceled)).toBe(0);
    expect(monthlyRevenueCents(FIXTURES.deletedPaying)).toBe(0);
    expect(monthlyRevenueCents(FIXTURES.unpaid)).toBe(0);
    expect(monthlyRevenueCents(FIXTURES.seatsUnknown)).toBe(1200);
  });
  it("sums MRR and ARR from the fixtures", () => {
    // 3600 + 4833.33 + 2900 + 1200 + 1200 = 13733.33 → 13733 cents; ARR 164800 cents.
    expect(revenue(ALL)).toEqual({ mrrCents: 13733, arrCents: 164800, payingTenants: 5 });
    expect(revenue([])).toEqual({ mrrCents: 0, arrCents: 0, payingTenants: 0 });
  });
});

describe("tenants by status", () => {
  it("buckets each fixture", () => {
    expect(statusBucket(FIXTURES.proTrialing, NOW)).toBe("trialing");
    expect(statusBucket(FIXTURES.appTrial, NOW)).toBe("trialing");
    expect(statusBucket(FIXTURES.expiredTrial, NOW)).toBe("free");
    expect(statusBucket(FIXTURES.unpaid, NOW)).toBe("past_due");
    expect(statusBucket(FIXTURES.suspendedPaying, NOW)).toBe("suspended");
    expect(statusBucket(FIXTURES.deletedPaying, NOW)).toBeNull();
    expect(tenantsByStatus(ALL, NOW)).toEqual({ trialing: 2, active: 3, past_due: 2, suspended: 1, free: 2 });
  });
});

describe("signups per day", () => {
  it("30 zero-filled UTC days ending today, oldest first", () => {
    const series = signupsPerDay(
      [new Date("2026-11-29T01:00:00Z"), new Date("2026-11-29T23:59:00Z"), new Date("2026-10-31T00:00:00Z"), new Date("2026-10-30T23:59:59Z")],
      NOW,
    );
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual({ day: "2026-10-31", count: 1 });
    expect(series[29]).toEqual({ day: "2026-11-29", count: 2 });
    expect(series.reduce((s, d) => s + d.count, 0)).toBe(3);
  });
});
