// The workspace audit log for OWNER/ADMIN (auditLog:read): newest first, keyset-paginated on
// (createdAt, id) — the (tenant_id, created_at DESC) index serves it at any depth — filtered by
// action, actor and a UTC date range, within the plan's audit retention. Reads go through the
// tenant-bound client, so another workspace's entries cannot appear whatever the filters say.
// Support access entries (lib/admin/support.ts) are ordinary entries here.
import { z } from "zod";
import { assertCan } from "@/lib/authz/permissions";
import { entitlementsFor } from "@/lib/billing/plans";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clock, type SettingsContext } from "./context";

export const AUDIT_PAGE_SIZE = 50;
const DAY = 86_400_000;

export type AuditEntry = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  summary: string;
  support: boolean;
};

export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null; actions: string[]; retentionDays: number };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)));

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Cursor = base64url("<createdAt ISO>|<id>") of the last entry shown. */
export function encodeCursor(entry: { createdAt: Date; id: string }): string {
  return Buffer.from(`${entry.createdAt.toISOString()}|${entry.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}

/** A readable line: the entry's own summary when it wrote one, else its action in words. */
export function summarize(action: string, data: unknown): string {
  const summary = (data as { summary?: unknown } | null)?.summary;
  if (typeof summary === "string" && summary.trim() !== "") return summary;
  const words = action.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isSupport = (label: string) => label.startsWith("Tenantry support");

export async function listAuditLog(ctx: SettingsContext, raw: Record<string, unknown>, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  assertCan(ctx.actor.role, "auditLog", "read");
  const filter = auditFilterSchema.parse(raw);
  const now = clock(ctx);
  return ctx.db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findFirstOrThrow({});
    const retentionDays = entitlementsFor(tenant, now).features.auditLogRetentionDays;
    const since = new Date(now.getTime() - retentionDays * DAY);
    const createdAt: Prisma.DateTimeFilter = { gte: since };
    if (filter.from) {
      const from = new Date(`${filter.from}T00:00:00Z`);
      if (from > since) createdAt.gte = from;
    }
    if (filter.to) createdAt.lt = new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY);
    const where: Prisma.AuditLogWhereInput = { createdAt };
    if (filter.action) where.action = filter.action;
    if (filter.actor) where.actorLabel = { contains: filter.actor, mode: "insensitive" };
    const cursor = decodeCursor(filter.cursor);
    if (cursor) {
      where.OR = [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }];
    }
    const rows = await tx.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize + 1,
      select: { id: true, createdAt: true, actorLabel: true, action: true, data: true },
    });
    const actions = await tx.auditLog.groupBy({ by: ["action"], where: { createdAt: { gte: since } }, orderBy: { action: "asc" }, take: 200 });
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      entries: page.map((row) => ({
        id: row.id,
        createdAt: row.createdAt,
        actorLabel: row.actorLabel,
        action: row.action,
        summary: summarize(row.action, row.data),
        support: isSupport(row.actorLabel),
      })),
      nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null,
      actions: actions.map((a) => a.action),
      retentionDays,
    };
  });
}
