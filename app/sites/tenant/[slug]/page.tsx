// The workspace home: the dashboard (issue 7, docs/crm.md) — open pipeline, deals won this month,
// pipeline value by stage as a chart, recent CRM activity — plus the onboarding checklist until
// it is done. A new workspace gets empty states that say what to do first.
import Link from "next/link";
import { FormMessage } from "@/components/auth/fields";
import { ResendVerificationButton } from "@/components/auth/resend-verification";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ActivityFeed } from "@/components/crm/activity-feed";
import { HorizontalBarChart } from "@/components/charts/horizontal-bar-chart";
import { buttonStyles, cardStyles, focusRing } from "@/components/ui/styles";
import { can } from "@/lib/authz/permissions";
import { recentActivity } from "@/lib/crm/activity";
import { getDashboard, type Dashboard } from "@/lib/crm/dashboard";
import { formatMoney, formatTotals, minorDigits } from "@/lib/crm/money";
import { crmPage } from "@/lib/crm/page-access";
import { STAGE_LABEL } from "@/lib/crm/stages";
import { getOnboarding, type OnboardingStep } from "@/lib/tenants/overview";

// Per-request: the workspace comes from the database, never from a cache shared across hosts.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The currencies in use, largest pipeline first (at most three charts). */
function chartCurrencies(d: Dashboard): string[] {
  const sums = new Map<string, bigint>();
  for (const s of d.stages) for (const [c, v] of Object.entries(s.totals)) sums.set(c, (sums.get(c) ?? 0n) + BigInt(v));
  return [...sums.entries()]
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])))
    .slice(0, 3)
    .map(([c]) => c);
}

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className={cardStyles}>
      <dt className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-2 text-2xl font-semibold tracking-tight break-words text-zinc-900 tabular-nums dark:text-zinc-50">{value}</dd>
      <dd className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{detail}</dd>
    </div>
  );
}

