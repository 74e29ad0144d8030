// THE seat-limit hook. Billing (later) decides how many members a plan allows; invite, resend
// and accept call this before adding anyone, so that is the single place to enforce it. It
// receives the transaction of the write, so a count taken here is consistent with the insert.
// Today every plan is unlimited: it allows everything.
import type { TenantTransaction } from "@/lib/db/tenant";

export type SeatCheck = { ok: true } | { ok: false; message: string };

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the hook's signature for billing
export async function checkSeatLimit(db: TenantTransaction): Promise<SeatCheck> {
  return { ok: true };
}
