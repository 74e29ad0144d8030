// Deleting a workspace (docs/data.md): a SOFT delete with a grace period, shared by the owner
// (settings → Danger zone) and the founder console (lib/admin/tenant-actions.ts). status
// DELETED (the host 404s at once), deletedAt, purgeAfter = now + retention, deletedBy; the
// subdomain goes into slug_quarantine until purgeAfter + quarantine, so nobody can take the
// name meanwhile — and it stays quarantined after the purge (lib/workspace/purge.ts).
// slug_quarantine is a platform table, so even the owner's delete runs through crossTenant
// (audited, with the owner as actor) and re-checks the OWNER membership inside it.
import { getHostConfig } from "@/lib/config/hosts";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformTransaction } from "@/lib/db/cross-tenant";
import { stopRenewalOfDeletedWorkspaces } from "@/lib/billing/deleted-workspaces";
import { billedSnapshot, recordBilledChange } from "@/lib/billing/revenue-history";
import { sendEmail } from "@/lib/email";
import { rootOrigin } from "@/lib/hosts";
import { forgetTenant } from "@/lib/tenants/lookup";

type Client = typeof basePrisma;
const DAY = 86_400_000;

const days = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 0 && n <= 3650 ? n : fallback;
};
/** WORKSPACE_RETENTION_DAYS (default 30): a deleted workspace is restorable, then purged. */
export const retentionDays = (env: Record<string, string | undefined> = process.env) => days(env.WORKSPACE_RETENTION_DAYS, 30);
/** SLUG_QUARANTINE_DAYS (default 90): after the purge, the subdomain stays unusable this long. */
export const slugQuarantineDays = (env: Record<string, string | undefined> = process.env) => days(env.SLUG_QUARANTINE_DAYS, 90);

export type DeletedBy = "owner" | "founder";

/** Marks the workspace deleted and quarantines its name; null when it is already deleted. */
export async function softDeleteTenant(
  tx: PlatformTransaction,
  { tenantId, now, deletedBy }: { tenantId: string; now: Date; deletedBy: DeletedBy },
): Promise<{ slug: string; name: string; purgeAfter: Date } | null> {
  const purgeAfter = new Date(now.getTime() + retentionDays() * DAY);
  const releasedAt = new Date(purgeAfter.getTime() + slugQuarantineDays() * DAY);
  // A deleted workspace leaves revenue (lib/billing/revenue-history.ts), whoever deleted it.
  const history = await billedSnapshot(tx, tenantId);
  const updated = await tx.tenant.updateManyAndReturn({
    where: { id: tenantId, status: { not: "DELETED" } },
    data: { status: "DELETED", deletedAt: now, purgeAfter, deletedBy },
    select: { slug: true, name: true },
  });
  const row = updated[0];
  if (!row) return null;
  await tx.slugQuarantine.upsert({
    where: { slug: row.slug },
    create: { slug: row.slug, reason: "workspace deleted", releasedAt },
    update: { reason: "workspace deleted", releasedAt, redirectTenantId: null },
  });
  await recordBilledChange(tx, tenantId, history, now);
  return { ...row, purgeAfter };
}

/** Restores a deleted workspace before its purge date and lifts the quarantine; null if not possible.
 *  `onlyDeletedBy`: the owner may undo only an owner's delete (not a founder's). */
export async function restoreDeletedTenant(
  tx: PlatformTransaction,
  { tenantId, now, onlyDeletedBy }: { tenantId: string; now: Date; onlyDeletedBy?: DeletedBy },
): Promise<{ slug: string } | null> {
  const history = await billedSnapshot(tx, tenantId);
  const updated = await tx.tenant.updateManyAndReturn({
    where: { id: tenantId, status: "DELETED", purgeAfter: { gt: now }, ...(onlyDeletedBy ? { deletedBy: onlyDeletedBy } : {}) },
    data: { status: "ACTIVE", deletedAt: null, purgeAfter: null, deletedBy: null },
    select: { slug: true },
  });
  const slug = updated[0]?.slug;
  if (!slug) return null;
  await tx.slugQuarantine.deleteMany({ where: { slug, redirectTenantId: null } });
  await recordBilledChange(tx, tenantId, history, now);
  return { slug };
}

export function evictTenant(slug: string): void {
  try {
    forgetTenant(slug);
  } catch {
    // No directory in this process (tests): the NOTIFY trigger and the TTL cover it.
  }
}

// ─── The owner's side ───

export type OwnerUser = { userId: string; label: string };
export type DeletionResult = { ok: true; message: string } | { ok: false; message: string };
class Refused extends Error {}

