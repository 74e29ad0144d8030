// The workspace's billing page (owners and admins see it; billing.manage acts): plan in force,
// usage against limits, upgrade through Stripe Checkout, "Manage billing" (portal).
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { entitlementsFor, PAID_PLAN_IDS, PLANS, LIVE_SUBSCRIPTION, readOnlyReason } from "@/lib/billing/plans";
import { seatsInUse } from "@/lib/billing/seats";
import { requestMembers } from "@/lib/members/request";
import { BillingActionForm } from "@/components/billing/billing-forms";
import { checkoutAction, portalAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Billing" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const ERRORS: Record<string, string> = {
  "already-subscribed": "This workspace already has a subscription. Use “Manage billing” to change the plan or the payment method.",
  "no-billing-account": "This workspace has no billing account yet. Choose a plan first.",
  forbidden: forbiddenMessage("billing", "manage"),
  "not-configured": "Billing is not configured for this workspace address.",
  failed: "Something went wrong talking to Stripe. Try again in a moment.",
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
const money = (cents: number) => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;
const STATUS_LABEL: Record<string, string> = {
  TRIALING: "Trialing",
  ACTIVE: "Active",
  PAST_DUE: "Past due",
  UNPAID: "Unpaid",
  CANCELED: "Canceled",
  INCOMPLETE: "Incomplete",
  INCOMPLETE_EXPIRED: "Expired",
  PAUSED: "Paused",
};

export default async function BillingPage({ params, searchParams }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/billing")}`);
  if (access.kind === "forbidden" || !can(access.ctx.actor.role, "billing", "read")) {
    return (
      <section aria-labelledby="billing-title">
        <h1 id="billing-title" className="text-2xl font-semibold">
          No access
        </h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">{forbiddenMessage("billing", "read")}</p>
      </section>
    );
  }
  const query = await searchParams;
  const error = typeof query.error === "string" ? ERRORS[query.error] : undefined;
  const checkout = typeof query.checkout === "string" ? query.checkout : undefined;
  const { db, actor } = access.ctx;
  const now = new Date();
  const tenant = await db.tenant.findFirstOrThrow({});
  // As the seat limit counts them: pending invitations hold seats too.
  const { members, pending: pendingInvitations } = await seatsInUse(db, now);
  const customers = await db.customer.count({ where: { archivedAt: null } });
  const { plan, source, limits } = entitlementsFor(tenant, now);
  const readOnly = readOnlyReason(tenant, now);
  const manage = can(actor.role, "billing", "manage");
  const live = tenant.subscriptionStatus !== null && LIVE_SUBSCRIPTION.has(tenant.subscriptionStatus);

  return (
    <div className="flex flex-col gap-10">
      <header>
        <p className="text-sm font-semibold text-accent">{access.tenant.name}</p>
        <h1 id="billing-title" className="mt-2 text-3xl font-semibold tracking-tight">
          Billing
        </h1>
      </header>

      {checkout === "success" ? (
        <p role="status" className="rounded-lg bg-emerald-50 p-4 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
          Thank you! Your subscription is being activated; this page shows it as soon as Stripe confirms the payment.
        </p>
      ) : null}
      {checkout === "canceled" ? <p className="rounded-lg bg-zinc-50 p-4 text-sm text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">Checkout canceled. Nothing was charged.</p> : null}
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800 dark:bg-red-950 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {tenant.subscriptionStatus === "PAST_DUE" ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          The last payment failed. Update the payment method with “Manage billing” to keep the {PLANS[tenant.plan].name} plan.
        </p>
      ) : null}
      {readOnly ? (
        <p role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800 dark:bg-red-950 dark:text-red-300">
          {readOnly}
        </p>
      ) : null}

      <section aria-labelledby="plan-title" className="rounded-xl p-6 ring-1 ring-zinc-200 dark:ring-zinc-800">
        <h2 id="plan-title" className="text-lg font-semibold">
          Current plan: <span data-testid="current-plan">{plan.name}</span>
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {source === "trial" && tenant.trialEndsAt ? `Free trial until ${dateFormat.format(tenant.trialEndsAt)}. No card needed.` : null}
          {source === "free" ? "The Free plan. Upgrade for more seats, customers and features." : null}
          {tenant.subscriptionStatus ? `Subscription: ${STATUS_LABEL[tenant.subscriptionStatus]}` : null}
          {tenant.subscriptionStatus && tenant.currentPeriodEnd
            ? tenant.cancelAtPeriodEnd
              ? ` · ends on ${dateFormat.format(tenant.currentPeriodEnd)}`
              : ` · renews on ${dateFormat.format(tenant.currentPeriodEnd)}`
            : null}
          {tenant.seats ? ` · ${tenant.seats} seat${tenant.seats === 1 ? "" : "s"}` : null}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Members</dt>
            <dd data-testid="usage-seats">
              {members} of {limits.seats ?? "unlimited"}
            </dd>
            {pendingInvitations > 0 ? (
              <dd data-testid="usage-pending" className="text-zinc-500 dark:text-zinc-400">
                + {pendingInvitations} pending {pendingInvitations === 1 ? "invitation" : "invitations"}, counted against the limit
              </dd>
            ) : null}
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Customers</dt>
            <dd data-testid="usage-customers">
              {customers} of {limits.customers ?? "unlimited"}
            </dd>
          </div>
        </dl>
        {manage && tenant.stripeCustomerId ? (
          <BillingActionForm
            action={portalAction}
            className="mt-6"
            buttonClassName="rounded-lg bg-white px-3 py-2 text-sm font-medium ring-1 ring-zinc-300 hover:bg-zinc-50"
          >
            Manage billing
          </BillingActionForm>
        ) : null}
      </section>

      {manage && !live ? (
        <section aria-labelledby="upgrade-title">
          <h2 id="upgrade-title" className="text-lg font-semibold">
            Choose a plan
          </h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            {PAID_PLAN_IDS.map((id) => {
              const p = PLANS[id];
              return (
                <div key={id} className="rounded-xl p-6 ring-1 ring-zinc-200 dark:ring-zinc-800">
                  <h3 className="font-semibold">{p.name}</h3>
                  <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                    {money(p.pricePerSeatCents!.MONTH)} per seat / month or {money(p.pricePerSeatCents!.YEAR)} per seat / year
                  </p>
                  <ul className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
                    <li>Up to {p.limits.seats ?? "unlimited"} members</li>
                    <li>{p.limits.customers === null ? "Unlimited" : p.limits.customers.toLocaleString("en")} customers</li>
                    <li>{p.features.dataExport ? "Data export" : "No data export"}</li>
                    <li>{p.features.customDomain ? "Custom domain" : "No custom domain"}</li>
                    <li>Audit log kept {p.features.auditLogRetentionDays} days</li>
                  </ul>
                  <div className="mt-4 flex gap-2">
                    {(["MONTH", "YEAR"] as const).map((interval) => (
                      <BillingActionForm
                        key={interval}
                        action={checkoutAction}
                        hidden={{ plan: id, interval }}
                        buttonClassName="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
                      >
                        {p.name} {interval === "MONTH" ? "monthly" : "yearly"}
                      </BillingActionForm>
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        </section>
      ) : null}
      {!manage ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{forbiddenMessage("billing", "manage")}</p> : null}
    </div>
  );
}
