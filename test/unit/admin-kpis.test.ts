// Founder console KPIs from known subscription fixtures (lib/admin/kpis.ts).
import { describe, expect, it } from "vitest";
import {
  backfillChanges,
  churn,
  mrrSeries,
  monthlyRevenueCents,
  revenue,
  signupsPerDay,
  statusBucket,
  tenantsByStatus,
  trialConversion,
  type KpiTenant,
  type RevenueChange,
} from "@/lib/admin/kpis";
import { historyStateOf, sameHistoryState } from "@/lib/billing/revenue-history";

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

// Revenue history rows: tenant, time, MRR in cents, Stripe trialing.
const row = (tenantId: string, at: string, mrrCents: number, trialing = false): RevenueChange => ({ tenantId, at: new Date(at), mrrCents, trialing });

describe("MRR over time", () => {
  it("sums each workspace's last state at or before the end of each UTC day", () => {
    const changes = [
      row("a", "2026-11-01T00:00:00Z", 3600),
      row("a", "2026-11-27T10:00:00Z", 0), // canceled on the 27th
      row("b", "2026-11-26T23:59:59.999Z", 2900), // last millisecond of the 26th
      row("b", "2026-11-28T00:00:00Z", 5800), // upgrade
      row("c", "2026-11-29T13:00:00Z", 1000), // after now: not yet
      row("d", "2026-11-29T08:00:00Z", 1200),
    ];
    // Shuffled input gives the same answer (rows are ordered by time per workspace).
    for (const input of [changes, [...changes].reverse()]) {
      expect(mrrSeries(input, NOW, 5)).toEqual([
        { day: "2026-11-25", mrrCents: 3600 },
        { day: "2026-11-26", mrrCents: 6500 }, // a 3600 + b 2900
        { day: "2026-11-27", mrrCents: 2900 }, // a canceled
        { day: "2026-11-28", mrrCents: 5800 }, // b upgraded
        { day: "2026-11-29", mrrCents: 7000 }, // + d 1200; c is after now
      ]);
    }
  });

  it("90 days by default, zero before any history", () => {
    const series = mrrSeries([row("a", "2026-11-01T00:00:00Z", 3600)], NOW);
    expect(series).toHaveLength(90);
    expect(series[0]).toEqual({ day: "2026-09-01", mrrCents: 0 });
    expect(series.find((d) => d.day === "2026-10-31")?.mrrCents).toBe(0);
    expect(series.find((d) => d.day === "2026-11-01")?.mrrCents).toBe(3600);
    expect(mrrSeries([], NOW, 3)).toEqual([
      { day: "2026-11-27", mrrCents: 0 },
      { day: "2026-11-28", mrrCents: 0 },
      { day: "2026-11-29", mrrCents: 0 },
    ]);
  });
});

describe("churn over the last 30 days", () => {
  it("logo churn and gross revenue churn of the workspaces paying at the start", () => {
    // Window: 2026-10-30T12:00Z (inclusive: a row exactly then is the state at the start) → now.
    const changes = [
      row("p1", "2026-10-01T00:00:00Z", 3600),
      row("p1", "2026-11-10T00:00:00Z", 0), // churned: lost 3600
      row("p2", "2026-09-15T00:00:00Z", 5800),
      row("p2", "2026-11-20T00:00:00Z", 2900), // downgrade: still paying, lost 2900
      row("p3", "2026-10-10T00:00:00Z", 2900),
      row("p3", "2026-11-05T00:00:00Z", 8700), // upgrade: lost 0 (not netted)
      row("p4", "2026-11-01T00:00:00Z", 1200), // new in the window: not in the base
      row("p5", "2026-09-01T00:00:00Z", 0), // never paying
      row("p6", "2026-10-01T00:00:00Z", 1200),
      row("p6", "2026-11-02T00:00:00Z", 0),
      row("p6", "2026-11-15T00:00:00Z", 1200), // came back: paying at the end, not churned
      row("p7", "2026-10-30T12:00:00Z", 2000), // exactly at the start: in the base
      row("p7", "2026-11-28T00:00:00Z", 0), // churned: lost 2000
    ];
    const result = churn(changes, NOW, 30);
    // Base: p1, p2, p3, p6, p7 = 5; churned p1, p7 = 2 → 40%.
    // Start MRR 3600 + 5800 + 2900 + 1200 + 2000 = 15500; lost 3600 + 2900 + 2000 = 8500.
    expect(result).toEqual({ payingAtStart: 5, churned: 2, rate: 0.4, startMrrCents: 15500, lostMrrCents: 8500, revenueRate: 8500 / 15500 });
    expect(result.revenueRate).toBeCloseTo(0.5484, 4);
    expect(churn([], NOW)).toEqual({ payingAtStart: 0, churned: 0, rate: null, startMrrCents: 0, lostMrrCents: 0, revenueRate: null });
  });
});

