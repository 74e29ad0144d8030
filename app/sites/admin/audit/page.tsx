import { inputClass } from "@/components/auth/fields";
import { founderActor, requirePlatformAdmin } from "@/lib/admin/session";
import { platformAudit } from "@/lib/admin/tenants";

export const metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AdminAudit({ searchParams }: Props) {
  const user = await requirePlatformAdmin();
  const query = await searchParams;
  const log = await platformAudit(founderActor(user), {
    tenant: one(query.tenant),
    actor: one(query.actor),
    action: one(query.action),
    from: one(query.from),
    to: one(query.to),
    page: Number(one(query.page)) || 1,
  });
  const pageHref = (page: number) => {
    const params = new URLSearchParams({ tenant: log.tenant, actor: log.actor, action: log.action, from: log.from, to: log.to, page: String(page) });
    return `/audit?${params.toString()}`;
  };
  return (
    <section aria-labelledby="audit-title" className="space-y-6">
      <h1 id="audit-title" className="text-3xl font-semibold tracking-tight">
        Platform audit log
      </h1>
      <form method="get" action="/audit" className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end" aria-describedby={log.rangeError ? "range-error" : undefined}>
        <Filter name="tenant" label="Tenant (subdomain or id)" value={log.tenant} />
        <Filter name="actor" label="Actor (email, label or id)" value={log.actor} />
        <Filter name="action" label="Action (prefix, e.g. admin.tenant)" value={log.action} />
        <Filter name="from" label="From (UTC day)" value={log.from} type="date" invalid={!!log.rangeError} />
        <Filter name="to" label="To (UTC day, inclusive)" value={log.to} type="date" invalid={!!log.rangeError} />
        <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white">
          Filter
        </button>
      </form>
      {log.rangeError ? (
        <p id="range-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {log.rangeError} The time range is ignored.
        </p>
      ) : null}
      <p className="text-xs text-zinc-500">Routine session checks are hidden unless you filter by action.</p>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-zinc-500">
          <tr>
            <th scope="col" className="py-2">
              Time (UTC)
            </th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Tenant</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {log.rows.map((e) => (
            <tr key={e.id} className="border-b border-zinc-100 align-top">
              <td className="py-1 whitespace-nowrap">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="font-mono">{e.action}</td>
              <td>{e.actorLabel}</td>
              <td className="font-mono text-xs">{e.subjectTenantId ? <a href={`/tenants/${e.subjectTenantId}`}>{e.subjectTenantId.slice(0, 8)}…</a> : "—"}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {log.page > 1 ? <a href={pageHref(log.page - 1)}>← Newer</a> : <span />}
        {log.hasMore ? <a href={pageHref(log.page + 1)}>Older →</a> : <span />}
      </nav>
    </section>
  );
}

function Filter({ name, label, value, type = "text", invalid }: { name: string; label: string; value: string; type?: "text" | "date"; invalid?: boolean }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input id={name} name={name} type={type} defaultValue={value} aria-invalid={invalid || undefined} className={inputClass} />
    </div>
  );
}
