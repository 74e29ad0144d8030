// Workspace data export (docs/data.md): the OWNER asks, a QUEUED DataExport row is created and
// the request returns at once; a worker builds the archive (./archive.ts) and writes progress
// to the row as it goes. The worker is kicked right after the request (next/server after())
// and the periodic job (lib/jobs) picks up anything left queued — or RUNNING past its lease
// after a crash — so a restart loses nothing. Claims are conditional updates: one winner.
import { assertCan } from "@/lib/authz/permissions";
import { entitlementsFor } from "@/lib/billing/plans";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant } from "@/lib/db/tenant";
import { clock, currentRole, SettingsError, type SettingsContext } from "@/lib/workspace/context";
import { buildWorkspaceArchive } from "./archive";

type Client = typeof basePrisma;
const DAY = 86_400_000;
/** How long a finished archive can be downloaded. */
export const EXPORT_TTL_DAYS = 7;
/** A RUNNING export not finished within this is presumed dead (crashed process) and re-run. */
export const EXPORT_LEASE_MS = 15 * 60_000;

export type DataExportView = {
  id: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  progress: number;
  rowCount: number;
  archiveBytes: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
  downloadable: boolean;
};

/** Queues an export (one at a time per workspace). Returns its id; the caller kicks the worker. */
export async function requestDataExport(ctx: SettingsContext): Promise<{ id: string }> {
  assertCan(ctx.actor.role, "workspace", "export");
  const now = clock(ctx);
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "export");
    const tenant = await tx.tenant.findFirstOrThrow({});
    const { plan, features } = entitlementsFor(tenant, now);
    if (!features.dataExport) throw new SettingsError("plan", `Your ${plan.name} plan does not include data export. Upgrade on the Billing page.`);
    const pending = await tx.dataExport.findFirst({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (pending) throw new SettingsError("conflict", "An export is already being prepared. It appears below when it is ready.");
    const row = await tx.dataExport.create({ data: { tenantId: ctx.db.tenantId, requestedById: ctx.actor.userId }, select: { id: true } });
    await tx.auditLog.create({
      data: { tenantId: ctx.db.tenantId, actorId: ctx.actor.userId, actorLabel: ctx.actor.label, action: "workspace.export_requested", targetType: "data_export", targetId: row.id },
    });
    return row;
  });
}

/** The workspace's exports, newest first (the settings page). */
export async function listDataExports(ctx: SettingsContext): Promise<DataExportView[]> {
  assertCan(ctx.actor.role, "workspace", "export");
  const now = clock(ctx);
  const rows = await ctx.db.dataExport.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { id: true, status: true, progress: true, rowCount: true, archiveBytes: true, error: true, createdAt: true, finishedAt: true, expiresAt: true },
  });
  return rows.map((r) => ({ ...r, downloadable: r.status === "DONE" && !!r.expiresAt && r.expiresAt > now }));
}

/** The archive of a finished, unexpired export of THIS workspace (the tenant client: another
 *  workspace's id is simply not found), or null. The caller has checked the OWNER role. */
export async function exportArchive(ctx: SettingsContext, id: string): Promise<{ bytes: Uint8Array; createdAt: Date } | null> {
  assertCan(ctx.actor.role, "workspace", "export");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await ctx.db.dataExport.findFirst({ where: { id, status: "DONE", expiresAt: { gt: clock(ctx) } }, select: { archive: true, createdAt: true } });
  return row?.archive ? { bytes: row.archive, createdAt: row.createdAt } : null;
}

/** Claims one export (QUEUED, or RUNNING past its lease) with a conditional update. */
async function claim(tenantId: string, id: string, now: Date, client: Client): Promise<boolean> {
  const { count } = await forTenant(tenantId, client).dataExport.updateMany({
    where: { id, OR: [{ status: "QUEUED" }, { status: "RUNNING", startedAt: { lt: new Date(now.getTime() - EXPORT_LEASE_MS) } }] },
    data: { status: "RUNNING", startedAt: now, progress: 0 },
  });
  return count === 1;
}

/** Builds one claimed export and stores the archive (or the failure). */
async function build(tenantId: string, id: string, client: Client, now: () => Date): Promise<void> {
  const db = forTenant(tenantId, client);
  try {
    const workspace = await db.tenant.findFirstOrThrow({ select: { id: true, slug: true, name: true, plan: true, createdAt: true } });
    let written = -1;
    const result = await buildWorkspaceArchive(db, { ...workspace, exportedAt: now() }, async (done, total) => {
      const progress = total === 0 ? 99 : Math.min(99, Math.floor((done / total) * 100));
      if (progress === written) return;
      written = progress;
      await db.dataExport.updateMany({ where: { id, status: "RUNNING" }, data: { progress, rowCount: done } });
    });
    const finished = now();
    await db.dataExport.updateMany({
      where: { id, status: "RUNNING" },
      data: {
        status: "DONE",
        progress: 100,
        rowCount: result.rowCount,
        archive: result.zip as Uint8Array<ArrayBuffer>,
        archiveBytes: result.zip.byteLength,
        finishedAt: finished,
        expiresAt: new Date(finished.getTime() + EXPORT_TTL_DAYS * DAY),
      },
    });
  } catch (error) {
    console.error(`[export] ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await db.dataExport.updateMany({ where: { id, status: "RUNNING" }, data: { status: "FAILED", error: "The export failed. Try again.", finishedAt: now() } });
  }
}

/** The after() kick for one export of a known workspace: no cross-tenant access needed. */
export async function runDataExport(tenantId: string, id: string, { client = basePrisma, now = () => new Date() } = {}): Promise<boolean> {
  if (!(await claim(tenantId, id, now(), client))) return false;
  await build(tenantId, id, client, now);
  return true;
}

/**
 * The periodic job: finds exports waiting in ANY workspace (so through crossTenant, audited),
 * claims each with the per-tenant conditional update and builds it; also drops the bytes of
 * expired archives. Safe on every instance at once. Returns how many it built.
 */
export async function runQueuedDataExports({ client = basePrisma, now = () => new Date(), max = 20 } = {}): Promise<number> {
  const at = now();
  const waiting = await crossTenant(
    { actor: { kind: "system", label: "data-export job" }, action: "workspace.export.sweep", reason: "find queued or stalled workspace exports; drop expired archives" },
    async (tx) => {
      await tx.dataExport.updateMany({ where: { expiresAt: { lt: at }, archive: { not: null } }, data: { archive: null } });
      return tx.dataExport.findMany({
        where: { OR: [{ status: "QUEUED" }, { status: "RUNNING", startedAt: { lt: new Date(at.getTime() - EXPORT_LEASE_MS) } }] },
        orderBy: { createdAt: "asc" },
        take: max,
        select: { tenantId: true, id: true },
      });
    },
    client,
  );
  let built = 0;
  for (const { tenantId, id } of waiting) if (await runDataExport(tenantId, id, { client, now })) built++;
  return built;
}
