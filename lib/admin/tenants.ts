// Founder console data: every read and write goes through crossTenant (audited, one
// transaction as the platform role) with the founder as actor. Callers check the guard
// (./session.ts) first; these functions take the client for the integration tests.
import { entitlementsFor } from "@/lib/billing/plans";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor } from "@/lib/db/cross-tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { forgetTenant } from "@/lib/tenants/lookup";
import { revenue, signupsPerDay, signupsWindowStart, tenantsByStatus } from "./kpis";

type Client = typeof basePrisma;
export const PAGE_SIZE = 25;

export async function overview(actor: PlatformActor, now = new Date(), client: Client = basePrisma) {
  const { tenants, recent } = await crossTenant(
    { actor, action: "admin.overview.view", reason: "founder console overview (KPIs)" },
    async (tx) => ({
      tenants: await tx.tenant.findMany({
        where: { status: { not: "DELETED" } },
        select: { status: true, plan: true, billingInterval: true, subscriptionStatus: true, seats: true, trialEndsAt: true },
      }),
      recent: await tx.tenant.findMany({ where: { createdAt: { gte: signupsWindowStart(now) } }, select: { createdAt: true } }),
    }),
    client,
  );
  return {
    byStatus: tenantsByStatus(tenants, now),
    revenue: revenue(tenants),
    signups: signupsPerDay(
      recent.map((r) => r.createdAt),
      now,
    ),
    total: tenants.length,
  };
}

export const SORTS = { created: "createdAt", name: "name", slug: "slug" } as const;
export type SortKey = keyof typeof SORTS;

export type TenantListQuery = { q?: string; sort?: SortKey; dir?: "asc" | "desc"; page?: number };

export async function listTenants(actor: PlatformActor, query: TenantListQuery, client: Client = basePrisma) {
  const q = (query.q ?? "").trim().slice(0, 100);
  const sort = query.sort && query.sort in SORTS ? query.sort : "created";
  const dir = query.dir === "asc" ? "asc" : "desc";
  const page = Math.max(1, Math.min(10_000, Math.floor(query.page ?? 1)));
  const where: Prisma.TenantWhereInput = {
    status: { not: "DELETED" },
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { slug: { contains: q.toLowerCase() } },
            { memberships: { some: { role: "OWNER", user: { email: { contains: q.toLowerCase() } } } } },
          ],
        }
      : {}),
  };
  return crossTenant(
    { actor, action: "admin.tenants.list", reason: "founder console tenant list", data: q ? { q } : {} },
    async (tx) => {
      const [total, rows] = await Promise.all([
        tx.tenant.count({ where }),
        tx.tenant.findMany({
          where,
          orderBy: [{ [SORTS[sort]]: dir }, { id: dir }],
          skip: (page - 1) * PAGE_SIZE,
          take: PAGE_SIZE,
          select: {
            id: true,
            slug: true,
            name: true,
            status: true,
            plan: true,
            subscriptionStatus: true,
            createdAt: true,
            memberships: { where: { role: "OWNER" }, take: 1, orderBy: { createdAt: "asc" }, select: { user: { select: { email: true } } } },
          },
        }),
      ]);
      return {
        total,
        page,
        pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        sort,
        dir,
        q,
        rows: rows.map(({ memberships, ...t }) => ({ ...t, ownerEmail: memberships[0]?.user.email ?? null })),
      };
    },
    client,
  );
}

export async function tenantDetail(actor: PlatformActor, tenantId: string, now = new Date(), client: Client = basePrisma) {
  if (!/^[0-9a-f-]{36}$/i.test(tenantId)) return null;
  return crossTenant(
    { actor, action: "admin.tenant.view", reason: "founder console tenant page", subjectTenantId: tenantId },
    async (tx) => {
      const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
      if (!tenant) return null;
      const [members, pendingInvitations, customers, audit, platformAudit] = await Promise.all([
        tx.membership.count({ where: { tenantId } }),
        tx.invitation.count({ where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
        tx.customer.count({ where: { tenantId, archivedAt: null } }),
        tx.auditLog.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 15 }),
        tx.platformAuditEvent.findMany({
          where: { subjectTenantId: tenantId, NOT: { action: { endsWith: ".view" } } },
          orderBy: { createdAt: "desc" },
          take: 15,
        }),
      ]);
      const entitlements = entitlementsFor(tenant, now);
      return { tenant, members, pendingInvitations, customers, entitlements, audit, platformAudit };
    },
    client,
  );
}

