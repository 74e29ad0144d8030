// THE seat-limit hook. Billing decides how many members a plan allows; invite, resend and
// accept call this before adding anyone, so that is the single place to enforce it. It
// receives the transaction of the write, so a count taken here is consistent with the insert.
// It returns lib/billing's seatLimitCheck: members plus pending invitations against the plan in
// force, and a refusal when the workspace is read-only (unpaid/canceled past grace). The
// message says what to do ("… Owners and admins can upgrade on the Billing page.").
//
// syncSeatsAfterChange(): per-seat plans keep the Stripe subscription quantity equal to the
// member count. Called AFTER the membership change has committed (accept, remove, leave),
// never inside its transaction: a Stripe call must not hold the members lock, and a Stripe
// failure must not undo a membership change. A failure is logged, not thrown; the next change
// (or a founder) syncs again.
import { seatLimitCheck, syncSeats } from "@/lib/billing/seats";
import type { TenantDb, TenantTransaction } from "@/lib/db/tenant";

export type SeatCheck = { ok: true } | { ok: false; message: string };

export async function checkSeatLimit(db: TenantTransaction): Promise<SeatCheck> {
  return seatLimitCheck(db);
}

export async function syncSeatsAfterChange(db: TenantDb): Promise<void> {
  try {
    await syncSeats(db);
  } catch (error) {
    console.error(`[billing] seat sync for tenant ${db.tenantId} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
