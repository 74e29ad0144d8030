// Billing refusals meant for the person who tried (shown on the billing page).
export type BillingErrorCode = "already-subscribed" | "no-billing-account" | "not-configured";

export class BillingError extends Error {
  override name = "BillingError";
  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
