import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { buttonStyles, cardStyles, inputStyles, labelStyles, mutedText, tableStyles } from "@/components/ui/styles";
import { auditFilterSchema, listAuditLog } from "@/lib/workspace/audit";

import { settingsAccess } from "../access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function AuditLogPage({ params, searchParams }: Props) {
  const access = await settingsAccess((await params).slug, "/settings/audit");
  const { ctx } = access;
  if (!can(ctx.actor.role, "auditLog", "read")) forbidden();
  const query = await searchParams;
  const filter = auditFilterSchema.parse({ action: first(query.action), actor: first(query.actor), from: first(query.from), to: first(query.to), cursor: first(query.cursor) });
  const page = await listAuditLog(ctx, filter);
  const nextHref = page.nextCursor
    ? `/settings/audit?${new URLSearchParams(Object.entries({ ...filter, cursor: page.nextCursor }).filter((e): e is [string, string] => !!e[1])).toString()}`
    : null;
  const filtered = !!(filter.action || filter.actor || filter.from || filter.to);

  return (
    <section aria-labelledby="audit-title" className={`${cardStyles} flex flex-col gap-6`}>
      <div>
        <h2 id="audit-title" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Audit log
        </h2>
        <p className={`mt-1 ${mutedText}`}>Who changed what in this workspace, newest first. Your plan keeps {page.retentionDays} days. Times are UTC.</p>
      </div>

      <form method="get" action="/settings/audit" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <div>
          <label htmlFor="audit-action" className={labelStyles}>
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={`mt-1 ${inputStyles}`}>
            <option value="">All actions</option>
            {page.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor" className={labelStyles}>
            Actor
          </label>
          <input id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} placeholder="email or “support”" className={`mt-1 ${inputStyles}`} />
        </div>
        <div>
          <label htmlFor="audit-from" className={labelStyles}>
            From
          </label>
          <input id="audit-from" type="date" name="from" defaultValue={filter.from ?? ""} className={`mt-1 ${inputStyles}`} />
        </div>
        <div>
          <label htmlFor="audit-to" className={labelStyles}>
            To
          </label>
          <input id="audit-to" type="date" name="to" defaultValue={filter.to ?? ""} className={`mt-1 ${inputStyles}`} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonStyles.primary}>
            Filter
          </button>
          {filtered ? (
            <Link href="/settings/audit" className={buttonStyles.ghost}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      {page.entries.length === 0 ? (
        <p className={`rounded-lg p-6 text-center ring-1 ring-zinc-200 dark:ring-zinc-800 ${mutedText}`}>{filtered ? "No entries match these filters." : "Nothing has been recorded yet."}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableStyles.table}>
            <caption className="sr-only">Audit log entries</caption>
            <thead>
              <tr>
                <th scope="col" className={tableStyles.th}>When</th>
                <th scope="col" className={tableStyles.th}>Who</th>
                <th scope="col" className={tableStyles.th}>What</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {page.entries.map((entry) => (
                <tr key={entry.id} className={tableStyles.row} data-testid="audit-entry">
                  <td className={`${tableStyles.td} whitespace-nowrap`}>
                    <time dateTime={entry.createdAt.toISOString()}>{dateFormat.format(entry.createdAt)}</time>
                  </td>
                  <td className={`${tableStyles.td} break-all`}>
                    {entry.actorLabel}
                    {entry.support ? (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-900 dark:text-amber-100">support</span>
                    ) : null}
                  </td>
                  <td className={tableStyles.td}>
                    <p>{entry.summary}</p>
                    <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{entry.action}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Audit log pages" className="flex justify-between gap-3">
        {filter.cursor ? (
          <Link href={`/settings/audit?${new URLSearchParams(Object.entries({ ...filter, cursor: "" }).filter((e): e is [string, string] => !!e[1])).toString()}`} className={buttonStyles.secondary}>
            Newest
          </Link>
        ) : (
          <span />
        )}
        {nextHref ? (
          <Link href={nextHref} className={buttonStyles.secondary} rel="next">
            Older entries
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
