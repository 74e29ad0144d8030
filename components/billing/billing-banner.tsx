// The billing banner on every page of a workspace (rendered once by the tenant layout):
// - read-only (unpaid/canceled past the grace period): for everyone, with the reason;
// - past_due: for roles that see billing (OWNER, ADMIN), pointing to the Billing page;
// - the card-less trial with the days left: for OWNER and ADMIN.
// Hidden on the Billing page itself, which shows the same state in full. Server component: the
// state is read with the request's tenant-bound client; signed-out visitors and non-members
// get nothing.
import { can } from "@/lib/authz/permissions";
import { entitlementsFor, PLANS, readOnlyReason } from "@/lib/billing/plans";
import { requestMembers } from "@/lib/members/request";
import { HideOnBillingPage } from "./hide-on-billing-page";

const DAY_MS = 86_400_000;

export async function BillingBanner({ slug }: { slug: string }) {
  const access = await requestMembers(slug);
  if (access.kind !== "member") return null;
  const tenant = await access.ctx.db.tenant.findFirst({});
  if (!tenant) return null;
  const now = new Date();
  const seesBilling = can(access.ctx.actor.role, "billing", "read");
  const readOnly = readOnlyReason(tenant, now);

  let banner: React.ReactNode = null;
  if (readOnly) {
    banner = (
      <div role="alert" data-testid="billing-banner" data-kind="read-only" className="mb-6 rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800">
        {readOnly} {seesBilling ? <BillingLink /> : null}
      </div>
    );
  } else if (seesBilling && (tenant.subscriptionStatus === "PAST_DUE" || tenant.subscriptionStatus === "UNPAID")) {
    banner = (
      <div role="alert" data-testid="billing-banner" data-kind="past-due" className="mb-6 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
        The last payment for the {PLANS[tenant.plan].name} plan failed. Update the payment method to keep this workspace running. <BillingLink />
      </div>
    );
  } else if (seesBilling && tenant.trialEndsAt && entitlementsFor(tenant, now).source === "trial") {
    const days = Math.max(1, Math.ceil((tenant.trialEndsAt.getTime() - now.getTime()) / DAY_MS));
    banner = (
      <div role="status" data-testid="billing-banner" data-kind="trial" className="mb-6 rounded-lg bg-indigo-50 p-4 text-sm text-indigo-900 ring-1 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-800">
        Your free trial of {PLANS[entitlementsFor(tenant, now).plan.id].name} ends in {days} day{days === 1 ? "" : "s"}. <BillingLink label="Choose a plan" />
      </div>
    );
  }
  return banner ? <HideOnBillingPage>{banner}</HideOnBillingPage> : null;
}

function BillingLink({ label = "Go to Billing" }: { label?: string }) {
  return (
    <a href="/billing" className="font-semibold underline">
      {label}
    </a>
  );
}
