import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { getHostConfig } from "@/lib/config/hosts";
import { buttonStyles, cardStyles, mutedText, tableStyles } from "@/components/ui/styles";
import { customDomainAllowed, dnsRecordsFor, PLAN_MESSAGE } from "@/lib/workspace/custom-domain";
import { getWorkspaceSettings } from "@/lib/workspace/settings";
import { addDomainAction, openOnDomainAction, removeDomainAction, verifyDomainAction } from "../actions";
import { ActionButton, TextSettingForm } from "../forms";

import { settingsAccess } from "../access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Custom domain" };

type Props = { params: Promise<{ slug: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DomainSettingsPage({ params }: Props) {
  const access = await settingsAccess((await params).slug, "/settings/domain");
  const { ctx } = access;
  if (!can(ctx.actor.role, "workspace", "update") || access.user.support) forbidden();
  const [settings, allowed] = await Promise.all([getWorkspaceSettings(ctx), customDomainAllowed(ctx)]);
  const config = getHostConfig();
  const domain = settings.customDomain;
  const records = domain && settings.customDomainToken ? dnsRecordsFor(domain, settings.customDomainToken, config) : null;

  return (
    <section aria-labelledby="domain-title" className={`${cardStyles} flex flex-col gap-6`}>
      <div>
        <h2 id="domain-title" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Custom domain
        </h2>
        <p className={`mt-1 ${mutedText}`}>Serve this workspace on your own address, such as crm.example.com, next to {settings.slug}.</p>
      </div>

      {!allowed && !domain ? (
        <div className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
          <p>{PLAN_MESSAGE}</p>
          {can(ctx.actor.role, "billing", "read") ? (
            <Link href="/billing" className={`${buttonStyles.secondary} mt-3`}>
              Go to billing
            </Link>
          ) : null}
        </div>
      ) : null}

      {allowed && !domain ? (
        <TextSettingForm
          action={addDomainAction}
          name="domain"
          label="Domain"
          placeholder="crm.example.com"
          submitLabel="Add domain"
          pendingLabel="Adding…"
          hint="A domain you own. You will create two DNS records for it next."
        />
      ) : null}

      {domain && records ? (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-zinc-900 dark:text-zinc-100">
            <span className="font-mono font-medium">{domain}</span>{" "}
            {settings.customDomainVerifiedAt ? (
              <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">
                Verified {dateFormat.format(settings.customDomainVerifiedAt)} UTC
              </span>
            ) : (
              <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-900 dark:text-amber-100">Not verified</span>
            )}
          </p>
          {!settings.customDomainVerifiedAt ? (
            <>
              <p className={mutedText}>Create these records at your DNS provider, then verify. The workspace answers on the domain only once verified.</p>
              <div className="overflow-x-auto">
                <table className={tableStyles.table}>
                  <caption className="sr-only">DNS records to create</caption>
                  <thead>
                    <tr>
                      <th scope="col" className={tableStyles.th}>Type</th>
                      <th scope="col" className={tableStyles.th}>Name</th>
                      <th scope="col" className={tableStyles.th}>Value</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                    {[records.txt, records.cname].map((record) => (
                      <tr key={record.type}>
                        <td className={tableStyles.td}>{record.type}</td>
                        <td className={`${tableStyles.td} font-mono break-all`} data-testid={`dns-${record.type.toLowerCase()}-name`}>
                          {record.name}
                        </td>
                        <td className={`${tableStyles.td} font-mono break-all`} data-testid={`dns-${record.type.toLowerCase()}-value`}>
                          {record.value}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <div className="flex flex-wrap items-start gap-3">
            {!settings.customDomainVerifiedAt ? <ActionButton action={verifyDomainAction} label="Verify" pendingLabel="Checking DNS…" variant="primary" /> : null}
            {settings.customDomainVerifiedAt ? <ActionButton action={openOnDomainAction} label={`Open on ${domain}`} pendingLabel="Opening…" variant="primary" /> : null}
            <ActionButton action={removeDomainAction} label="Remove domain" pendingLabel="Removing…" variant="danger" confirm={`Remove ${domain}? The workspace stops answering there at once.`} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
