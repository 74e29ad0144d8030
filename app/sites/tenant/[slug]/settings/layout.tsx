import type { ReactNode } from "react";
import { can } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { requestMembers } from "@/lib/members/request";
import { SettingsNav, type SettingsLink } from "./settings-nav";

export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ slug: string }> };

/** The sections this role may open (each page re-checks its own permission). */
function linksFor(role: Role): SettingsLink[] {
  const links: SettingsLink[] = [{ href: "/settings", label: "General" }];
  if (can(role, "workspace", "update")) links.push({ href: "/settings/domain", label: "Domain" });
  if (can(role, "auditLog", "read")) links.push({ href: "/settings/audit", label: "Audit log" });
  if (can(role, "workspace", "export")) links.push({ href: "/settings/data", label: "Data export" });
  if (can(role, "workspace", "delete")) links.push({ href: "/settings/danger", label: "Danger zone" });
  return links;
}

/** The sub-navigation for a member; nothing for anyone else (the page answers 403/404/sign-in). */
async function SettingsSideNav({ params }: { params: Promise<{ slug: string }> }) {
  const access = await requestMembers((await params).slug);
  return access.kind === "member" ? <SettingsNav links={linksFor(access.ctx.actor.role)} /> : null;
}

// Synchronous on purpose: every page gates itself (./access.ts), in parallel with the nav.
export default function SettingsLayout({ children, params }: Props) {
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-3xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Settings</h1>
      <div className="flex flex-col gap-8 md:flex-row">
        <aside className="md:w-48 md:shrink-0">
          <SettingsSideNav params={params} />
        </aside>
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
