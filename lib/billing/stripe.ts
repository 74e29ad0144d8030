// THE Stripe SDK client. Real Stripe when STRIPE_SECRET_KEY is set; otherwise the same `stripe`
// SDK pointed at the local Stripe (tools/stripe-local/) through its host/port/protocol options
// with a fixed test key. Created lazily (importing this never reads the environment).
import Stripe from "stripe";
import { getBillingConfig, type BillingConfig } from "@/lib/config/billing";

export type StripeClient = Stripe;

export function createStripeClient(config: Pick<BillingConfig, "stripe"> = getBillingConfig()): Stripe {
  const common = { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: "Tenantry" } } as const;
  if (config.stripe.mode === "stripe") return new Stripe(config.stripe.secretKey, common);
  return new Stripe(config.stripe.secretKey, {
    ...common,
    host: config.stripe.host,
    port: config.stripe.port,
    protocol: config.stripe.protocol,
  });
}

const globalForStripe = globalThis as typeof globalThis & { __tenantryStripe?: Stripe };

/** The process's one Stripe client. */
export function stripe(): Stripe {
  globalForStripe.__tenantryStripe ??= createStripeClient();
  return globalForStripe.__tenantryStripe;
}

/** Tests only: forget the client (after changing the configuration). */
export function resetStripeClientForTests(): void {
  globalForStripe.__tenantryStripe = undefined;
}

/** The id of an expandable field (string or object). */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
