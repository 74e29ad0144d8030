// Who is signed in on THIS host, and may they see THIS workspace? Server-only helpers used by
// every page, action and route handler (threat A1: a session is only ever checked against the
// request's own host's tenant, and the membership is read with that tenant's client).
import { cache } from "react";
import { forTenant } from "@/lib/db/tenant";
import type { TenantDirectoryEntry } from "@/lib/tenants/directory";
import type { SupportClaim } from "./handoff";
import { auth } from "./index";
import { liveSupport, type LiveSupport } from "./support-session";

export type SessionUser = { id: string; email: string; name: string | null; support?: SupportClaim };

/** The signed-in user of this host, or null. Fails closed: any error means signed out. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  try {
    const session = await auth();
    const user = session?.user;
    if (!user || typeof user.id !== "string" || typeof user.email !== "string") return null;
    // Support access that was ended or has expired is no session at all (no redirect loop
    // between a page and the sign-in page). The claim's own tenant: the cookie is host-bound.
    if (session.support && !(await liveSupport(session.support, session.support.tenantId))) return null;
    return { id: user.id, email: user.email, name: user.name ?? null, ...(session.support ? { support: session.support } : {}) };
  } catch (error) {
    console.error(`[auth] session check failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
});

export type WorkspaceAccess =
  | { kind: "member"; user: SessionUser; role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER"; support?: LiveSupport }
  | { kind: "signed-out" }
  | { kind: "forbidden"; user: SessionUser };

/** The request user's access to `tenant` (the request host's own tenant). */
export const workspaceAccess = cache(async (tenant: TenantDirectoryEntry): Promise<WorkspaceAccess> => {
  const user = await currentUser();
  if (!user) return { kind: "signed-out" };
  // Support access: a platform admin in THIS workspace while its support_session row is on
  // (re-read every request: ending or widening it in the console applies at once). Read-only:
  // a viewer with a read-only client (lib/members/request.ts); widened: an admin (never an
  // owner). Ended or expired: signed out here.
  if (user.support) {
    if (user.support.tenantId !== tenant.id) return { kind: "forbidden", user };
    const live = await liveSupport(user.support, tenant.id);
    if (!live) return { kind: "signed-out" };
    return { kind: "member", user, role: live.mode === "READ_WRITE" ? "ADMIN" : "VIEWER", support: live };
  }
  const membership = await forTenant(tenant.id).membership.findFirst({ where: { userId: user.id }, select: { role: true } });
  return membership ? { kind: "member", user, role: membership.role } : { kind: "forbidden", user };
});
