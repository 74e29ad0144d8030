import { notFound } from "next/navigation";
import { SupportAccessForm, SupportSessionForm, TenantAdminForm, TenantStatusForm } from "@/components/admin/forms";
import { inputClass } from "@/components/auth/fields";
import { FormMessage } from "@/components/auth/fields";
import { founderActor, requirePlatformAdmin } from "@/lib/admin/session";
import { tenantDetail } from "@/lib/admin/tenants";
import { getHostConfig } from "@/lib/config/hosts";
import { tenantOrigin } from "@/lib/hosts";

export const metadata = { title: "Tenant" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminTenant({ params, searchParams }: Props) {
  const user = await requirePlatformAdmin();
  const { id } = await params;
  const query = await searchParams;
  const detail = await tenantDetail(founderActor(user), id);
  if (!detail) notFound();
  const { tenant, entitlements } = detail;
  const limit = (n: number | null) => (n === null ? "unlimited" : String(n));
  const DONE: Record<string, string> = {
    suspend: `${tenant.name} is suspended.`,
    reactivate: `${tenant.name} is active again.`,
    trial: "The trial is extended.",
    overrides: "The plan overrides are saved.",
    delete: `${tenant.name} is deleted.`,
    restore: `${tenant.name} is restored.`,
    "support-end": "The support session has ended.",
    "support-widen": "The support session can make changes now.",
  };
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  return (
    <section aria-labelledby="tenant-title" className="space-y-8">
      <FormMessage notice={done} />
      <div>
        <h1 id="tenant-title" className="text-3xl font-semibold tracking-tight">
          {tenant.name}
        </h1>
        <p className="mt-1 font-mono text-sm text-zinc-600">
          <a href={tenantOrigin(tenant.slug, getHostConfig()) ?? "#"} className="underline">
            {tenant.slug}
          </a>{" "}
          · {tenant.id}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-3 text-sm sm:grid-cols-3">
        <Item label="Status" value={<span data-testid="tenant-status">{tenant.status.toLowerCase()}</span>} />
        <Item label="Plan in force" value={`${entitlements.plan.name} (${entitlements.source})`} />
        <Item label="Subscription" value={tenant.subscriptionStatus ? `${tenant.plan} ${tenant.billingInterval?.toLowerCase() ?? ""} · ${tenant.subscriptionStatus.toLowerCase()}` : "none"} />
        <Item label="Seats" value={`${detail.members} members + ${detail.pendingInvitations} invited / ${limit(entitlements.limits.seats)}`} />
        <Item label="Customers" value={`${detail.customers} / ${limit(entitlements.limits.customers)}`} />
        <Item label="Trial ends" value={tenant.trialEndsAt ? tenant.trialEndsAt.toISOString().slice(0, 10) : "—"} />
        <Item
          label="Stripe customer"
          value={
            tenant.stripeCustomerId ? (
              <a href={`https://dashboard.stripe.com/customers/${encodeURIComponent(tenant.stripeCustomerId)}`} className="font-mono text-indigo-700 underline" rel="noreferrer">
                {tenant.stripeCustomerId}
              </a>
            ) : (
              "—"
            )
          }
        />
        <Item label="Created" value={tenant.createdAt.toISOString().slice(0, 10)} />
        <Item label="Plan overrides" value={<code data-testid="plan-overrides">{tenant.planOverrides ? JSON.stringify(tenant.planOverrides) : "none"}</code>} />
        {tenant.status === "DELETED" ? (
          <Item label="Purged after" value={<span data-testid="purge-after">{tenant.purgeAfter?.toISOString().slice(0, 10) ?? "—"}</span>} />
        ) : null}
      </dl>
      <div className="max-w-md rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
        {tenant.status === "ACTIVE" ? <TenantStatusForm tenantId={tenant.id} change="suspend" name={tenant.name} /> : null}
        {tenant.status === "SUSPENDED" ? <TenantStatusForm tenantId={tenant.id} change="reactivate" name={tenant.name} /> : null}
        {tenant.status === "DELETED" ? <TenantAdminForm tenantId={tenant.id} op="restore" label={`Restore ${tenant.name}`} /> : null}
      </div>
      <div className="max-w-md rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
        {tenant.status === "ACTIVE" ? <SupportAccessForm tenantId={tenant.id} name={tenant.name} /> : <p className="text-sm text-zinc-500">Support access needs an active workspace.</p>}
      </div>
      <div aria-labelledby="support-sessions-title" role="region">
        <h2 id="support-sessions-title" className="text-lg font-semibold">
          Running support sessions
        </h2>
        {detail.supportSessions.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">None.</p>
        ) : (
          <ul className="mt-2 grid gap-4 md:grid-cols-2">
            {detail.supportSessions.map((s) => (
              <li key={s.id} data-testid="support-session" className="space-y-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
                <p>
                  <span className="font-medium">{s.adminLabel}</span> ·{" "}
                  <span data-testid="support-session-mode">{s.mode === "READ_WRITE" ? "read-write" : "read-only"}</span> · until{" "}
                  <time dateTime={s.expiresAt.toISOString()}>{s.expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
                </p>
                <p className="text-zinc-600 dark:text-zinc-400">Reason: {s.reason}</p>
                {s.mode === "READ_ONLY" ? <SupportSessionForm tenantId={tenant.id} sessionId={s.id} op="widen" /> : null}
                <SupportSessionForm tenantId={tenant.id} sessionId={s.id} op="end" />
              </li>
            ))}
          </ul>
        )}
      </div>
      {tenant.status !== "DELETED" ? (
        <div className="grid gap-4 md:grid-cols-3">
          <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
            <TenantAdminForm tenantId={tenant.id} op="trial" label="Extend trial">
              <div>
                <label htmlFor="trial-days" className="block text-sm font-medium">
                  Days to add
                </label>
                <input id="trial-days" name="days" type="number" min={1} max={365} defaultValue={14} className={inputClass} />
              </div>
            </TenantAdminForm>
          </div>
          <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
            <TenantAdminForm tenantId={tenant.id} op="overrides" label="Save plan overrides">
              <div>
                <label htmlFor="overrides" className="block text-sm font-medium">
                  Overrides (JSON: limits seats/customers, features dataExport/customDomain/auditLogRetentionDays; {"{}"} clears)
                </label>
                <textarea id="overrides" name="overrides" rows={3} className={`${inputClass} font-mono`} defaultValue={tenant.planOverrides ? JSON.stringify(tenant.planOverrides) : ""} />
              </div>
            </TenantAdminForm>
          </div>
          <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
            <TenantAdminForm tenantId={tenant.id} op="delete" label={`Delete ${tenant.name}`} danger>
              <input type="hidden" name="slug" value={tenant.slug} />
              <div>
                <label htmlFor="confirm-delete" className="block text-sm font-medium">
                  Type {tenant.slug} to confirm
                </label>
                <input id="confirm-delete" name="confirm" type="text" className={inputClass} />
              </div>
            </TenantAdminForm>
          </div>
        </div>
      ) : null}
      <div>
        <h2 className="text-lg font-semibold">Workspace audit log (recent)</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {detail.audit.map((a) => (
            <li key={a.id}>
              <time className="text-zinc-500">{a.createdAt.toISOString().replace("T", " ").slice(0, 19)}</time> · {a.action} · {a.actorLabel}
            </li>
          ))}
          {detail.audit.length === 0 ? <li className="text-zinc-500">No entries.</li> : null}
        </ul>
      </div>
      <div>
        <h2 className="text-lg font-semibold">Platform events for this workspace</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {detail.platformAudit.map((a) => (
            <li key={a.id}>
              <time className="text-zinc-500">{a.createdAt.toISOString().replace("T", " ").slice(0, 19)}</time> · {a.action} · {a.actorLabel} ·{" "}
              {a.reason}
            </li>
          ))}
        </ul>
        <a href={`/audit?tenant=${tenant.id}`} className="mt-2 inline-block text-sm text-indigo-700 underline">
          All platform events for {tenant.slug}
        </a>
      </div>
    </section>
  );
}

function Item({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}
