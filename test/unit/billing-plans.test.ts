// The plan table and the pure billing rules: effective plan, limits, read-only mode, config.
import { describe, expect, it } from "vitest";
import {
  assertWithinLimit,
  effectivePlan,
  entitlementsFor,
  initialBillingState,
  isReadOnly,
  limitsFor,
  PLANS,
  PlanLimitError,
  planForPrice,
  priceIdFor,
  type BillingState,
} from "@/lib/billing/plans";
import { LOCAL_PRICE_IDS, parseBillingConfig, BillingEnvError } from "@/lib/config/billing";
import { mirrorOf, pickSubscription } from "@/lib/billing/sync";
import { parseForm } from "../../tools/stripe-local/server.mjs";
import { LOCAL_PRICES } from "../../tools/stripe-local/prices.mjs";
import type Stripe from "stripe";

const NOW = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;
const base: BillingState = { plan: "FREE", subscriptionStatus: null, trialEndsAt: null, pastDueSince: null, subscriptionEndedAt: null, currentPeriodEnd: null, planOverrides: null };
const config = parseBillingConfig({});

describe("effectivePlan", () => {
  it("no subscription, no trial → Free", () => {
    expect(effectivePlan(base, NOW)).toBe("FREE");
  });
  it("card-less trial → Pro until trialEndsAt, then Free", () => {
    const trial = { ...base, trialEndsAt: new Date(NOW.getTime() + DAY) };
    expect(effectivePlan(trial, NOW)).toBe("PRO");
    expect(effectivePlan(trial, new Date(NOW.getTime() + 2 * DAY))).toBe("FREE");
  });
  it("active, trialing and past_due subscriptions give their plan", () => {
    for (const status of ["ACTIVE", "TRIALING", "PAST_DUE"] as const) {
      expect(effectivePlan({ ...base, plan: "STARTER", subscriptionStatus: status }, NOW)).toBe("STARTER");
    }
  });
  it("canceled, paused, incomplete fall back to the trial or Free", () => {
    for (const status of ["CANCELED", "PAUSED", "INCOMPLETE", "INCOMPLETE_EXPIRED"] as const) {
      expect(effectivePlan({ ...base, plan: "PRO", subscriptionStatus: status }, NOW)).toBe("FREE");
    }
    expect(effectivePlan({ ...base, plan: "STARTER", subscriptionStatus: "INCOMPLETE", trialEndsAt: new Date(NOW.getTime() + DAY) }, NOW)).toBe("PRO");
  });
});

