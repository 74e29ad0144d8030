// Per-seat plans: the subscription quantity follows the member count. Call syncSeats() after a
// membership is added or removed (accept invitation, remove member). The webhook that follows
// (customer.subscription.updated) mirrors the new quantity into tenant.seats.
//
// seatLimitCheck() is what lib/members/seats.ts's checkSeatLimit hook should return: it runs
// in the write's transaction, so the count is consistent with the insert.
import { forTenant, type TenantDb, type TenantTransaction } from "@/lib/db/tenant";
import type { BillingDeps } from "./checkout";
import { entitlementsFor, PLANS, PlanLimitError, assertWithinLimit, readOnlyReason } from "./plans";
import { stripe as defaultStripe } from "./stripe";

const SEATED = new Set(["ACTIVE", "TRIALING", "PAST_DUE"]);

export async function syncSeats(tenant: string | TenantDb, deps: BillingDeps = {}): Promise<{ updated: boolean; quantity: number | null }> {
  const db = typeof tenant === "string" ? forTenant(tenant, deps.client) : tenant;
  const tenantId = db.tenantId;
  const row = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plan: true, subscriptionStatus: true, stripeSubscriptionId: true } });
  if (!row.stripeSubscriptionId || !row.subscriptionStatus || !SEATED.has(row.subscriptionStatus) || !PLANS[row.plan].perSeat) {
    return { updated: false, quantity: null };
  }
  const members = Math.max(1, await db.membership.count());
  const client = deps.stripe ?? defaultStripe();
  const subscription = await client.subscriptions.retrieve(row.stripeSubscriptionId);
  const item = subscription.items.data[0];
  if (!item || item.quantity === members) return { updated: false, quantity: item?.quantity ?? null };
  await client.subscriptions.update(subscription.id, {
    items: [{ id: item.id, quantity: members }],
    proration_behavior: "create_prorations",
  });
  return { updated: true, quantity: members };
}

export type SeatCheck = { ok: true } | { ok: false; message: string };

/** The seat limit in force and what counts against it; null when the plan has none (Members page). */
export async function seatUsage(db: TenantDb, now: Date = new Date()): Promise<{ limit: number; members: number; pending: number } | null> {
  const limit = entitlementsFor(await db.tenant.findFirstOrThrow({}), now).limits.seats;
  return limit === null ? null : { limit, ...(await seatsInUse(db, now)) };
}

/** What counts against the seat limit: members, and pending invitations (each reserves a seat). */
export async function seatsInUse(db: Pick<TenantTransaction, "membership" | "invitation">, now: Date = new Date()): Promise<{ members: number; pending: number }> {
  const members = await db.membership.count();
  const pending = await db.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } });
  return { members, pending };
}

/** Members plus pending invitations against the seat limit; and the read-only mode. */
export async function seatLimitCheck(tx: TenantTransaction, now: Date = new Date()): Promise<SeatCheck> {
  const tenant = await tx.tenant.findFirstOrThrow({});
  const readOnly = readOnlyReason(tenant, now);
  if (readOnly) return { ok: false, message: readOnly };
  if (entitlementsFor(tenant, now).limits.seats === null) return { ok: true };
  const { members, pending } = await seatsInUse(tx, now);
  try {
    assertWithinLimit(tenant, "seats", members + pending, now);
    return { ok: true };
  } catch (error) {
    if (error instanceof PlanLimitError) {
      // Pending invitations hold seats too; say so, or the count on Billing looks wrong.
      const held = pending > 0 ? ` ${pending} pending ${pending === 1 ? "invitation holds a seat" : "invitations hold seats"}: revoke one on the Members page to free a seat.` : "";
      return { ok: false, message: `${error.message}${held}` };
    }
    throw error;
  }
}
