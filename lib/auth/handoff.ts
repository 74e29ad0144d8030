// Root → workspace handoff. Cookies are host-only, so a session on the root host does not
// exist on acme.<root>. Opening a workspace from the root issues a one-time ticket:
//   issueHandoff (root, signed in, member of the workspace)
//     → 303 to <tenantOrigin>/auth/handoff?token=… (origin from configuration)
//     → the tenant host's route handler signs in with the "handoff" provider, which consumes
//       the ticket FOR THAT HOST'S TENANT (redeemHandoff) and the user's membership there.
// Ticket: 32 random bytes, only the SHA-256 stored (handoff_token, tenant-owned: forTenant),
// 60 s, single use (a conditional UPDATE … used_at IS NULL decides races).
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant } from "@/lib/db/tenant";
import { getHostConfig } from "@/lib/config/hosts";
import { tenantOrigin } from "@/lib/hosts";
import { findTenantBySlug } from "@/lib/tenants/lookup";
import { requestTenant } from "@/lib/tenants/request-tenant";
import { safeRelativePath } from "./redirects";
import { hashToken, isTokenShape, newToken } from "./tokens";

export const HANDOFF_TTL_MS = 60_000;

/**
 * Support access (docs/admin.md): a platform admin's session in one workspace. `mode` is the
 * mode it started in; the live mode and whether it is still on come from its support_session
 * row (`sessionId`), re-read on every request (./support-session.ts).
 */
export type SupportClaim = { adminUserId: string; tenantId: string; sessionId: string; expiresAt: string; mode: "read-only" };

export type HandoffUser = { id: string; email: string; name: string | null; sessionVersion: number; support?: SupportClaim };

/** A URL on the workspace's host that signs `userId` in there, or null (not a member, etc.).
 *  `origin`: the workspace's subdomain by default; its verified custom domain's origin
 *  (lib/tenants/domain-origin.ts) to land there instead. Never from a request header. */
export async function issueHandoff(
  userId: string,
  slug: string,
  returnPath = "/",
  origin: string | null = tenantOrigin(slug, getHostConfig()),
): Promise<string | null> {
  const tenant = await findTenantBySlug(slug);
  if (!tenant || tenant.status !== "ACTIVE" || !origin) return null;
  const db = forTenant(tenant.id);
  const { token, hash } = newToken();
  const issued = await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { userId }, select: { id: true } });
    if (!member) return false;
    await tx.handoffToken.create({
      data: {
        tenantId: db.tenantId,
        userId,
        tokenHash: hash,
        returnPath: safeRelativePath(returnPath) ?? "/",
        expiresAt: new Date(Date.now() + HANDOFF_TTL_MS),
      },
    });
    return true;
  });
  if (!issued) return null;
  const url = new URL("/auth/handoff", origin);
  url.searchParams.set("token", token);
  return url.toString();
}

/** Where an unused ticket for this host's tenant wants to go (without consuming it). */
export async function handoffReturnPath(token: string): Promise<string> {
  const workspace = await requestTenant();
  if (workspace.kind !== "active" || !isTokenShape(token)) return "/";
  const row = await forTenant(workspace.tenant.id).handoffToken.findFirst({
    where: { tokenHash: hashToken(token) },
    select: { returnPath: true },
  });
  return safeRelativePath(row?.returnPath) ?? "/";
}

/** Consumes a ticket for THIS request's workspace; the user, if still a member. */
export async function redeemHandoff(token: string, tenantId?: string): Promise<HandoffUser | null> {
  if (!isTokenShape(token)) return null;
  let id = tenantId;
  if (!id) {
    const workspace = await requestTenant();
    if (workspace.kind !== "active") return null;
    id = workspace.tenant.id;
  }
  const workspaceId = id;
  const result = await forTenant(id).$transaction(async (tx) => {
    const now = new Date();
    const row = await tx.handoffToken.findFirst({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, supportUntil: true } });
    if (!row) return null;
    const consumed = await tx.handoffToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (consumed.count !== 1) return null;
    // A support ticket (lib/admin/support.ts): no membership; checked below, after the commit.
    // Its support session was created with it (same admin, same expiry) and must still be on.
    if (row.supportUntil) {
      if (row.supportUntil <= now) return null;
      const support = await tx.supportSession.findFirst({
        where: { adminUserId: row.userId, expiresAt: row.supportUntil, endedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      return support ? { supportFor: row.userId, until: row.supportUntil, sessionId: support.id } : null;
    }
    const member = await tx.membership.findFirst({ where: { userId: row.userId }, select: { id: true } });
    if (!member) return null;
    return tx.user.findUnique({ where: { id: row.userId }, select: { id: true, email: true, name: true, sessionVersion: true } });
  });
  if (!result || !("supportFor" in result)) return result;
  // The issuer must still be a platform admin (read with the platform role: they are no member).
  const admin = await crossTenant(
    { actor: { kind: "user", userId: result.supportFor, label: "support-access" }, action: "admin.support.enter", reason: "support access ticket redeemed", subjectTenantId: workspaceId },
    (tx) => tx.user.findUnique({ where: { id: result.supportFor }, select: { id: true, email: true, name: true, sessionVersion: true, isPlatformAdmin: true } }),
  );
  if (!admin?.isPlatformAdmin) return null;
  return {
    id: admin.id,
    email: admin.email,
    name: admin.name,
    sessionVersion: admin.sessionVersion,
    support: { adminUserId: admin.id, tenantId: workspaceId, sessionId: result.sessionId, expiresAt: result.until.toISOString(), mode: "read-only" },
  };
}
