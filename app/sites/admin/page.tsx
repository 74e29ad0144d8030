import { AreaChart } from "@/components/admin/area-chart";
import { BarChart } from "@/components/admin/bar-chart";
import { formatPercent, formatUsd, STATUS_BUCKETS, type StatusBucket } from "@/lib/admin/kpis";
import { founderActor, requirePlatformAdmin } from "@/lib/admin/session";
import { overview } from "@/lib/admin/tenants";

export const metadata = { title: "Overview" };

const BUCKET_LABEL: Record<StatusBucket, string> = {
  trialing: "Trialing",
  active: "Active (paying)",
  past_due: "Past due",
  suspended: "Suspended",
  free: "Free / ended",
};

export default async function AdminOverview() {
  const user = await requirePlatformAdmin();
  const data = await overview(founderActor(user));
  return (
    <section aria-labelledby="overview-title" className="space-y-8">
      <h1 id="overview-title" className="text-3xl font-semibold tracking-tight">
        Overview
      </h1>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Kpi label="MRR" value={formatUsd(data.revenue.mrrCents)} />
        <Kpi label="ARR" value={formatUsd(data.revenue.arrCents)} />
        <Kpi label="Paying workspaces" value={String(data.revenue.payingTenants)} />
        <Kpi label="Workspaces" value={String(data.total)} />
      </dl>
      <div>
        <h2 className="text-lg font-semibold">Workspaces by status</h2>
        <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-5">
          {STATUS_BUCKETS.map((bucket) => (
            <Kpi key={bucket} label={BUCKET_LABEL[bucket]} value={String(data.byStatus[bucket])} />
          ))}
        </dl>
      </div>
      <AreaChart title="MRR over time (last 90 days, UTC, end of day)" data={data.mrr.map((d) => ({ label: d.day, cents: d.mrrCents }))} />
      <div>
        <h2 className="text-lg font-semibold">Last 30 days</h2>
        <dl className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Kpi
            label="Churn¹"
            value={formatPercent(data.churn.rate)}
            detail={`${data.churn.churned} of ${data.churn.payingAtStart} paying workspaces`}
            testId="kpi-churn"
          />
          <Kpi
            label="Revenue churn²"
            value={formatPercent(data.churn.revenueRate)}
            detail={`${formatUsd(data.churn.lostMrrCents)} of ${formatUsd(data.churn.startMrrCents)} MRR`}
            testId="kpi-revenue-churn"
          />
          <Kpi
            label="Trial conversion³"
            value={formatPercent(data.conversion.rate)}
            detail={`${data.conversion.converted} of ${data.conversion.ended} ended trials`}
            testId="kpi-conversion"
          />
        </dl>
        <ol className="mt-3 space-y-1 text-xs text-zinc-500 dark:text-zinc-400" aria-label="Definitions">
          <li>¹ Workspaces paying (MRR above zero) 30 days ago that are not paying now, over those paying 30 days ago.</li>
          <li>² MRR those workspaces lost (cancellations and downgrades; upgrades and new workspaces not netted), over their MRR 30 days ago.</li>
          <li>
            ³ Trials that ended in the last 30 days — Stripe trials that left “trialing” and the app’s card-less trials past their end date — that were paid
            at their end or became paid since, over all that ended.
          </li>
          <li>MRR history starts with the first recorded billing change; workspaces without one count their current state from their last billing sync (or creation).</li>
        </ol>
      </div>
      <BarChart title="New workspaces per day (last 30 days, UTC)" valueLabel="signups" data={data.signups.map((d) => ({ label: d.day, value: d.count }))} />
    </section>
  );
}

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800" data-testid={testId}>
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
      {detail ? <dd className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{detail}</dd> : null}
    </div>
  );
}