describe("trial conversion over the last 30 days", () => {
  it("Stripe trials (trialing → not) and the app's own trials (trialEndsAt) that ended in the window", () => {
    const changes = [
      row("s1", "2026-11-01T00:00:00Z", 0, true),
      row("s1", "2026-11-15T00:00:00Z", 2900), // ended → paid: converted
      row("s2", "2026-11-01T00:00:00Z", 0, true),
      row("s2", "2026-11-15T00:00:00Z", 0), // ended → canceled
      row("s3", "2026-10-01T00:00:00Z", 0, true),
      row("s3", "2026-10-15T00:00:00Z", 2900), // ended before the window
      row("s4", "2026-11-20T00:00:00Z", 0, true), // still trialing
      row("s5", "2026-11-01T00:00:00Z", 0, true),
      row("s5", "2026-11-10T00:00:00Z", 0), // ended unpaid…
      row("s5", "2026-11-20T00:00:00Z", 1200), // …then subscribed: converted
      row("a1", "2026-11-18T00:00:00Z", 1200), // paying before its app trial ended
      row("a5", "2026-11-12T00:00:00Z", 1200), // subscribed 2 days after its app trial ended
    ];
    const appTrials = [
      { tenantId: "a1", trialEndsAt: new Date("2026-11-20T00:00:00Z") }, // converted
      { tenantId: "a2", trialEndsAt: new Date("2026-11-25T00:00:00Z") }, // no history: not converted
      { tenantId: "a3", trialEndsAt: new Date("2026-12-05T00:00:00Z") }, // still running
      { tenantId: "a4", trialEndsAt: new Date("2026-10-01T00:00:00Z") }, // ended before the window
      { tenantId: "a5", trialEndsAt: new Date("2026-11-10T00:00:00Z") }, // converted
      { tenantId: "a6", trialEndsAt: null },
    ];
    // Ended: s1, s2, s5, a1, a2, a5 = 6; converted: s1, s5, a1, a5 = 4.
    expect(trialConversion(changes, appTrials, NOW, 30)).toEqual({ ended: 6, converted: 4, rate: 4 / 6 });
    expect(trialConversion([], [], NOW)).toEqual({ ended: 0, converted: 0, rate: null });
  });
});

describe("revenue history rows", () => {
  it("workspaces without history count their current state from billingSyncedAt, else createdAt", () => {
    const tenants = [
      { ...FIXTURES.starterMonthly3, id: "t1", createdAt: new Date("2026-01-01T00:00:00Z"), billingSyncedAt: new Date("2026-06-01T00:00:00Z") },
      { ...FIXTURES.proYearly2, id: "t2", createdAt: new Date("2026-02-01T00:00:00Z"), billingSyncedAt: null },
      { ...FIXTURES.proTrialing, id: "t3", createdAt: new Date("2026-03-01T00:00:00Z"), billingSyncedAt: null },
      { ...FIXTURES.starterMonthly3, id: "t4", createdAt: new Date("2026-03-01T00:00:00Z"), billingSyncedAt: null }, // has history
    ];
    expect(backfillChanges(tenants, new Set(["t4"]))).toEqual([
      { tenantId: "t1", at: new Date("2026-06-01T00:00:00Z"), mrrCents: 3600, trialing: false },
      { tenantId: "t2", at: new Date("2026-02-01T00:00:00Z"), mrrCents: 4833, trialing: false },
      { tenantId: "t3", at: new Date("2026-03-01T00:00:00Z"), mrrCents: 0, trialing: true },
    ]);
  });

  it("a row's state: whole-cent MRR; a deleted workspace has no subscription; equal states compare equal", () => {
    expect(historyStateOf(FIXTURES.proYearly2)).toEqual({ plan: "PRO", status: "ACTIVE", billingInterval: "YEAR", seats: 2, mrrCents: 4833, trialing: false });
    expect(historyStateOf(FIXTURES.deletedPaying)).toMatchObject({ status: null, mrrCents: 0, trialing: false });
    expect(sameHistoryState(historyStateOf(FIXTURES.proTrialing), historyStateOf({ ...FIXTURES.proTrialing }))).toBe(true);
    expect(sameHistoryState(historyStateOf(FIXTURES.proTrialing), historyStateOf({ ...FIXTURES.proTrialing, seats: 6 }))).toBe(false);
  });
});
