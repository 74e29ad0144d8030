// POST /api/stripe/webhook, the logic (the route is a thin wrapper). Threats S1–S7.
//
// 1. Signature over the RAW body (Stripe-Signature, t=…,v1=HMAC-SHA256), timestamp at most
//    300 s old: otherwise 400 and nothing changes.
// 2. livemode must match the configured key (a test key only accepts test events): else 400.
// 3. Unknown event types: 200, ignored.
// 4. ONE audited platform transaction (crossTenant): insert the event id into stripe_event
//    (ON CONFLICT DO NOTHING; a concurrent duplicate waits on the unique index), then the
//    effects. A duplicate rolls back and answers 200 {duplicate: true}: one effect however
//    often and however concurrently Stripe delivers (S2, S7).
// 5. The effect is always "re-fetch the customer's subscriptions from Stripe and mirror them"
//    (lib/billing/sync.ts), so the final state does not depend on delivery order (S3).
// 6. E-mails after commit (lib/billing/notify.ts).
import Stripe from "stripe";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/lib/db/availability";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformTransaction } from "@/lib/db/cross-tenant";
import { getBillingConfig, type BillingConfig } from "@/lib/config/billing";
import { getHostConfig } from "@/lib/config/hosts";
import { tenantOrigin } from "@/lib/hosts";
import { notifyBillingEvent, type BillingNotification } from "./notify";
import { syncTenantInTransaction } from "./sync";
import { idOf, stripe as defaultStripe } from "./stripe";

/** Oldest signature timestamp accepted, in seconds (Stripe's default). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const HANDLED_EVENTS = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.payment_action_required",
]);

export type WebhookResponse = { status: number; body: Record<string, unknown> };

export type WebhookDeps = {
  client?: typeof basePrisma;
  stripe?: Stripe;
  config?: BillingConfig;
  /** Send e-mails (default notifyBillingEvent); tests pass a recorder. */
  notify?: (notification: BillingNotification) => Promise<void>;
  now?: () => Date;
};

class DuplicateEvent extends Error {}

/**
 * Fault injection for test/integration/faults-webhook.test.ts: throws when TENANTRY_TEST_FAULT
 * names `point`. Only under NODE_ENV=test (vitest); `next build`/`next start` inline
 * NODE_ENV=production, so production code can never reach the throw whatever the environment.
 */
function injectFault(point: string): void {
  if (process.env.NODE_ENV === "test" && process.env.TENANTRY_TEST_FAULT === point) throw new Error(`injected fault: ${point}`);
}

const actor = { kind: "system", label: "stripe-webhook" } as const;

type Refs = { customerId: string | null; tenantHint: string | null };

/** Customer id and the tenant id we put into the object's metadata (checkout, subscription, invoice). */
function refsOf(event: Stripe.Event): Refs {
  const object = event.data.object as unknown as Record<string, unknown>;
  const customerId = idOf(object.customer as string | { id: string } | null | undefined);
  const metadata = (object.metadata ?? null) as Record<string, string> | null;
  let tenantHint: string | null = null;
  if (event.type === "checkout.session.completed") {
    tenantHint = (object.client_reference_id as string | null) ?? metadata?.tenantId ?? null;
  } else if (event.type.startsWith("invoice.")) {
    const parent = object.parent as { subscription_details?: { metadata?: Record<string, string> | null } | null } | null;
    tenantHint = parent?.subscription_details?.metadata?.tenantId ?? null;
  } else {
    tenantHint = metadata?.tenantId ?? null;
  }
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  return { customerId, tenantHint: tenantHint && uuid.test(tenantHint) ? tenantHint : null };
}

/** The tenant an event belongs to: by the stored Stripe customer id; for a checkout of a tenant
 *  whose customer id is not stored yet, by the tenant id we set, if the customer matches. */
async function resolveTenant(tx: PlatformTransaction, event: Stripe.Event, refs: Refs): Promise<string | null> {
  if (!refs.customerId) return null;
  const byCustomer = await tx.tenant.findUnique({ where: { stripeCustomerId: refs.customerId }, select: { id: true } });
  if (byCustomer) return byCustomer.id;
  if (event.type !== "checkout.session.completed" || !refs.tenantHint) return null;
  const claimed = await tx.tenant.updateMany({ where: { id: refs.tenantHint, stripeCustomerId: null }, data: { stripeCustomerId: refs.customerId } });
  return claimed.count === 1 ? refs.tenantHint : null;
}

