// Support access ("impersonation", docs/admin.md): the founder opens a workspace as a
// read-only support user for a limited time. One crossTenant transaction (platform event
// `admin.support.start`, founder as actor) creates the tenant-owned support_session row, a
// single-use 60-second handoff ticket with `support_until` (= the session's expiry) and a
// workspace AuditLog entry its owners see ("support.started" by "Tenantry support"). Redeemed
// on the workspace host (lib/auth/handoff.ts), the ticket starts a session whose claim names
// the support_session; every workspace request re-reads that row (lib/auth/support-session.ts),
// so ending or widening it here takes effect at the workspace's next request.
import { HANDOFF_TTL_MS } from "@/lib/auth/handoff";
import { newToken } from "@/lib/auth/tokens";
import { getHostConfig } from "@/lib/config/hosts";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor } from "@/lib/db/cross-tenant";
import { tenantOrigin } from "@/lib/hosts";
import { SUPPORT_ACTOR_LABEL } from "@/lib/auth/support-session";

type Client = typeof basePrisma;
type Founder = Extract<PlatformActor, { kind: "user" }>;

export const SUPPORT_MINUTES = 30;
export { SUPPORT_ACTOR_LABEL };

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
      await tx.supportSession.create({
        data: { tenantId, adminUserId: actor.userId, adminLabel: actor.label, reason: because, mode: "READ_ONLY", expiresAt, createdAt: now },
      });
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

export type SupportSessionResult = { ok: true } | { ok: false; error: string };
const UUID = /^[0-9a-f-]{36}$/i;
class Refused extends Error {}

async function changeSession(
  actor: Founder,
  tenantId: string,
  sessionId: string,
  change: { action: string; reason: string; data: Record<string, unknown> },
  fn: (tx: Parameters<Parameters<typeof crossTenant>[1]>[0]) => Promise<void>,
  client: Client,
): Promise<SupportSessionResult> {
  if (!UUID.test(tenantId) || !UUID.test(sessionId)) return { ok: false, error: "Invalid support session." };
  try {
    await crossTenant({ actor, action: change.action, reason: change.reason, subjectTenantId: tenantId, data: { sessionId, ...change.data } as never }, fn, client);
    return { ok: true };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * Widens a live read-only support session to read-write. A typed reason is required; the
 * platform audit and the workspace's audit log (the owners see it) both record it.
 */
export async function widenSupportSession(actor: Founder, tenantId: string, sessionId: string, reason: string, now = new Date(), client: Client = basePrisma): Promise<SupportSessionResult> {
  const because = reason.trim().slice(0, 500);
  if (because.length < 5) return { ok: false, error: "Say why support needs to make changes (at least 5 characters)." };
  return changeSession(actor, tenantId, sessionId, { action: "admin.support.widen", reason: because, data: { mode: "read-write" } }, async (tx) => {
    const widened = await tx.supportSession.updateManyAndReturn({
      where: { tenantId, id: sessionId, mode: "READ_ONLY", endedAt: null, expiresAt: { gt: now } },
      data: { mode: "READ_WRITE", widenedAt: now },
      select: { expiresAt: true },
    });
    if (!widened[0]) throw new Refused("Only a running read-only support session can be widened.");
    await tx.auditLog.create({
      data: {
        tenantId,
        actorId: actor.userId,
        actorLabel: SUPPORT_ACTOR_LABEL,
        action: "support.widened",
        targetType: "tenant",
        targetId: tenantId,
        data: {
          summary: `Support access widened by ${SUPPORT_ACTOR_LABEL}: can make changes until ${widened[0].expiresAt.toISOString()}`,
          mode: "read-write",
          sessionId,
          reason: because,
          admin: actor.label,
        },
      },
    });
  }, client);
}

/** Ends a live support session now: the workspace session is signed out at its next request. */
export async function endSupportSession(actor: Founder, tenantId: string, sessionId: string, reason = "", now = new Date(), client: Client = basePrisma): Promise<SupportSessionResult> {
  const because = reason.trim().slice(0, 500) || "support access ended";
  return changeSession(actor, tenantId, sessionId, { action: "admin.support.end", reason: because, data: {} }, async (tx) => {
    const ended = await tx.supportSession.updateMany({ where: { tenantId, id: sessionId, endedAt: null, expiresAt: { gt: now } }, data: { endedAt: now } });
    if (ended.count !== 1) throw new Refused("That support session has already ended.");
    await tx.auditLog.create({
      data: {
        tenantId,
        actorId: actor.userId,
        actorLabel: SUPPORT_ACTOR_LABEL,
        action: "support.ended",
        targetType: "tenant",
        targetId: tenantId,
        data: { summary: `Support access ended by ${SUPPORT_ACTOR_LABEL}`, sessionId, reason: because, admin: actor.label },
      },
    });
  }, client);
}
