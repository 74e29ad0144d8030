"use server";
// Billing page actions: start a Checkout or open the billing portal. They RETURN the Stripe (or
// local Stripe) URL as `redirectTo` and the browser navigates (components/auth/use-redirect.ts;
// why: the header of lib/auth/actions.ts). The workspace and role come from the request's host
// and session (lib/members/request.ts), never from the form; the role is checked again inside
// createCheckoutSession / createPortalSession (billing.manage). Errors come back as a message.
import { ForbiddenError, forbiddenMessage } from "@/lib/authz/permissions";
import { createCheckoutSession } from "@/lib/billing/checkout";
import { BillingError } from "@/lib/billing/errors";
import { INTERVALS, PAID_PLAN_IDS, type Interval, type PaidPlanId } from "@/lib/billing/plans";
import { createPortalSession } from "@/lib/billing/portal";
import { requestMembers } from "@/lib/members/request";

export type BillingActionState = { error?: string; redirectTo?: string };

const MESSAGES: Record<string, string> = {
  "already-subscribed": "This workspace already has a subscription. Use “Manage billing” to change the plan or the payment method.",
  "no-billing-account": "This workspace has no billing account yet. Choose a plan first.",
  "not-configured": "Billing is not configured for this workspace address.",
};
const FAILED = "Something went wrong talking to Stripe. Try again in a moment.";

function errorMessage(error: unknown): string {
  if (error instanceof ForbiddenError) return forbiddenMessage("billing", "manage");
  if (error instanceof BillingError) return MESSAGES[error.code] ?? FAILED;
  console.error(`[billing] action failed: ${error instanceof Error ? error.message : String(error)}`);
  return FAILED;
}

export async function checkoutAction(_: BillingActionState, form: FormData): Promise<BillingActionState> {
  const access = await requestMembers();
  if (access.kind !== "member") return { error: "Your session has ended. Sign in again." };
  const plan = form.get("plan");
  const interval = form.get("interval");
  if (!PAID_PLAN_IDS.includes(plan as PaidPlanId) || !INTERVALS.includes(interval as Interval)) return { error: FAILED };
  try {
    const { url } = await createCheckoutSession({
      tenantId: access.tenant.id,
      role: access.ctx.actor.role,
      plan: plan as PaidPlanId,
      interval: interval as Interval,
      email: access.user.email,
    });
    return { redirectTo: url };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

export async function portalAction(): Promise<BillingActionState> {
  const access = await requestMembers();
  if (access.kind !== "member") return { error: "Your session has ended. Sign in again." };
  try {
    const { url } = await createPortalSession({ tenantId: access.tenant.id, role: access.ctx.actor.role });
    return { redirectTo: url };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}
