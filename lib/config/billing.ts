// Billing settings (Stripe keys, price ids, trial and grace periods), parsed with zod on first
// use and cached, like ./hosts.ts. Importing this module never throws (next build imports
// route modules without the runtime environment). See docs/billing.md.
//
// Two modes:
// - STRIPE_SECRET_KEY set: the real Stripe API (test or live key). STRIPE_WEBHOOK_SECRET is
//   then required, and the local Stripe settings are ignored.
// - STRIPE_SECRET_KEY unset: the local Stripe (tools/stripe-local/) at STRIPE_LOCAL_URL, which
//   scripts/run-app.mjs starts and passes in together with a generated webhook secret.
import { z } from "zod";

/** The fixed key the app uses against the local Stripe (it accepts any sk_test_ key). */
export const LOCAL_STRIPE_KEY = "sk_test_tenantry_local";
/** Local price ids (tools/stripe-local seeds these from the same table). */
export const LOCAL_PRICE_IDS = {
  STRIPE_PRICE_STARTER_MONTHLY: "price_starter_monthly",
  STRIPE_PRICE_STARTER_YEARLY: "price_starter_yearly",
  STRIPE_PRICE_PRO_MONTHLY: "price_pro_monthly",
  STRIPE_PRICE_PRO_YEARLY: "price_pro_yearly",
} as const;

const priceId = z.string().trim().regex(/^price_[A-Za-z0-9_]+$/, "must be a Stripe price id (price_…)");
const days = (fallback: number) => z.coerce.number().int().min(0).max(365).default(fallback);

const billingEnvSchema = z
  .object({
    STRIPE_SECRET_KEY: z
      .string()
      .trim()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, "must be a Stripe secret or restricted key (sk_test_…, sk_live_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().trim().min(8, "must be the endpoint's signing secret (whsec_…)").optional(),
    /** Base URL of the local Stripe, e.g. http://127.0.0.1:12111 (only without STRIPE_SECRET_KEY). */
    STRIPE_LOCAL_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    STRIPE_PRICE_STARTER_MONTHLY: priceId.default(LOCAL_PRICE_IDS.STRIPE_PRICE_STARTER_MONTHLY),
    STRIPE_PRICE_STARTER_YEARLY: priceId.default(LOCAL_PRICE_IDS.STRIPE_PRICE_STARTER_YEARLY),
    STRIPE_PRICE_PRO_MONTHLY: priceId.default(LOCAL_PRICE_IDS.STRIPE_PRICE_PRO_MONTHLY),
    STRIPE_PRICE_PRO_YEARLY: priceId.default(LOCAL_PRICE_IDS.STRIPE_PRICE_PRO_YEARLY),
    /** Length of the card-less trial of Pro a new workspace starts with (0: start on Free). */
    TRIAL_DAYS: days(14),
    /** Days an unpaid or canceled workspace keeps writing before it turns read-only. */
    GRACE_DAYS: days(7),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required when STRIPE_SECRET_KEY is set" });
    }
  });

export type StripeConnection =
  | { mode: "stripe"; secretKey: string; livemode: boolean }
  | { mode: "local"; secretKey: string; livemode: false; host: string; port: number; protocol: "http" | "https" };

export type BillingConfig = {
  stripe: StripeConnection;
  /** null: webhooks cannot be verified (local mode started without run-app.mjs). */
  webhookSecret: string | null;
  prices: { STARTER: { MONTH: string; YEAR: string }; PRO: { MONTH: string; YEAR: string } };
  trialDays: number;
  graceDays: number;
};

export class BillingEnvError extends Error {
  override name = "BillingEnvError";
}

const DEFAULT_LOCAL_URL = "http://127.0.0.1:12111";

/** Parses `source` (process.env by default). The message names the variables, never their values. */
export function parseBillingConfig(source: Record<string, string | undefined> = process.env): BillingConfig {
  const pick = (name: string) => source[name]?.trim() || undefined;
  const result = billingEnvSchema.safeParse({
    STRIPE_SECRET_KEY: pick("STRIPE_SECRET_KEY"),
    STRIPE_WEBHOOK_SECRET: pick("STRIPE_WEBHOOK_SECRET"),
    STRIPE_LOCAL_URL: pick("STRIPE_LOCAL_URL"),
    STRIPE_PRICE_STARTER_MONTHLY: pick("STRIPE_PRICE_STARTER_MONTHLY"),
    STRIPE_PRICE_STARTER_YEARLY: pick("STRIPE_PRICE_STARTER_YEARLY"),
    STRIPE_PRICE_PRO_MONTHLY: pick("STRIPE_PRICE_PRO_MONTHLY"),
    STRIPE_PRICE_PRO_YEARLY: pick("STRIPE_PRICE_PRO_YEARLY"),
    TRIAL_DAYS: pick("TRIAL_DAYS"),
    GRACE_DAYS: pick("GRACE_DAYS"),
  });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new BillingEnvError(`Invalid billing configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  let stripe: StripeConnection;
  if (env.STRIPE_SECRET_KEY) {
    stripe = { mode: "stripe", secretKey: env.STRIPE_SECRET_KEY, livemode: /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY) };
  } else {
    const url = new URL(env.STRIPE_LOCAL_URL ?? DEFAULT_LOCAL_URL);
    const protocol = url.protocol === "https:" ? "https" : "http";
    stripe = {
      mode: "local",
      secretKey: LOCAL_STRIPE_KEY,
      livemode: false,
      host: url.hostname,
      port: url.port ? Number(url.port) : protocol === "https" ? 443 : 80,
      protocol,
    };
  }
  return {
    stripe,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
    prices: {
      STARTER: { MONTH: env.STRIPE_PRICE_STARTER_MONTHLY, YEAR: env.STRIPE_PRICE_STARTER_YEARLY },
      PRO: { MONTH: env.STRIPE_PRICE_PRO_MONTHLY, YEAR: env.STRIPE_PRICE_PRO_YEARLY },
    },
    trialDays: env.TRIAL_DAYS,
    graceDays: env.GRACE_DAYS,
  };
}

let cached: BillingConfig | undefined;

/** The billing configuration, parsed on first use and cached for the process. */
export function getBillingConfig(): BillingConfig {
  cached ??= parseBillingConfig();
  return cached;
}

/** Tests only: forget the cached configuration (after changing process.env). */
export function resetBillingConfigForTests(): void {
  cached = undefined;
}
