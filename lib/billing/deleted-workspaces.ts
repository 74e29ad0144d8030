// Billing stops with a deleted workspace (owner or founder, lib/workspace/deletion.ts):
// - at deletion, its live subscription is set to end at the period's end — no further
//   renewals, and what was paid for runs out normally. A restore does NOT resume it: charging
//   again needs the owner's own decision (Billing → resume), never a side effect;
// - before the purge (lib/workspace/purge.ts), a subscription that is still live (a yearly one)
//   is canceled at once, so no subscription is ever left billing a workspace that is gone.
// Stripe is called outside any database transaction; the webhook mirrors the result as usual.
// A failed call is retried by the hourly job (lib/jobs), which finds every deleted workspace
// whose subscription still renews.
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { stripe as defaultStripe, type StripeClient } from "./stripe";

type Deps = { client?: typeof basePrisma; stripe?: StripeClient };
const actor = { kind: "system", label: "billing of deleted workspaces" } as const;

/** Statuses in which Stripe would still charge (or try to). */
export const LIVE_SUBSCRIPTION: SubscriptionStatus[] = ["ACTIVE", "TRIALING", "PAST_DUE", "UNPAID", "INCOMPLETE", "PAUSED"];

/** Sets every deleted workspace's renewing subscription (or just `tenantId`'s) to end at the
 *  period's end. Returns the subscriptions changed. */
export async function stopRenewalOfDeletedWorkspaces({ tenantId, client = basePrisma, stripe }: Deps & { tenantId?: string } = {}): Promise<string[]> {
  const due = await crossTenant(
    { actor, action: "billing.deleted.scan", reason: "deleted workspaces must not renew", ...(tenantId ? { subjectTenantId: tenantId } : {}) },
    (tx) =>
      tx.tenant.findMany({
        where: { ...(tenantId ? { id: tenantId } : {}), status: "DELETED", stripeSubscriptionId: { not: null }, cancelAtPeriodEnd: false, subscriptionStatus: { in: LIVE_SUBSCRIPTION } },
        select: { id: true, stripeSubscriptionId: true },
        take: 100,
      }),
    client,
  );
  const changed: string[] = [];
  for (const { id, stripeSubscriptionId } of due) {
    try {
      await (stripe ?? defaultStripe()).subscriptions.update(stripeSubscriptionId!, { cancel_at_period_end: true, metadata: { tenantryDeleted: "true" } });
      changed.push(stripeSubscriptionId!);
    } catch (error) {
      console.error(`[billing] could not stop renewal for deleted workspace ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return changed;
}

/** Before a purge: cancels the workspace's subscription now if it is still live. False when
 *  Stripe could not be reached (the purge waits for the next run). */
export async function cancelSubscriptionBeforePurge(
  tenant: { id: string; stripeSubscriptionId: string | null; subscriptionStatus: SubscriptionStatus | null },
  { stripe }: Deps = {},
): Promise<boolean> {
  if (!tenant.stripeSubscriptionId || !tenant.subscriptionStatus || !LIVE_SUBSCRIPTION.includes(tenant.subscriptionStatus)) return true;
  const client = stripe ?? defaultStripe();
  try {
    const current = await client.subscriptions.retrieve(tenant.stripeSubscriptionId);
    if (current.status !== "canceled") await client.subscriptions.cancel(tenant.stripeSubscriptionId);
    return true;
  } catch (error) {
    console.error(`[billing] could not cancel the subscription of purged workspace ${tenant.id}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
