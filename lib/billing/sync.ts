// Mirror of the Stripe subscription on the tenant row, always RE-FETCHED from Stripe: whatever
// order webhook events arrive in (threat S3), the state written is Stripe's current state, not
// the payload's. The tenant row is locked (SELECT … FOR UPDATE) before the fetch, so two
// concurrent syncs of one tenant are serialized and the later one writes the later state.
//
// Which subscription counts when a customer has several (threat S6: two checkouts): the one
// that grants access (active/trialing/past_due), then unpaid/paused, then incomplete, then the
// most recently ended; newest first within a rank.
import type Stripe from "stripe";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformTransaction } from "@/lib/db/cross-tenant";
import type { BillingInterval, Plan, SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { planForPrice } from "./plans";
import { billedSnapshot, recordBilledChange } from "./revenue-history";
import { idOf, stripe as defaultStripe } from "./stripe";

const STATUS: Record<string, SubscriptionStatus | undefined> = {
  active: "ACTIVE",
  trialing: "TRIALING",
  past_due: "PAST_DUE",
  unpaid: "UNPAID",
  canceled: "CANCELED",
  incomplete: "INCOMPLETE",
  incomplete_expired: "INCOMPLETE_EXPIRED",
  paused: "PAUSED",
};

const RANK: Record<SubscriptionStatus, number> = {
  ACTIVE: 3,
  TRIALING: 3,
  PAST_DUE: 3,
  UNPAID: 2,
  PAUSED: 2,
  INCOMPLETE: 1,
  CANCELED: 0,
  INCOMPLETE_EXPIRED: 0,
};

function rank(status: string): number {
  const mapped = STATUS[status];
  return mapped ? RANK[mapped] : -1;
}

const toDate = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

/** The subscription that decides the tenant's state, of all the customer's subscriptions. */
export function pickSubscription(subscriptions: readonly Stripe.Subscription[]): Stripe.Subscription | null {
  let best: Stripe.Subscription | null = null;
  for (const sub of subscriptions) {
    if (!best) {
      best = sub;
      continue;
    }
    const a = rank(sub.status);
    const b = rank(best.status);
    if (a > b || (a === b && sub.created > best.created)) best = sub;
  }
  return best;
}

export type MirroredBilling = {
  plan: Plan;
  billingInterval: BillingInterval | null;
  subscriptionStatus: SubscriptionStatus | null;
  stripeSubscriptionId: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  seats: number | null;
  pastDueSince: Date | null;
  subscriptionEndedAt: Date | null;
};

/**
 * The tenant columns for `sub` (null: the customer has no subscription). Pure. `previous` is
 * the row before, for pastDueSince (kept from the first time the subscription fell behind).
 */
export function mirrorOf(
  sub: Stripe.Subscription | null,
  previous: { pastDueSince: Date | null; plan: Plan },
  now: Date,
): MirroredBilling {
  if (!sub) {
    return {
      plan: "FREE",
      billingInterval: null,
      subscriptionStatus: null,
      stripeSubscriptionId: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      seats: null,
      pastDueSince: null,
      subscriptionEndedAt: null,
    };
  }
  const status = STATUS[sub.status] ?? "INCOMPLETE";
  // In current API versions the billing period lives on the subscription items.
  const item = sub.items.data[0];
  const mapped = item ? planForPrice(item.price.id) : null;
  if (item && !mapped) console.warn(`[billing] subscription ${sub.id} has a price the app does not sell: ${item.price.id}`);
  const behind = status === "PAST_DUE" || status === "UNPAID";
  return {
    plan: mapped?.plan ?? previous.plan,
    billingInterval: mapped?.interval ?? null,
    subscriptionStatus: status,
    stripeSubscriptionId: sub.id,
    currentPeriodEnd: toDate(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    seats: item?.quantity ?? null,
    pastDueSince: behind ? (previous.pastDueSince ?? now) : null,
    subscriptionEndedAt: status === "CANCELED" || status === "INCOMPLETE_EXPIRED" ? notAfter(toDate(sub.ended_at ?? sub.canceled_at) ?? now, now) : null,
  };
}

/** An end reported later than our own clock (clock skew, Stripe test clocks) counts from now:
 *  the subscription has ended when we see it ended, so the grace period starts no later. */
function notAfter(date: Date, now: Date): Date {
  return date.getTime() > now.getTime() ? now : date;
}

export type SyncResult = { tenantId: string; before: MirroredBilling & { stripeCustomerId: string | null }; after: MirroredBilling };

/**
 * Re-fetches the customer's subscriptions from Stripe and writes the mirror on the tenant,
 * inside the caller's platform transaction. Locks the tenant row first.
 */
export async function syncTenantInTransaction(
  tx: PlatformTransaction,
  tenantId: string,
  options: { stripe?: Stripe; now?: Date } = {},
): Promise<SyncResult | null> {
  const client = options.stripe ?? defaultStripe();
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant WHERE id = ${tenantId}::uuid FOR UPDATE`;
  if (locked.length === 0) return null;
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      stripeCustomerId: true,
      plan: true,
      billingInterval: true,
      subscriptionStatus: true,
      stripeSubscriptionId: true,
      currentPeriodEnd: true,
      cancelAtPeriodEnd: true,
      seats: true,
      pastDueSince: true,
      subscriptionEndedAt: true,
    },
  });
  if (!tenant.stripeCustomerId) return null;
  const subscriptions = await client.subscriptions.list({ customer: tenant.stripeCustomerId, status: "all", limit: 100 });
  const mine = subscriptions.data.filter((s) => idOf(s.customer) === tenant.stripeCustomerId);
  const after = mirrorOf(pickSubscription(mine), tenant, options.now ?? new Date());
  const history = await billedSnapshot(tx, tenantId);
  await tx.tenant.update({ where: { id: tenantId }, data: { ...after, billingSyncedAt: options.now ?? new Date() } });
  // MRR over time (founder console): a history row only when the billed state changed.
  await recordBilledChange(tx, tenantId, history, options.now ?? new Date());
  return { tenantId, before: tenant, after };
}

/**
 * Standalone sync by a Stripe subscription id (sub_…) or customer id (cus_…): one audited
 * platform transaction. For jobs, the founder console, and after checkout returns.
 */
export async function syncSubscription(
  ref: string,
  options: { stripe?: Stripe; client?: typeof basePrisma; now?: Date } = {},
): Promise<SyncResult | null> {
  const client = options.stripe ?? defaultStripe();
  const customerId = ref.startsWith("sub_") ? idOf((await client.subscriptions.retrieve(ref)).customer) : ref;
  if (!customerId) return null;
  return crossTenant(
    { actor: { kind: "system", label: "billing-sync" }, action: "billing.sync", reason: "mirror the Stripe subscription on the tenant", data: { ref } },
    async (tx) => {
      const tenant = await tx.tenant.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
      return tenant ? syncTenantInTransaction(tx, tenant.id, { stripe: client, now: options.now }) : null;
    },
    options.client,
  );
}
