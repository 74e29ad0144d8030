// The workspace header (server component): Home, Customers, Members, Billing (only for roles that may
// read billing, lib/authz) and a switcher listing the user's OTHER workspaces (loaded when
// opened: components/workspace-switcher.tsx, app/api/workspace/switcher). Rendered only
// for a member of this host's workspace; signed-out visitors and non-members (sign-in,
// invitation and 403 pages) see no navigation.
//
// Switching: each workspace has its own host and so needs its own session. The switcher links
// to `<root>/?open=<slug>`; the root page issues the one-time handoff when the user is signed
// in at the root, and otherwise asks them to sign in there first (docs/auth.md).
import Link from "next/link";
import { can } from "@/lib/authz/permissions";
import { workspaceAccess } from "@/lib/auth/session";
import type { TenantDirectoryEntry } from "@/lib/tenants/directory";
import { WorkspaceSwitcher } from "./workspace-switcher";

const linkClass =
  "rounded-md px-2 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-50";

export async function WorkspaceNav({ tenant }: { tenant: TenantDirectoryEntry }) {
  const access = await workspaceAccess(tenant);
  if (access.kind !== "member") return null;
  return (
    <>
      <Link href="/" className={linkClass}>
        Home
      </Link>
      <Link href="/customers" className={linkClass}>
        Customers
      </Link>
      <Link href="/deals" className={linkClass}>
        Deals
      </Link>
      <Link href="/members" className={linkClass}>
        Members
      </Link>
      {can(access.role, "billing", "read") ? (
        <Link href="/billing" className={linkClass}>
          Billing
        </Link>
      ) : null}
      {can(access.role, "workspace", "read") ? (
        <Link href="/settings" className={linkClass}>
          Settings
        </Link>
      ) : null}
      <WorkspaceSwitcher className={linkClass} />
    </>
  );
}