export type StatusChange = "suspend" | "reactivate";

/**
 * Suspends or reactivates a workspace: the tenant row, a platform audit event (crossTenant,
 * founder as actor) and a tenant AuditLog entry its owners see, in one transaction. The
 * NOTIFY trigger on tenant evicts the directory cache on every instance; forgetTenant evicts
 * this one at once.
 */
export async function changeTenantStatus(
  actor: Extract<PlatformActor, { kind: "user" }>,
  tenantId: string,
  change: StatusChange,
  reason: string,
  client: Client = basePrisma,
): Promise<{ ok: true; slug: string } | { ok: false; error: string }> {
  const from = change === "suspend" ? "ACTIVE" : "SUSPENDED";
  const to = change === "suspend" ? "SUSPENDED" : "ACTIVE";
  const why = reason.trim().slice(0, 500) || (change === "suspend" ? "suspended by the platform" : "reactivated by the platform");
  class Unchanged extends Error {}
  const result = await crossTenant(
    { actor, action: `admin.tenant.${change}`, reason: why, subjectTenantId: tenantId, data: { from, to } },
    async (tx) => {
      const updated = await tx.tenant.updateManyAndReturn({ where: { id: tenantId, status: from }, data: { status: to }, select: { slug: true } });
      const slug = updated[0]?.slug;
      // Nothing to change: roll back, so the audit trail holds only real changes.
      if (!slug) throw new Unchanged();
      await tx.auditLog.create({
        data: {
          tenantId,
          actorId: actor.userId,
          actorLabel: `Tenantry support (${actor.label})`,
          action: change === "suspend" ? "workspace.suspended" : "workspace.reactivated",
          targetType: "tenant",
          targetId: tenantId,
          data: { reason: why },
        },
      });
      return slug;
    },
    client,
  ).catch((error: unknown) => {
    if (error instanceof Unchanged) return null;
    throw error;
  });
  if (!result) return { ok: false, error: change === "suspend" ? "Only an active workspace can be suspended." : "Only a suspended workspace can be reactivated." };
  try {
    forgetTenant(result);
  } catch {
    // No directory in this process (tests): the NOTIFY trigger and the TTL cover it.
  }
  return { ok: true, slug: result };
}

export type AuditQuery = { tenant?: string; actor?: string; action?: string; page?: number };
export const AUDIT_PAGE_SIZE = 50;

/** Platform audit events, newest first. Session checks are hidden unless asked for by action. */
export async function platformAudit(actor: PlatformActor, query: AuditQuery, client: Client = basePrisma) {
  const tenantQ = (query.tenant ?? "").trim().slice(0, 100);
  const actorQ = (query.actor ?? "").trim().slice(0, 200);
  const actionQ = (query.action ?? "").trim().slice(0, 100);
  const page = Math.max(1, Math.min(1_000, Math.floor(query.page ?? 1)));
  return crossTenant(
    { actor, action: "admin.audit.view", reason: "founder console platform audit log", data: { tenant: tenantQ, actor: actorQ, action: actionQ } },
    async (tx) => {
      let subjectTenantId: string | undefined;
      if (tenantQ) {
        const isId = /^[0-9a-f-]{36}$/i.test(tenantQ);
        const t = await tx.tenant.findFirst({ where: isId ? { id: tenantQ } : { slug: tenantQ.toLowerCase() }, select: { id: true } });
        subjectTenantId = t?.id ?? "00000000-0000-0000-0000-000000000000";
      }
      const isActorId = /^[0-9a-f-]{36}$/i.test(actorQ);
      const where: Prisma.PlatformAuditEventWhereInput = {
        ...(subjectTenantId ? { subjectTenantId } : {}),
        ...(actorQ ? (isActorId ? { actorId: actorQ } : { actorLabel: { contains: actorQ, mode: "insensitive" } }) : {}),
        ...(actionQ ? { action: { startsWith: actionQ } } : { NOT: { action: { endsWith: ".session.check" } } }),
      };
      const rows = await tx.platformAuditEvent.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * AUDIT_PAGE_SIZE,
        take: AUDIT_PAGE_SIZE + 1,
      });
      return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE, page, tenant: tenantQ, actor: actorQ, action: actionQ };
    },
    client,
  );
}
