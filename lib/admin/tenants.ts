// Founder console data: every read and write goes through crossTenant (audited, one
// transaction as the platform role) with the founder as actor. Callers check the guard
// (./session.ts) first; these functions take the client for the integration tests.
import { z } from "zod";
import { entitlementsFor } from "@/lib/billing/plans";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor } from "@/lib/db/cross-tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan, SubscriptionStatus, TenantStatus } from "@/lib/generated/prisma/enums";
import { forgetTenant } from "@/lib/tenants/lookup";
import { backfillChanges, churn, historyWindowStart, mrrSeries, revenue, signupsPerDay, signupsWindowStart, tenantsByStatus, trialConversion } from "./kpis";

type Client = typeof basePrisma;
export const PAGE_SIZE = 25;

export async function overview(actor: PlatformActor, now = new Date(), client: Client = basePrisma) {
  const since = historyWindowStart(now);
  const { tenants, recent, history } = await crossTenant(
    { actor, action: "admin.overview.view", reason: "founder console overview (KPIs)" },
    async (tx) => ({
      tenants: await tx.tenant.findMany({
        where: { status: { not: "DELETED" } },
        select: { id: true, createdAt: true, billingSyncedAt: true, status: true, plan: true, billingInterval: true, subscriptionStatus: true, seats: true, trialEndsAt: true },
      }),
      recent: await tx.tenant.findMany({ where: { createdAt: { gte: signupsWindowStart(now) } }, select: { createdAt: true } }),
      // The chart's window, plus each workspace's last row before it (its state at the start).
      history: await tx.$queryRaw<Array<{ tenantId: string; at: Date; mrrCents: number; trialing: boolean }>>`
        SELECT subject_tenant_id::text AS "tenantId", at, mrr_cents AS "mrrCents", trialing FROM subscription_change WHERE at >= ${since}
        UNION ALL
        SELECT * FROM (
          SELECT DISTINCT ON (subject_tenant_id) subject_tenant_id::text, at, mrr_cents, trialing
          FROM subscription_change WHERE at < ${since} ORDER BY subject_tenant_id, at DESC, id DESC
        ) AS before_window`,
    }),
    client,
  );
  const changes = [...history, ...backfillChanges(tenants, new Set(history.map((h) => h.tenantId)))];
  return {
    byStatus: tenantsByStatus(tenants, now),
    revenue: revenue(tenants),
    signups: signupsPerDay(
      recent.map((r) => r.createdAt),
      now,
    ),
    mrr: mrrSeries(changes, now, 90),
    churn: churn(changes, now, 30),
    conversion: trialConversion(
      changes,
      tenants.map((t) => ({ tenantId: t.id, trialEndsAt: t.trialEndsAt })),
      now,
      30,
    ),
    total: tenants.length,
  };
}

export const SORTS = { created: "created_at", name: "name", slug: "slug" } as const;
export type SortKey = keyof typeof SORTS;

/** Keyset pagination (no deep OFFSET): `after` / `before` are the cursors of a row's (sort value, id). */
export type TenantListQuery = { q?: string; sort?: SortKey; dir?: "asc" | "desc"; after?: string; before?: string };

type Cursor = { v: string; id: string };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(value: string | Date, id: string): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : value, id])).toString("base64url");
}

function decodeCursor(raw: string | undefined, sort: SortKey): Cursor | null {
  if (!raw || raw.length > 800) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [v, id] = parsed as unknown[];
    if (typeof v !== "string" || typeof id !== "string" || !UUID_RE.test(id)) return null;
    if (sort === "created" && Number.isNaN(Date.parse(v))) return null;
    return { v, id };
  } catch {
    return null;
  }
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The normalised list query: what the page shows and what the SQL uses. */
export function normaliseTenantQuery(query: TenantListQuery) {
  const q = (query.q ?? "").trim().slice(0, 100);
  const sort: SortKey = query.sort && query.sort in SORTS ? query.sort : "created";
  const dir: "asc" | "desc" = query.dir === "asc" ? "asc" : "desc";
  const after = decodeCursor(query.after, sort);
  const before = after ? null : decodeCursor(query.before, sort);
  return { q, sort, dir, after, before };
}

