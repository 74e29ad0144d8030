// The members context of the current request: the host's own workspace (never a client-chosen
// one), the signed-in user, and their membership read with that workspace's client. Built on
// lib/auth/session (workspaceAccess) and lib/tenants (requestTenant). Server-only.
import { workspaceAccess, type SessionUser } from "@/lib/auth/session";
import { SUPPORT_ACTOR_LABEL } from "@/lib/auth/support-session";
import { forTenant } from "@/lib/db/tenant";
import type { TenantDirectoryEntry } from "@/lib/tenants/directory";
import { requestTenant } from "@/lib/tenants/request-tenant";
import type { MembersContext } from "./context";

export type RequestMembers =
  | { kind: "member"; ctx: MembersContext; user: SessionUser; tenant: TenantDirectoryEntry }
  | { kind: "signed-out"; tenant: TenantDirectoryEntry }
  | { kind: "forbidden"; user: SessionUser; tenant: TenantDirectoryEntry }
  | { kind: "unavailable" }; // not a tenant host, unknown, suspended, or another slug

/** `expectedSlug`: a page's route param, which must be the host's own workspace. */
export async function requestMembers(expectedSlug?: string): Promise<RequestMembers> {
  const workspace = await requestTenant(expectedSlug);
  if (workspace.kind !== "active") return { kind: "unavailable" };
  const { tenant } = workspace;
  const access = await workspaceAccess(tenant);
  if (access.kind === "signed-out") return { kind: "signed-out", tenant };
  if (access.kind === "forbidden") return { kind: "forbidden", user: access.user, tenant };
  return {
    kind: "member",
    user: access.user,
    tenant,
    // THE write chokepoint for support access: every workspace write (members, CRM, billing)
    // goes through this context's client, which refuses writes (and runs READ ONLY) unless the
    // founder widened the session; writes are then attributed to "Tenantry support".
    ctx: {
      db: forTenant(tenant.id, undefined, { readOnly: !!access.support && access.support.mode !== "READ_WRITE" }),
      actor: { userId: access.user.id, role: access.role, label: access.support ? SUPPORT_ACTOR_LABEL : access.user.email },
    },
  };
}
