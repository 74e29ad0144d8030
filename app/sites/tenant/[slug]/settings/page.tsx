import type { Metadata } from "next";
import { can, ROLE_IN_SENTENCE } from "@/lib/authz/permissions";
import { getHostConfig } from "@/lib/config/hosts";
import { canonicalHost } from "@/lib/hosts";
import { slugQuarantineDays } from "@/lib/admin/tenant-actions";
import { cardStyles, mutedText } from "@/components/ui/styles";
import { logoUrl } from "@/lib/workspace/branding";
import { getWorkspaceSettings } from "@/lib/workspace/settings";
import { accentAction, logoAction, removeLogoAction, renameAction, subdomainAction } from "./actions";
import { AccentForm, LogoForm, TextSettingForm } from "./forms";

import { settingsAccess } from "./access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ slug: string }> };

// General settings. The layout already turned away visitors and non-members; this page shows
// the forms only to roles that may change the workspace (every action re-checks).
export default async function GeneralSettingsPage({ params }: Props) {
  const access = await settingsAccess((await params).slug, "/settings");
  const { ctx } = access;
  const settings = await getWorkspaceSettings(ctx);
  const editable = can(ctx.actor.role, "workspace", "update") && !access.user.support;
  const rootHost = canonicalHost(getHostConfig().rootDomain)?.host ?? "";
  const logo = logoUrl(settings.logoUpdatedAt);

  if (!editable) {
    return (
      <section aria-labelledby="general-title" className={cardStyles}>
        <h2 id="general-title" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          General
        </h2>
        <dl className="mt-4 grid grid-cols-1 gap-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className={mutedText}>Name</dt>
          <dd className="text-zinc-900 dark:text-zinc-100">{settings.name}</dd>
          <dt className={mutedText}>Address</dt>
          <dd className="text-zinc-900 dark:text-zinc-100">
            {settings.slug}.{rootHost}
          </dd>
        </dl>
        <p className={`mt-4 ${mutedText}`}>
          Only owners and admins can change these settings. You are {ROLE_IN_SENTENCE[ctx.actor.role]} here.
        </p>
      </section>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="name-title" className={cardStyles}>
        <h2 id="name-title" className="mb-4 text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Name
        </h2>
        <TextSettingForm action={renameAction} name="name" label="Workspace name" defaultValue={settings.name} submitLabel="Rename" pendingLabel="Saving…" autoComplete="organization" />
      </section>

      <section aria-labelledby="subdomain-title" className={cardStyles}>
        <h2 id="subdomain-title" className="mb-4 text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Subdomain
        </h2>
        <TextSettingForm
          action={subdomainAction}
          name="slug"
          label="Workspace address"
          defaultValue={settings.slug}
          suffix={`.${rootHost}`}
          submitLabel="Change subdomain"
          pendingLabel="Moving…"
          confirm="Change the workspace's address? Everyone will use the new one; the old one redirects for a while."
          hint={`The old address keeps redirecting to the new one for ${slugQuarantineDays()} days, and nobody else can take it meanwhile. You will be signed in on the new address.`}
        />
      </section>

      <section aria-labelledby="brand-title" className={cardStyles}>
        <h2 id="brand-title" className="mb-4 text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Branding
        </h2>
        <div className="flex flex-col gap-8">
          <AccentForm action={accentAction} current={settings.accentColor} />
          <div className="flex flex-col gap-3">
            {logo ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={logo} alt="Current logo" className="h-12 w-auto max-w-48 rounded object-contain ring-1 ring-zinc-200 dark:ring-zinc-700" />
            ) : null}
            <LogoForm action={logoAction} removeAction={removeLogoAction} hasLogo={!!logo} />
          </div>
        </div>
      </section>
    </div>
  );
}