/**
 * The tenant list's SQL (also EXPLAINed by test/integration/admin-scale.test.ts). Each sort
 * walks its btree index (tenant(created_at DESC), tenant(name), tenant(slug)) with the cursor
 * as the index condition `col >= v` (`<=` descending) and the id as the tie-break, so a deep
 * page costs what the first does. The search has no index to use (ILIKE '%q%' needs pg_trgm
 * indexes on tenant.name/slug and app_user.email, see docs/admin.md): it filters the walk.
 */
export function tenantListSql(query: ReturnType<typeof normaliseTenantQuery>, limit: number): Prisma.Sql {
  const col = Prisma.raw(`t.${SORTS[query.sort]}`);
  // Walking backwards (a "previous" page) flips the direction; the caller reverses the rows.
  const backwards = !!query.before;
  const asc = (query.dir === "asc") !== backwards;
  const cursor = query.after ?? query.before;
  const value = cursor ? (query.sort === "created" ? new Date(cursor.v) : cursor.v) : null;
  const conditions: Prisma.Sql[] = [Prisma.sql`t.status <> 'DELETED'`];
  if (cursor && value !== null) {
    conditions.push(
      asc
        ? Prisma.sql`${col} >= ${value} AND (${col} > ${value} OR t.id > ${cursor.id}::uuid)`
        : Prisma.sql`${col} <= ${value} AND (${col} < ${value} OR t.id < ${cursor.id}::uuid)`,
    );
  }
  if (query.q) conditions.push(searchCondition(query.q));
  const order = asc ? Prisma.sql`${col} ASC, t.id ASC` : Prisma.sql`${col} DESC, t.id DESC`;
  return Prisma.sql`
    SELECT t.id, t.slug, t.name, t.status, t.plan, t.subscription_status AS "subscriptionStatus", t.created_at AS "createdAt",
      (SELECT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = t.id AND m.role = 'OWNER' ORDER BY m.created_at ASC LIMIT 1) AS "ownerEmail"
    FROM tenant t
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

function searchCondition(q: string): Prisma.Sql {
  const pattern = likePattern(q);
  const lower = likePattern(q.toLowerCase());
  return Prisma.sql`(t.name ILIKE ${pattern} OR t.slug LIKE ${lower} OR t.id IN (
      SELECT m.tenant_id FROM membership m JOIN app_user u ON u.id = m.user_id
      WHERE m.role = 'OWNER' AND u.email LIKE ${lower}))`;
}

/** The count for "N workspaces" (a scan of the non-deleted tenants: bounded by their number). */
export function tenantCountSql(query: ReturnType<typeof normaliseTenantQuery>): Prisma.Sql {
  return query.q
    ? Prisma.sql`SELECT count(*)::int AS n FROM tenant t WHERE t.status <> 'DELETED' AND ${searchCondition(query.q)}`
    : Prisma.sql`SELECT count(*)::int AS n FROM tenant t WHERE t.status <> 'DELETED'`;
}

type TenantListRow = {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  plan: Plan;
  subscriptionStatus: SubscriptionStatus | null;
  createdAt: Date;
  ownerEmail: string | null;
};

export async function listTenants(actor: PlatformActor, query: TenantListQuery, client: Client = basePrisma) {
  const n = normaliseTenantQuery(query);
  return crossTenant(
    { actor, action: "admin.tenants.list", reason: "founder console tenant list", data: n.q ? { q: n.q } : {} },
    async (tx) => {
      const [count, fetched] = await Promise.all([
        tx.$queryRaw<Array<{ n: number }>>(tenantCountSql(n)),
        tx.$queryRaw<TenantListRow[]>(tenantListSql(n, PAGE_SIZE + 1)),
      ]);
      const more = fetched.length > PAGE_SIZE;
      const page = fetched.slice(0, PAGE_SIZE);
      const rows = n.before ? page.reverse() : page;
      const cursorOf = (r: TenantListRow) => encodeCursor(n.sort === "created" ? r.createdAt : n.sort === "name" ? r.name : r.slug, r.id);
      const first = rows[0];
      const last = rows.at(-1);
      return {
        total: count[0]?.n ?? 0,
        sort: n.sort,
        dir: n.dir,
        q: n.q,
        rows,
        // Older/newer pages exist when the walk found more rows that way, or came from there.
        next: last && (n.before ? true : more) ? cursorOf(last) : null,
        previous: first && (n.before ? more : !!n.after) ? cursorOf(first) : null,
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
      const [members, pendingInvitations, customers, audit, platformAudit, supportSessions] = await Promise.all([
        tx.membership.count({ where: { tenantId } }),
        tx.invitation.count({ where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
        tx.customer.count({ where: { tenantId, archivedAt: null } }),
        tx.auditLog.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 15 }),
        tx.platformAuditEvent.findMany({
          where: { subjectTenantId: tenantId, NOT: { action: { endsWith: ".view" } } },
          orderBy: { createdAt: "desc" },
          take: 15,
        }),
        tx.supportSession.findMany({ where: { tenantId, endedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } }),
      ]);
      const entitlements = entitlementsFor(tenant, now);
      return { tenant, members, pendingInvitations, customers, entitlements, audit, platformAudit, supportSessions };
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

export type AuditQuery = { tenant?: string; actor?: string; action?: string; from?: string; to?: string; page?: number };
export const AUDIT_PAGE_SIZE = 50;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));
/** The audit page's time range: UTC days, `to` inclusive. Empty means open-ended. */
export const auditRangeSchema = z
  .object({ from: z.union([z.literal(""), isoDay]), to: z.union([z.literal(""), isoDay]) })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "“From” must be on or before “to”." });

export function parseAuditRange(from = "", to = ""): { from: string; to: string; gte?: Date; lt?: Date; error?: string } {
  const parsed = auditRangeSchema.safeParse({ from: from.trim(), to: to.trim() });
  if (!parsed.success) {
    const custom = parsed.error.issues.find((i) => i.code === "custom" && i.path.length === 0);
    return { from: from.trim().slice(0, 10), to: to.trim().slice(0, 10), error: custom?.message ?? "Dates must be valid days (YYYY-MM-DD)." };
  }
  const r = parsed.data;
  return {
    from: r.from,
    to: r.to,
    ...(r.from ? { gte: new Date(`${r.from}T00:00:00Z`) } : {}),
    ...(r.to ? { lt: new Date(Date.parse(`${r.to}T00:00:00Z`) + 86_400_000) } : {}),
  };
}

/** Platform audit events, newest first. Session checks are hidden unless asked for by action. */
export async function platformAudit(actor: PlatformActor, query: AuditQuery, client: Client = basePrisma) {
  const tenantQ = (query.tenant ?? "").trim().slice(0, 100);
  const actorQ = (query.actor ?? "").trim().slice(0, 200);
  const actionQ = (query.action ?? "").trim().slice(0, 100);
  const page = Math.max(1, Math.min(1_000, Math.floor(query.page ?? 1)));
  const range = parseAuditRange(query.from, query.to);
  return crossTenant(
    { actor, action: "admin.audit.view", reason: "founder console platform audit log", data: { tenant: tenantQ, actor: actorQ, action: actionQ, from: range.from, to: range.to } },
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
        // An invalid range filters nothing (the page shows the error next to the fields).
        ...(range.gte || range.lt ? { createdAt: { ...(range.gte ? { gte: range.gte } : {}), ...(range.lt ? { lt: range.lt } : {}) } } : {}),
      };
      const rows = await tx.platformAuditEvent.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * AUDIT_PAGE_SIZE,
        take: AUDIT_PAGE_SIZE + 1,
      });
      return {
        rows: rows.slice(0, AUDIT_PAGE_SIZE),
        hasMore: rows.length > AUDIT_PAGE_SIZE,
        page,
        tenant: tenantQ,
        actor: actorQ,
        action: actionQ,
        from: range.from,
        to: range.to,
        rangeError: range.error ?? null,
      };
    },
    client,
  );
}
