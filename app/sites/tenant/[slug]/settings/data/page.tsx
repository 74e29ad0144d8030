// Settings → Data: the OWNER's workspace exports (JSON + CSV of everything, as a zip), with
// live progress while one is built and a download link until it expires (docs/data.md).
import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { entitlementsFor } from "@/lib/billing/plans";
import { requestMembers } from "@/lib/members/request";
import { EXPORT_TTL_DAYS, listDataExports } from "@/lib/workspace/export";
import { cardStyles, focusRing, headingStyles, mutedText, tableStyles } from "@/components/ui/styles";
import { RefreshWhile, RequestExportButton } from "./forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Data export" };

type Props = { params: Promise<{ slug: string }> };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const size = (bytes: number | null) => (bytes === null ? "" : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const STATUS = { QUEUED: "Queued", RUNNING: "In progress", DONE: "Ready", FAILED: "Failed" } as const;

export default async function DataSettingsPage({ params }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/settings/data")}`);
  if (access.kind === "forbidden") forbidden();
  const ctx = { db: access.ctx.db, actor: access.ctx.actor };
  if (!can(ctx.actor.role, "workspace", "export")) forbidden(); // settings/forbidden.tsx
  const [exports, tenant] = await Promise.all([listDataExports(ctx), ctx.db.tenant.findFirstOrThrow({})]);
  const { plan, features } = entitlementsFor(tenant);
  const busy = exports.some((e) => e.status === "QUEUED" || e.status === "RUNNING");

  return (
    <section className="flex flex-col gap-6">
      <RefreshWhile active={busy} />
      <div>
        <h2 className={headingStyles}>Data export</h2>
        <p className={`mt-2 ${mutedText}`}>
          Everything in this workspace — customers, deals, notes, members, invitations and the audit log — as JSON and CSV files in one zip.
          No passwords or secret tokens are included. Downloads stay available for {EXPORT_TTL_DAYS} days.
        </p>
      </div>
      <div className={cardStyles}>
        {features.dataExport ? (
          <RequestExportButton disabled={busy} />
        ) : (
          <p className={mutedText}>
            Your {plan.name} plan does not include data export.{" "}
            <a href="/billing" className={`text-indigo-700 underline dark:text-indigo-300 ${focusRing}`}>
              Upgrade on the Billing page
            </a>
            .
          </p>
        )}
      </div>
      {exports.length === 0 ? (
        <p className={mutedText}>No exports yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800">
          <table className={tableStyles.table}>
            <caption className="sr-only">Exports</caption>
            <thead>
              <tr>
                <th scope="col" className={tableStyles.th}>Requested</th>
                <th scope="col" className={tableStyles.th}>Status</th>
                <th scope="col" className={tableStyles.th}>Rows</th>
                <th scope="col" className={tableStyles.th}>
                  <span className="sr-only">Download</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {exports.map((e) => (
                <tr key={e.id} className={tableStyles.row} data-export-status={e.status}>
                  <td className={tableStyles.td}>{when.format(e.createdAt)} UTC</td>
                  <td className={tableStyles.td}>
                    {e.status === "QUEUED" || e.status === "RUNNING" ? (
                      <div className="flex items-center gap-2">
                        <progress value={e.progress} max={100} aria-label={`Export progress`} className="h-2 w-28 accent-indigo-600 dark:accent-indigo-400" />
                        <span aria-live="polite">{e.status === "QUEUED" ? "Queued" : `${e.progress}%`}</span>
                      </div>
                    ) : e.status === "DONE" && !e.downloadable ? (
                      "Expired"
                    ) : (
                      <span className={e.status === "FAILED" ? "text-red-700 dark:text-red-400" : undefined}>{e.status === "FAILED" ? (e.error ?? STATUS.FAILED) : STATUS[e.status]}</span>
                    )}
                  </td>
                  <td className={tableStyles.td}>{e.rowCount.toLocaleString("en")}</td>
                  <td className={tableStyles.td}>
                    {e.downloadable ? (
                      <a href={`/settings/data/exports/${e.id}`} download className={`font-medium text-indigo-700 hover:underline dark:text-indigo-300 ${focusRing}`}>
                        Download zip <span className={mutedText}>({size(e.archiveBytes)}, until {when.format(e.expiresAt!)} UTC)</span>
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
