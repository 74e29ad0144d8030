// Upgrading through Stripe Checkout (subscription mode). Threats S5, S6.
//
// - Only roles with billing.manage (lib/authz/permissions.ts).
// - One Stripe customer per tenant, created once: the id is stored with a conditional update
//   (WHERE stripe_customer_id IS NULL); a concurrent loser deletes the customer it created and
//   uses the stored one. The unique index on stripe_customer_id backs it.
// - One subscription per tenant: refused when the mirror or Stripe itself shows a live one
//   (then "Manage billing" changes the plan). A race of two open checkouts that both complete
//   is survivable: sync picks the subscription that grants access (lib/billing/sync.ts).
// - The tenant is named server-side: client_reference_id, metadata and subscription metadata.
// - Success and cancel URLs on the tenant's host, from configuration (never the Host header).
import type Stripe from "stripe";
import { assertCan } from "@/lib/authz/permissions";
import { getHostConfig } from "@/lib/config/hosts";
import { basePrisma } from "@/lib/db/client";
import { forTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { tenantOrigin } from "@/lib/hosts";
import { BillingError } from "./errors";
import { LIVE_SUBSCRIPTION, PLANS, priceIdFor, type Interval, type PaidPlanId } from "./plans";
import { idOf, stripe as defaultStripe } from "./stripe";

export type BillingDeps = { client?: typeof basePrisma; stripe?: Stripe };

const LIVE_STRIPE_STATUSES = new Set(["active", "trialing", "past_due", "unpaid", "paused"]);

/** The tenant's Stripe customer id, creating the customer on first use (race-safe). */
export async function ensureStripeCustomer(tenantId: string, deps: BillingDeps & { email?: string | null } = {}): Promise<string> {
  const db = forTenant(tenantId, deps.client);
  const client = deps.stripe ?? defaultStripe();
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true, slug: true, name: true, stripeCustomerId: true } });
  if (tenant.stripeCustomerId) return tenant.stripeCustomerId;
  const created = await client.customers.create({
    name: tenant.name,
    ...(deps.email ? { email: deps.email } : {}),
    metadata: { tenantId: tenant.id, slug: tenant.slug },
  });
  const stored = await db.tenant.updateMany({ where: { id: tenantId, stripeCustomerId: null }, data: { stripeCustomerId: created.id } });
  if (stored.count === 1) return created.id;
  // Another request stored its customer first: use that one, remove ours.
  await client.customers.del(created.id).catch((error: unknown) => {
    console.warn(`[billing] could not delete duplicate customer ${created.id}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const winner = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { stripeCustomerId: true } });
  if (!winner.stripeCustomerId) throw new Error("stripe customer id vanished during checkout");
  return winner.stripeCustomerId;
}

export type CheckoutInput = {
  tenantId: string;
  /** The caller's role in this tenant (from the session's membership). */
  role: Role;
  plan: PaidPlanId;
  interval: Interval;
  /** The caller's e-mail, prefilled on the customer when it is created. */
  email?: string | null;
};

export async function createCheckoutSession(input: CheckoutInput, deps: BillingDeps = {}): Promise<{ id: string; url: string }> {
  assertCan(input.role, "billing", "manage");
  if (!(input.plan in PLANS) || input.plan === ("FREE" as string)) throw new BillingError("not-configured", "Choose a paid plan.");
  const db = forTenant(input.tenantId, deps.client);
  const client = deps.stripe ?? defaultStripe();
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: input.tenantId },
    select: { slug: true, subscriptionStatus: true, stripeCustomerId: true },
  });
  const alreadySubscribed = () =>
    new BillingError("already-subscribed", "This workspace already has a subscription. Use “Manage billing” to change the plan or the payment method.");
  if (tenant.subscriptionStatus && LIVE_SUBSCRIPTION.has(tenant.subscriptionStatus)) throw alreadySubscribed();
  const origin = tenantOrigin(tenant.slug, getHostConfig());
  if (!origin) throw new BillingError("not-configured", "The workspace address cannot be built from APP_ROOT_DOMAIN.");

  const customerId = await ensureStripeCustomer(input.tenantId, { ...deps, email: input.email });
  // The mirror may lag behind a checkout that just completed: ask Stripe too.
  const existing = await client.subscriptions.list({ customer: customerId, status: "all", limit: 20 });
  if (existing.data.some((s) => idOf(s.customer) === customerId && LIVE_STRIPE_STATUSES.has(s.status))) throw alreadySubscribed();

  const seats = PLANS[input.plan].perSeat ? Math.max(1, await db.membership.count()) : 1;
  const session = await client.checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    client_reference_id: input.tenantId,
    metadata: { tenantId: input.tenantId },
    subscription_data: { metadata: { tenantId: input.tenantId } },
    line_items: [{ price: priceIdFor(input.plan, input.interval), quantity: seats }],
    success_url: `${origin}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/billing?checkout=canceled`,
  });
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return { id: session.id, url: session.url };
}