describe("limits", () => {
  it("come from the plan table", () => {
    expect(limitsFor(base, NOW)).toEqual(PLANS.FREE.limits);
    expect(limitsFor({ ...base, plan: "PRO", subscriptionStatus: "ACTIVE" }, NOW)).toEqual(PLANS.PRO.limits);
  });
  it("founder overrides win, malformed overrides are ignored", () => {
    const t = { ...base, planOverrides: { limits: { seats: 50, customers: "lots" }, features: { dataExport: true } } };
    const e = entitlementsFor(t, NOW);
    expect(e.limits).toEqual({ seats: 50, customers: PLANS.FREE.limits.customers });
    expect(e.features.dataExport).toBe(true);
  });
  it("assertWithinLimit throws a typed error that says what to do", () => {
    expect(() => assertWithinLimit(base, "seats", 2, NOW)).not.toThrow();
    let error: unknown;
    try {
      assertWithinLimit(base, "seats", 3, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanLimitError);
    expect((error as PlanLimitError).message).toMatch(/^Your Free plan allows 3 members\. .+ can upgrade on the Billing page\.$/);
    expect(() => assertWithinLimit({ ...base, plan: "PRO", subscriptionStatus: "ACTIVE" }, "customers", 1_000_000, NOW)).not.toThrow();
  });
});

describe("read-only mode", () => {
  it("unpaid or canceled past the grace period; past_due never", () => {
    const since = new Date(NOW.getTime() - 8 * DAY);
    expect(isReadOnly({ ...base, plan: "PRO", subscriptionStatus: "PAST_DUE", pastDueSince: since }, NOW, 7)).toBe(false);
    expect(isReadOnly({ ...base, plan: "PRO", subscriptionStatus: "UNPAID", pastDueSince: since }, NOW, 7)).toBe(true);
    expect(isReadOnly({ ...base, plan: "PRO", subscriptionStatus: "UNPAID", pastDueSince: since }, NOW, 10)).toBe(false);
    expect(isReadOnly({ ...base, plan: "PRO", subscriptionStatus: "CANCELED", subscriptionEndedAt: since }, NOW, 7)).toBe(true);
    expect(isReadOnly({ ...base, plan: "PRO", subscriptionStatus: "CANCELED", subscriptionEndedAt: new Date(NOW.getTime() - DAY) }, NOW, 7)).toBe(false);
    expect(isReadOnly(base, NOW, 7)).toBe(false);
  });
  it("new workspaces start on the trial (TRIAL_DAYS), or Free with 0", () => {
    expect(initialBillingState(NOW, 14).trialEndsAt?.toISOString()).toBe("2026-06-15T00:00:00.000Z");
    expect(initialBillingState(NOW, 0).trialEndsAt).toBeNull();
  });
});

describe("configuration and prices", () => {
  it("local defaults: the local Stripe's price ids, test key, not live", () => {
    expect(config.stripe.mode).toBe("local");
    expect(config.stripe.livemode).toBe(false);
    expect(priceIdFor("PRO", "YEAR", config)).toBe(LOCAL_PRICE_IDS.STRIPE_PRICE_PRO_YEARLY);
    expect(planForPrice("price_starter_monthly", config)).toEqual({ plan: "STARTER", interval: "MONTH" });
    expect(planForPrice("price_unknown", config)).toBeNull();
    expect(config.trialDays).toBe(14);
    expect(config.graceDays).toBe(7);
  });
  it("the local Stripe's seeded prices match the plan table", () => {
    for (const p of LOCAL_PRICES) {
      const mapped = planForPrice(p.id, config);
      expect(mapped?.plan).toBe(p.plan);
      const interval = p.interval === "year" ? "YEAR" : "MONTH";
      expect(mapped?.interval).toBe(interval);
      expect(PLANS[p.plan as "STARTER" | "PRO"].pricePerSeatCents?.[interval]).toBe(p.unit_amount);
    }
  });
  it("a real key needs the webhook secret; live keys are livemode", () => {
    expect(() => parseBillingConfig({ STRIPE_SECRET_KEY: "sk_test_abc" })).toThrow(BillingEnvError);
    const live = parseBillingConfig({ STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_12345678" });
    expect(live.stripe).toEqual({ mode: "stripe", secretKey: "sk_live_abc", livemode: true });
    expect(() => parseBillingConfig({ STRIPE_PRICE_PRO_MONTHLY: "nope" })).toThrow(/STRIPE_PRICE_PRO_MONTHLY/);
  });
});

describe("subscription mirror", () => {
  const sub = (status: string, created: number, extra: Partial<Record<string, unknown>> = {}) =>
    ({
      id: `sub_${status}_${created}`,
      status,
      created,
      customer: "cus_1",
      cancel_at_period_end: false,
      ended_at: null,
      canceled_at: null,
      items: { data: [{ price: { id: "price_pro_monthly" }, quantity: 4, current_period_end: 1_800_000_000 }] },
      ...extra,
    }) as unknown as Stripe.Subscription;
  it("picks the subscription that grants access, then the newest", () => {
    expect(pickSubscription([sub("canceled", 3), sub("active", 1), sub("incomplete", 2)])?.status).toBe("active");
    expect(pickSubscription([sub("canceled", 1), sub("canceled", 2)])?.created).toBe(2);
    expect(pickSubscription([])).toBeNull();
  });
  it("maps plan, interval, period end (from the item), seats and pastDueSince", () => {
    const m = mirrorOf(sub("past_due", 1), { pastDueSince: null, plan: "FREE" }, NOW);
    expect(m).toMatchObject({ plan: "PRO", billingInterval: "MONTH", subscriptionStatus: "PAST_DUE", seats: 4, pastDueSince: NOW });
    expect(m.currentPeriodEnd?.getTime()).toBe(1_800_000_000_000);
    const earlier = new Date(NOW.getTime() - DAY);
    expect(mirrorOf(sub("unpaid", 1), { pastDueSince: earlier, plan: "PRO" }, NOW).pastDueSince).toEqual(earlier);
    expect(mirrorOf(sub("active", 1), { pastDueSince: earlier, plan: "PRO" }, NOW).pastDueSince).toBeNull();
  });
});

describe("local Stripe form parsing (the SDK's bracket notation)", () => {
  it("parses nested objects and indexed arrays", () => {
    expect(parseForm("mode=subscription&line_items[0][price]=price_x&line_items[0][quantity]=2&metadata[tenantId]=t&success_url=http%3A%2F%2Fa%2F%3Fx%3D1")).toEqual({
      mode: "subscription",
      line_items: [{ price: "price_x", quantity: "2" }],
      metadata: { tenantId: "t" },
      success_url: "http://a/?x=1",
    });
    expect(parseForm("__proto__[polluted]=1")).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
