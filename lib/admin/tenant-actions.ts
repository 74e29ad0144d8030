// Founder actions on one workspace: extend a trial, override plan limits/features, soft
// delete and restore. Each is ONE crossTenant transaction with the founder as actor (platform
// audit event) plus a workspace AuditLog entry its owners see; a refused change rolls back and
// leaves no entry. Callers check the guard first (lib/admin/actions.ts).
import { z } from "zod";
import { type PlanFeatures, type PlanLimits } from "@/lib/billing/plans";
import { stopRenewalOfDeletedWorkspaces } from "@/lib/billing/deleted-workspaces";
import { basePrisma } from "@/lib/db/client";
import { crossTenant, type PlatformActor, type PlatformTransaction } from "@/lib/db/cross-tenant";
import { forgetTenant } from "@/lib/tenants/lookup";
import { restoreDeletedTenant, retentionDays, slugQuarantineDays, softDeleteTenant } from "@/lib/workspace/deletion";

type Client = typeof basePrisma;
type Founder = Extract<PlatformActor, { kind: "user" }>;
export type AdminResult<T = object> = ({ ok: true } & T) | { ok: false; error: string };

const DAY = 86_400_000;
const UUID = /^[0-9a-f-]{36}$/i;

// Retention and quarantine periods, and the soft delete itself, are shared with the owner's
// delete (lib/workspace/deletion.ts); the purge job (lib/workspace/purge.ts) ends both kinds.
export { retentionDays, slugQuarantineDays };

class Refused extends Error {}

async function run<R>(
  actor: Founder,
  tenantId: string,
  action: string,
  reason: string,
  data: Record<string, unknown>,
  fn: (tx: PlatformTransaction) => Promise<R>,
  client: Client,
): Promise<AdminResult<{ value: R }>> {
  if (!UUID.test(tenantId)) return { ok: false, error: "Invalid workspace." };
  try {
    const value = await crossTenant({ actor, action, reason, subjectTenantId: tenantId, data: data as never }, fn, client);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    throw error;
  }
}

async function workspaceAudit(tx: PlatformTransaction, actor: Founder, tenantId: string, action: string, data: Record<string, unknown>) {
  await tx.auditLog.create({
    data: { tenantId, actorId: actor.userId, actorLabel: `Tenantry support (${actor.label})`, action, targetType: "tenant", targetId: tenantId, data: data as never },
  });
}

function evict(slug: string) {
  try {
    forgetTenant(slug);
  } catch {
    // No directory in this process (tests): the NOTIFY trigger and the TTL cover it.
  }
}

const why = (reason: string, fallback: string) => reason.trim().slice(0, 500) || fallback;

/**
 * Moves the app's own trial end by +N days (from the later of now and the current end). No
 * revenue-history row: the card-less trial is not billed state (trial conversion reads
 * trialEndsAt itself).
 */
export async function extendTrial(actor: Founder, tenantId: string, addDays: number, reason = "", now = new Date(), client: Client = basePrisma) {
  if (!Number.isInteger(addDays) || addDays < 1 || addDays > 365) return { ok: false, error: "Extend by 1 to 365 days." } as const;
  const because = why(reason, `trial extended by ${addDays} days`);
  return run(actor, tenantId, "admin.tenant.trial_extend", because, { days: addDays }, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { trialEndsAt: true, status: true } });
    if (!tenant || tenant.status === "DELETED") throw new Refused("Workspace not found.");
    const from = tenant.trialEndsAt;
    const base = from && from > now ? from : now;
    const to = new Date(base.getTime() + addDays * DAY);
    await tx.tenant.update({ where: { id: tenantId }, data: { trialEndsAt: to } });
    await workspaceAudit(tx, actor, tenantId, "workspace.trial_extended", { days: addDays, from: from?.toISOString() ?? null, to: to.toISOString(), reason: because });
    return to;
  }, client);
}

// ─── Plan overrides ───