async function assertOwner(tx: PlatformTransaction, tenantId: string, userId: string): Promise<void> {
  const membership = await tx.membership.findFirst({ where: { tenantId, userId }, select: { role: true } });
  if (membership?.role !== "OWNER") throw new Refused("Only owners can delete or restore this workspace.");
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
export const formatPurgeDate = (date: Date) => dateFormat.format(date);

/**
 * The owner deletes their workspace: `confirmation` must be its subdomain. Members are told by
 * e-mail after the commit (a failed send is logged, the delete stands).
 */
export async function deleteWorkspaceAsOwner(
  user: OwnerUser,
  tenantId: string,
  confirmation: unknown,
  { now = new Date(), client = basePrisma, mail = sendEmail }: { now?: Date; client?: Client; mail?: typeof sendEmail } = {},
): Promise<DeletionResult> {
  try {
    const done = await crossTenant(
      { actor: { kind: "user", ...user }, action: "workspace.delete", reason: "deleted by its owner (settings)", subjectTenantId: tenantId },
      async (tx) => {
        await assertOwner(tx, tenantId, user.userId);
        const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { slug: true, status: true } });
        if (!tenant || tenant.status === "DELETED") throw new Refused("This workspace is already deleted.");
        if (typeof confirmation !== "string" || confirmation.trim().toLowerCase() !== tenant.slug) {
          throw new Refused(`Type the subdomain “${tenant.slug}” to confirm.`);
        }
        const deleted = await softDeleteTenant(tx, { tenantId, now, deletedBy: "owner" });
        if (!deleted) throw new Refused("This workspace is already deleted.");
        await tx.auditLog.create({
          data: { tenantId, actorId: user.userId, actorLabel: user.label, action: "workspace.deleted", targetType: "tenant", targetId: tenantId, data: { by: "owner", purgeAfter: deleted.purgeAfter.toISOString() } },
        });
        const members = await tx.membership.findMany({ where: { tenantId }, select: { user: { select: { email: true } } } });
        return { ...deleted, emails: members.map((m) => m.user.email) };
      },
      client,
    );
    evictTenant(done.slug);
    await stopRenewalOfDeletedWorkspaces({ tenantId, client });
    const url = `${rootOrigin(getHostConfig()) ?? ""}/account`;
    for (const to of done.emails) {
      await mail({ to, template: "workspace-deleted", props: { workspaceName: done.name, deletedBy: user.label, purgeAfter: done.purgeAfter, url } }, { client }).catch((error: unknown) =>
        console.error(`[workspace] deletion e-mail failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return { ok: true, message: `${done.name} was deleted. An owner can restore it until ${formatPurgeDate(done.purgeAfter)}.` };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: error.message };
    throw error;
  }
}

/** An owner restores a workspace THEY (an owner) deleted, within the grace period. */
export async function restoreWorkspaceAsOwner(user: OwnerUser, tenantId: string, { now = new Date(), client = basePrisma } = {}): Promise<DeletionResult> {
  if (!/^[0-9a-f-]{36}$/i.test(tenantId)) return { ok: false, message: "Workspace not found." };
  try {
    const restored = await crossTenant(
      { actor: { kind: "user", ...user }, action: "workspace.restore", reason: "restored by its owner (account page)", subjectTenantId: tenantId },
      async (tx) => {
        await assertOwner(tx, tenantId, user.userId);
        const done = await restoreDeletedTenant(tx, { tenantId, now, onlyDeletedBy: "owner" });
        if (!done) throw new Refused("This workspace cannot be restored (its grace period is over, or it was removed by Tenantry support: contact us).");
        await tx.auditLog.create({ data: { tenantId, actorId: user.userId, actorLabel: user.label, action: "workspace.restored", targetType: "tenant", targetId: tenantId, data: { by: "owner" } } });
        return done;
      },
      client,
    );
    evictTenant(restored.slug);
    return { ok: true, message: `The workspace ${restored.slug} is back.` };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: error.message };
    throw error;
  }
}

export type DeletedWorkspace = { id: string; slug: string; name: string; purgeAfter: Date; restorable: boolean };

/** The user's workspaces (as OWNER) in their grace period, for the account page. */
export async function listDeletedWorkspaces(userId: string, { now = new Date(), client = basePrisma } = {}): Promise<DeletedWorkspace[]> {
  const rows = await crossTenant(
    { actor: { kind: "user", userId, label: "account page" }, action: "workspace.list_deleted", reason: "the account page lists the user's workspaces scheduled for deletion" },
    (tx) =>
      tx.membership.findMany({
        where: { userId, role: "OWNER", tenant: { status: "DELETED", purgeAfter: { gt: now } } },
        select: { tenant: { select: { id: true, slug: true, name: true, purgeAfter: true, deletedBy: true } } },
        orderBy: { createdAt: "asc" },
      }),
    client,
  );
  return rows.map(({ tenant: t }) => ({ id: t.id, slug: t.slug, name: t.name, purgeAfter: t.purgeAfter!, restorable: t.deletedBy === "owner" }));
}
