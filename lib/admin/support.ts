// Support access ("impersonation", docs/admin.md): the founder opens a workspace as a
// read-only support user for a limited time. One crossTenant transaction (platform event
// `admin.support.start`, founder as actor) creates a single-use 60-second handoff ticket with
// `support_until` and a workspace AuditLog entry its owners see ("support.started" by
// "Tenantry support"). Redeemed on the workspace host (lib/auth/handoff.ts), the ticket starts
// a session flagged `support: { adminUserId, expiresAt, mode: "read-only" }`: a banner on every
// workspace page, a read-only tenant client for every write (lib/members/request.ts).
import { HANDOFF_TTL_MS } from "@/lib/auth/handoff";
import { newToken } from "@/lib/auth/tokens";
import { getHostConfig } from "@/lib/config/hosts";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor } from "@/lib/db/cross-tenant";
import { tenantOrigin } from "@/lib/hosts";

type Client = typeof basePrisma;
type Founder = Extract<PlatformActor, { kind: "user" }>;

export const SUPPORT_MINUTES = 30;
export const SUPPORT_ACTOR_LABEL = "Tenantry support";

export async function startSupportAccess(
  actor: Founder,
  tenantId: string,
  reason = "",
  minutes = SUPPORT_MINUTES,
  now = new Date(),
  client: Client = basePrisma,
): Promise<{ ok: true; url: string; token: string; expiresAt: Date } | { ok: false; error: string }> {
  if (!/^[0-9a-f-]{36}$/i.test(tenantId)) return { ok: false, error: "Invalid workspace." };
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) return { ok: false, error: "Support access lasts 1 to 120 minutes." };
  const because = reason.trim().slice(0, 500) || "support access";
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  const { token, hash } = newToken();
  const slug = await crossTenant(
    { actor, action: "admin.support.start", reason: because, subjectTenantId: tenantId, data: { mode: "read-only", expiresAt: expiresAt.toISOString() } },
    async (tx) => {
      const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { slug: true, status: true } });
      if (!tenant || tenant.status !== "ACTIVE") return null;
      await tx.handoffToken.create({
        data: { tenantId, userId: actor.userId, tokenHash: hash, returnPath: "/", expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS), supportUntil: expiresAt },
      });
      await tx.auditLog.create({
        data: {
          tenantId,
          actorId: actor.userId,
          actorLabel: SUPPORT_ACTOR_LABEL,
          action: "support.started",
          targetType: "tenant",
          targetId: tenantId,
          data: {
            summary: `Support access started by ${SUPPORT_ACTOR_LABEL} (read-only, until ${expiresAt.toISOString()})`,
            mode: "read-only",
            expiresAt: expiresAt.toISOString(),
            reason: because,
            admin: actor.label,
          },
        },
      });
      return tenant.slug;
    },
    client,
  );
  if (!slug) return { ok: false, error: "Support access needs an active workspace." };
  const origin = tenantOrigin(slug, getHostConfig());
  if (!origin) return { ok: false, error: "No workspace host is configured." };
  const url = new URL("/auth/handoff", origin);
  url.searchParams.set("token", token);
  return { ok: true, url: url.toString(), token, expiresAt };
}