const limit = z.union([z.null(), z.number().int().min(0).max(1_000_000)]);
// The keys are the plan table's (checked at compile time by `satisfies`); .strict() refuses others.
const limitsShape = { seats: limit.optional(), customers: limit.optional() } satisfies Record<keyof PlanLimits, z.ZodType>;
const featuresShape = {
  dataExport: z.boolean().optional(),
  customDomain: z.boolean().optional(),
  auditLogRetentionDays: z.number().int().min(1).max(36_500).optional(),
} satisfies Record<keyof PlanFeatures, z.ZodType>;
/** Only keys the plan table knows, with the plan table's value types (null = unlimited limit). */
export const planOverridesSchema = z
  .object({ limits: z.object(limitsShape).strict().optional(), features: z.object(featuresShape).strict().optional() })
  .strict();
export type PlanOverrides = z.infer<typeof planOverridesSchema>;

/** Replaces the workspace's overrides (an empty object clears them). */
export async function setPlanOverrides(actor: Founder, tenantId: string, raw: unknown, reason = "", client: Client = basePrisma) {
  const parsed = planOverridesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Invalid overrides${issue ? ` (${issue.path.join(".") || "root"}: ${issue.message})` : ""}.` } as const;
  }
  // Drop empty sections so "no overrides" is stored as NULL.
  const value: PlanOverrides = {};
  if (parsed.data.limits && Object.keys(parsed.data.limits).length) value.limits = parsed.data.limits;
  if (parsed.data.features && Object.keys(parsed.data.features).length) value.features = parsed.data.features;
  const empty = !value.limits && !value.features;
  const because = why(reason, empty ? "plan overrides cleared" : "plan overrides set");
  return run(actor, tenantId, "admin.tenant.plan_overrides", because, { overrides: value }, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { planOverrides: true, status: true } });
    if (!tenant || tenant.status === "DELETED") throw new Refused("Workspace not found.");
    await tx.tenant.update({ where: { id: tenantId }, data: { planOverrides: empty ? (null as never) : (value as never) } });
    await workspaceAudit(tx, actor, tenantId, "workspace.plan_overrides_changed", { from: tenant.planOverrides ?? null, to: empty ? null : value, reason: because });
    return empty ? null : value;
  }, client);
}

// ─── Soft delete / restore ───

/**
 * Soft delete: status DELETED (the workspace 404s at once), deletedAt, purgeAfter = now +
 * retention; the subdomain goes into slug_quarantine until purgeAfter + quarantine.
 */
export async function deleteWorkspace(actor: Founder, tenantId: string, reason = "", now = new Date(), client: Client = basePrisma) {
  const because = why(reason, "deleted by the platform");
  const purgeAfter = new Date(now.getTime() + retentionDays() * DAY);
  const result = await run(actor, tenantId, "admin.tenant.delete", because, { purgeAfter: purgeAfter.toISOString() }, async (tx) => {
    const slug = (await softDeleteTenant(tx, { tenantId, now, deletedBy: "founder" }))?.slug;
    if (!slug) throw new Refused("Only a workspace that is not deleted can be deleted.");
    await workspaceAudit(tx, actor, tenantId, "workspace.deleted", { reason: because, purgeAfter: purgeAfter.toISOString() });
    return slug;
  }, client);
  if (result.ok) {
    evict(result.value);
    await stopRenewalOfDeletedWorkspaces({ tenantId, client });
  }
  return result;
}

/** Restores a deleted workspace before its purge date (status ACTIVE, quarantine lifted). */
export async function restoreWorkspace(actor: Founder, tenantId: string, reason = "", now = new Date(), client: Client = basePrisma) {
  const because = why(reason, "restored by the platform");
  const result = await run(actor, tenantId, "admin.tenant.restore", because, {}, async (tx) => {
    const slug = (await restoreDeletedTenant(tx, { tenantId, now }))?.slug;
    if (!slug) throw new Refused("Only a deleted workspace within its retention period can be restored.");
    await workspaceAudit(tx, actor, tenantId, "workspace.restored", { reason: because });
    return slug;
  }, client);
  if (result.ok) evict(result.value);
  return result;
}
