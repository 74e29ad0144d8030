import { BarChart } from "@/components/admin/bar-chart";
import { formatUsd, STATUS_BUCKETS, type StatusBucket } from "@/lib/admin/kpis";
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
      <BarChart title="New workspaces per day (last 30 days, UTC)" valueLabel="signups" data={data.signups.map((d) => ({ label: d.day, value: d.count }))} />
    </section>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
    </div>
  );
}