export async function handleStripeWebhook(rawBody: string, signature: string | null, deps: WebhookDeps = {}): Promise<WebhookResponse> {
  const config = deps.config ?? getBillingConfig();
  if (!config.webhookSecret) {
    console.error("[billing] STRIPE_WEBHOOK_SECRET is not configured: webhook refused");
    return { status: 500, body: { error: "webhook secret not configured" } };
  }
  const client = deps.stripe ?? defaultStripe();
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("missing Stripe-Signature header");
    event = client.webhooks.constructEvent(rawBody, signature, config.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    return { status: 400, body: { error: "invalid signature" } };
  }
  if (event.livemode !== config.stripe.livemode) {
    return { status: 400, body: { error: `livemode mismatch: a ${config.stripe.livemode ? "live" : "test"} key does not accept ${event.livemode ? "live" : "test"} events` } };
  }
  if (!HANDLED_EVENTS.has(event.type)) return { status: 200, body: { received: true, ignored: true } };

  const now = deps.now?.() ?? new Date();
  const refs = refsOf(event);
  const notifications: BillingNotification[] = [];
  let outcome: Record<string, unknown>;
  try {
    outcome = await crossTenant(
      {
        actor,
        action: "stripe.webhook",
        reason: "apply a Stripe event to the tenant it concerns",
        subjectTenantId: refs.tenantHint ?? undefined,
        data: { eventId: event.id, type: event.type, customer: refs.customerId },
      },
      async (tx) => {
        const inserted = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type, livemode: event.livemode }], skipDuplicates: true });
        if (inserted.count === 0) throw new DuplicateEvent();
        const tenantId = await resolveTenant(tx, event, refs);
        if (!tenantId) {
          console.warn(`[billing] ${event.type} ${event.id}: no tenant for customer ${refs.customerId ?? "(none)"}; recorded, ignored`);
          await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: now } });
          return { received: true, unmatched: true };
        }
        if (refs.tenantHint && refs.tenantHint !== tenantId) {
          // The metadata we set names another tenant than the customer's: apply nothing.
          console.error(`[billing] ${event.type} ${event.id}: metadata tenant ${refs.tenantHint} != customer's tenant ${tenantId}; ignored`);
          await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: now } });
          return { received: true, unmatched: true };
        }
        const synced = await syncTenantInTransaction(tx, tenantId, { stripe: client, now });
        injectFault("webhook-after-effect"); // tests only: a crash with the effect written, uncommitted
        await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: now } });
        const notification = await notificationFor(tx, event, tenantId);
        if (notification) notifications.push(notification);
        return { received: true, tenantId, status: synced?.after.subscriptionStatus ?? null };
      },
      deps.client,
    );
  } catch (error) {
    if (error instanceof DuplicateEvent) return { status: 200, body: { received: true, duplicate: true } };
    if (isDatabaseUnavailable(error)) return { status: 503, body: { error: UNAVAILABLE_MESSAGE } }; // Stripe retries
    console.error(`[billing] ${event.type} ${event.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    // 500: Stripe retries later; nothing was recorded (the transaction rolled back).
    return { status: 500, body: { error: "processing failed" } };
  }
  const notify = deps.notify ?? notifyBillingEvent;
  for (const notification of notifications) await notify(notification);
  return { status: 200, body: outcome };
}

async function notificationFor(tx: PlatformTransaction, event: Stripe.Event, tenantId: string): Promise<BillingNotification | null> {
  const kind =
    event.type === "customer.subscription.trial_will_end"
      ? "trial-ending"
      : event.type === "invoice.payment_failed" || event.type === "invoice.payment_action_required"
        ? "payment-failed"
        : event.type === "customer.subscription.deleted"
          ? "subscription-canceled"
          : null;
  if (!kind) return null;
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { slug: true, name: true, trialEndsAt: true, currentPeriodEnd: true, subscriptionEndedAt: true },
  });
  const owners = await tx.membership.findMany({ where: { tenantId, role: "OWNER" }, select: { user: { select: { email: true } } } });
  const to = owners.map((o) => o.user.email);
  const origin = tenantOrigin(tenant.slug, getHostConfig());
  if (to.length === 0 || !origin) return null;
  const url = `${origin}/billing`;
  const object = event.data.object as unknown as Record<string, unknown>;
  if (kind === "trial-ending") {
    const trialEnd = typeof object.trial_end === "number" ? new Date(object.trial_end * 1000) : (tenant.trialEndsAt ?? tenant.currentPeriodEnd);
    return trialEnd ? { kind, to, workspaceName: tenant.name, url, trialEndsAt: trialEnd } : null;
  }
  if (kind === "payment-failed") {
    const amountDue = typeof object.amount_due === "number" ? object.amount_due : null;
    const currency = typeof object.currency === "string" ? object.currency.toUpperCase() : "USD";
    const amount = amountDue !== null ? new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amountDue / 100) : undefined;
    const next = typeof object.next_payment_attempt === "number" ? new Date(object.next_payment_attempt * 1000) : null;
    return { kind, to, workspaceName: tenant.name, url, amount, nextAttemptAt: next };
  }
  return { kind, to, workspaceName: tenant.name, url, accessEndsAt: tenant.subscriptionEndedAt ?? tenant.currentPeriodEnd };
}