export default async function TenantHome({ params, searchParams }: Props) {
  // Members only (threat A1): signed out → this host's sign-in; another workspace's user → 403.
  const { ctx, tenant, user } = await crmPage((await params).slug, "/");
  const [dashboard, activity, onboarding] = await Promise.all([getDashboard(ctx), recentActivity(ctx, 10), getOnboarding(tenant, user.id)]);
  const canCreateCustomer = can(ctx.actor.role, "customers", "create");
  const canCreateDeal = can(ctx.actor.role, "deals", "create");
  // Where each open step of the checklist is done (only where this member's role can do it).
  const stepHref: Partial<Record<OnboardingStep["key"], string>> = {
    ...(can(ctx.actor.role, "invitations", "create") ? { invite: "/members" } : {}),
    ...(canCreateCustomer ? { customer: "/customers/new" } : {}),
  };
  const currencies = chartCurrencies(dashboard);
  // Signup (and "create another workspace") land here with ?welcome=1.
  const welcome = (await searchParams).welcome === "1";
  const month = new Intl.DateTimeFormat("en", {
    month: "long",
    timeZone: "UTC",
  }).format(new Date(dashboard.wonThisMonth.since));

  return (
    <div className="flex flex-col gap-10">
      <section aria-labelledby="workspace-title" className="flex items-start justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-accent">Workspace</p>
          <h1 id="workspace-title" className="mt-2 text-4xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
            {tenant.name}
          </h1>
          <p className="mt-3 text-zinc-600 dark:text-zinc-400">Signed in as {user.email}</p>
        </div>
        <SignOutButton />
      </section>

      {welcome ? <FormMessage notice={`${tenant.name} is ready. The checklist below walks you through the first steps.`} /> : null}

      {onboarding.done ? null : (
        <section aria-labelledby="checklist-title" className={`max-w-xl ${cardStyles}`}>
          <h2 id="checklist-title" className="font-semibold">
            Get started
          </h2>
          <ul className="mt-4 space-y-2 text-sm">
            {onboarding.steps.map((step) => (
              <li key={step.key}>
                <div className="flex items-center gap-2">
                  <span aria-hidden="true">{step.done ? "✓" : "○"}</span>
                  {step.done ? (
                    <span className="text-zinc-500 line-through dark:text-zinc-400">{step.label}</span>
                  ) : stepHref[step.key] ? (
                    <Link href={stepHref[step.key]!} className={`font-medium text-accent hover:underline ${focusRing}`}>
                      {step.label}
                    </Link>
                  ) : (
                    <span>{step.label}</span>
                  )}
                  <span className="sr-only">{step.done ? "(done)" : "(to do)"}</span>
                </div>
                {step.key === "verify" && !step.done ? <ResendVerificationButton className="mt-1 ml-6" /> : null}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="numbers-title">
        <h2 id="numbers-title" className="sr-only">
          Key numbers
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Figure
            label="Open pipeline"
            value={formatTotals(dashboard.open.totals)}
            detail={`${dashboard.open.count} open ${dashboard.open.count === 1 ? "deal" : "deals"}`}
          />
          <Figure
            label={`Won in ${month}`}
            value={formatTotals(dashboard.wonThisMonth.totals)}
            detail={`${dashboard.wonThisMonth.count} ${dashboard.wonThisMonth.count === 1 ? "deal" : "deals"} won`}
          />
          <Figure label="Customers" value={String(dashboard.customerCount)} detail="active" />
          <Figure label="Deals" value={String(dashboard.dealCount)} detail="in every stage" />
        </dl>
      </section>

      <div className="grid gap-10 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="pipeline-title" className={cardStyles}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="pipeline-title" className="text-lg font-semibold">
              Pipeline by stage
            </h2>
            {dashboard.dealCount > 0 ? (
              <Link href="/deals" className={`text-sm font-medium text-accent hover:underline ${focusRing}`}>
                Open the board →
              </Link>
            ) : null}
          </div>
          {dashboard.dealCount === 0 ? (
            <FirstSteps hasCustomers={dashboard.customerCount > 0} canCreateCustomer={canCreateCustomer} canCreateDeal={canCreateDeal} />
          ) : (
            <div className="mt-4 flex flex-col gap-8">
              {currencies.map((currency) => {
                const scale = 10 ** minorDigits(currency);
                const bars = dashboard.stages.map((s) => ({
                  label: STAGE_LABEL[s.stage],
                  value: Number(BigInt(s.totals[currency] ?? "0")) / scale,
                  display: formatMoney(s.totals[currency] ?? "0", currency),
                  detail: `${s.count} ${s.count === 1 ? "deal" : "deals"}`,
                }));
                const summary = `Pipeline value in ${currency} by stage: ${bars.map((b) => `${b.label} ${b.display}`).join(", ")}.`;
                return (
                  <HorizontalBarChart
                    key={currency}
                    id={`pipeline-${currency}`}
                    title={currencies.length > 1 ? `Value in ${currency}` : `Value (${currency})`}
                    summary={summary}
                    bars={bars}
                  />
                );
              })}
            </div>
          )}
        </section>

        <section aria-labelledby="activity-title" className={cardStyles}>
          <h2 id="activity-title" className="mb-4 text-lg font-semibold">
            Recent activity
          </h2>
          <ActivityFeed items={activity} empty="Changes to customers, deals and notes will show up here." />
        </section>
      </div>
    </div>
  );
}

function FirstSteps({ hasCustomers, canCreateCustomer, canCreateDeal }: { hasCustomers: boolean; canCreateCustomer: boolean; canCreateDeal: boolean }) {
  const action = !hasCustomers
    ? canCreateCustomer
      ? {
          href: "/customers/new",
          label: "New customer",
          text: "Start with a customer: every deal belongs to one.",
        }
      : null
    : canCreateDeal
      ? {
          href: "/deals/new",
          label: "Create your first deal",
          text: "Create a deal for one of your customers to see your pipeline here.",
        }
      : null;
  return (
    <div className="mt-4 rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">No deals yet</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{action ? action.text : "Your team's pipeline will show up here."}</p>
      {action ? (
        <Link href={action.href} className={`mt-4 ${buttonStyles.primary}`}>
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
