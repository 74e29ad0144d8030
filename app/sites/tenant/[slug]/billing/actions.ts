"use server";
// Billing page actions: start a Checkout or open the billing portal, then redirect the browser
// to Stripe (or the local Stripe). The workspace and role come from the request's host and
// session (lib/members/request.ts), never from the form; errors come back as a known code.
import { redirect } from "next/navigation";
import { ForbiddenError } from "@/lib/authz/permissions";
import { createCheckoutSession } from "@/lib/billing/checkout";
import { BillingError } from "@/lib/billing/errors";
import { INTERVALS, PAID_PLAN_IDS, type Interval, type PaidPlanId } from "@/lib/billing/plans";
import { createPortalSession } from "@/lib/billing/portal";
import { requestMembers } from "@/lib/members/request";

function errorCode(error: unknown): string {
  if (error instanceof ForbiddenError) return "forbidden";
  if (error instanceof BillingError) return error.code;
  console.error(`[billing] action failed: ${error instanceof Error ? error.message : String(error)}`);
  return "failed";
}

export async function checkoutAction(form: FormData): Promise<void> {
  const access = await requestMembers();
  if (access.kind !== "member") redirect("/billing");
  const plan = form.get("plan");
  const interval = form.get("interval");
  if (!PAID_PLAN_IDS.includes(plan as PaidPlanId) || !INTERVALS.includes(interval as Interval)) redirect("/billing?error=failed");
  let url: string;
  try {
    ({ url } = await createCheckoutSession({
      tenantId: access.tenant.id,
      role: access.ctx.actor.role,
      plan: plan as PaidPlanId,
      interval: interval as Interval,
      email: access.user.email,
    }));
  } catch (error) {
    redirect(`/billing?error=${errorCode(error)}`);
  }
  redirect(url);
}

export async function portalAction(): Promise<void> {
  const access = await requestMembers();
  if (access.kind !== "member") redirect("/billing");
  let url: string;
  try {
    ({ url } = await createPortalSession({ tenantId: access.tenant.id, role: access.ctx.actor.role }));
  } catch (error) {
    redirect(`/billing?error=${errorCode(error)}`);
  }
  redirect(url);
}
