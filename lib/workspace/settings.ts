// Workspace settings, General section (docs/settings.md): name, subdomain, accent colour, logo.
// Own-row writes go through the tenant-bound client (Tenant is "own-row" there; RLS
// own_tenant_update agrees) in one transaction with the actor's re-read role and the audit
// entry. The subdomain change alone needs the platform role: availability is a question about
// OTHER tenants and slug_quarantine (a platform table), exactly as at signup.
import { z } from "zod";
import { assertCan } from "@/lib/authz/permissions";
import { slugQuarantineDays } from "@/lib/admin/tenant-actions";
import { crossTenant } from "@/lib/db/cross-tenant";
import { basePrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { QUARANTINED_REASON, TAKEN_REASON, validateSubdomain } from "@/lib/tenants/subdomain-rules";
import { forgetTenant } from "@/lib/tenants/lookup";
import { auditWorkspace, clock, currentRole, SettingsError, type SettingsContext } from "./context";
import { sniffLogo } from "./logo";

const DAY = 86_400_000;

export type WorkspaceSettings = {
  name: string;
  slug: string;
  accentColor: string | null;
  logoUpdatedAt: Date | null;
  customDomain: string | null;
  customDomainToken: string | null;
  customDomainVerifiedAt: Date | null;
};

/** The settings page's data (any member may read them; the page decides what to show). */
export async function getWorkspaceSettings(ctx: Pick<SettingsContext, "db">): Promise<WorkspaceSettings> {
  return ctx.db.tenant.findFirstOrThrow({
    select: {
      name: true,
      slug: true,
      accentColor: true,
      logoUpdatedAt: true,
      customDomain: true,
      customDomainToken: true,
      customDomainVerifiedAt: true,
    },
  });
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new SettingsError("invalid", result.error.issues[0]?.message ?? "Invalid input.");
  return result.data;
}

// ─── Name ───

export const workspaceNameSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().replace(/\s+/g, " ") : v),
  z.string("Enter a name.").min(1, "Enter a name.").max(80, "Use at most 80 characters (as at signup)."),
);

export async function renameWorkspace(ctx: SettingsContext, input: { name: unknown }): Promise<{ name: string }> {
  assertCan(ctx.actor.role, "workspace", "update");
  const name = parse(workspaceNameSchema, input.name);
  const slug = await ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
    const before = await tx.tenant.findFirstOrThrow({ select: { name: true, slug: true } });
    if (before.name === name) return before.slug;
    await tx.tenant.update({ where: { id: ctx.db.tenantId }, data: { name } });
    await auditWorkspace(tx, ctx, "workspace.renamed", { from: before.name, to: name, summary: `Renamed the workspace from “${before.name}” to “${name}”` });
    return before.slug;
  });
  forgetTenant(slug); // the directory entry carries the name; others hear the NOTIFY
  return { name };
}

// ─── Subdomain ───

export type SubdomainChange = { from: string; to: string; redirectUntil: Date };

/**
 * Moves the workspace to another subdomain with signup's rules (format, reserved, taken,
 * quarantined). The old name goes into slug_quarantine for the deletion quarantine period
 * (SLUG_QUARANTINE_DAYS) with redirect_tenant_id = this workspace: meanwhile nobody can take it
 * and its host answers 308 to the new one (app_slug_redirect). Moving back to a name this
 * workspace itself left is allowed (its quarantine row is dropped).
 */
export async function changeSubdomain(
  ctx: SettingsContext,
  input: { slug: unknown },
  client: typeof basePrisma = basePrisma,
): Promise<SubdomainChange> {
  assertCan(ctx.actor.role, "workspace", "update");
  const verdict = validateSubdomain(typeof input.slug === "string" ? input.slug : "");
  if (!verdict.ok) throw new SettingsError("invalid", verdict.reason);
  const to = verdict.name;
  const now = clock(ctx);
  const redirectUntil = new Date(now.getTime() + slugQuarantineDays() * DAY);
  const tenantId = ctx.db.tenantId;
  const from = await crossTenant(
    {
      actor: { kind: "user", userId: ctx.actor.userId, label: ctx.actor.label },
      action: "workspace.subdomain.change",
      reason: "a workspace owner changes its subdomain: availability spans tenants and slug_quarantine",
      subjectTenantId: tenantId,
      data: { to },
    },
    async (tx) => {
      // The platform role bypasses RLS: every tenant-bound read names the tenant explicitly.
      const membership = await tx.membership.findFirst({ where: { tenantId, userId: ctx.actor.userId }, select: { role: true } });
      if (!membership) throw new SettingsError("not-found", "You are no longer a member of this workspace.");
      assertCan(membership.role, "workspace", "update");
      const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { slug: true, status: true } });
      if (!tenant || tenant.status !== "ACTIVE") throw new SettingsError("not-found", "This workspace cannot be changed now.");
      if (tenant.slug === to) throw new SettingsError("invalid", "This is already the workspace's subdomain.");
      if (await tx.tenant.findUnique({ where: { slug: to }, select: { id: true } })) throw new SettingsError("taken", TAKEN_REASON);
      const quarantine = await tx.slugQuarantine.findUnique({ where: { slug: to } });
      if (quarantine && quarantine.releasedAt > now) {
        if (quarantine.redirectTenantId !== tenantId) throw new SettingsError("quarantined", QUARANTINED_REASON);
      }
      if (quarantine) await tx.slugQuarantine.delete({ where: { slug: to } });
      try {
        await tx.tenant.update({ where: { id: tenantId }, data: { slug: to } });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new SettingsError("taken", TAKEN_REASON);
        throw error;
      }
      await tx.slugQuarantine.upsert({
        where: { slug: tenant.slug },
        create: { slug: tenant.slug, reason: "workspace renamed", redirectTenantId: tenantId, releasedAt: redirectUntil },
        update: { reason: "workspace renamed", redirectTenantId: tenantId, releasedAt: redirectUntil },
      });
      await tx.auditLog.create({
        data: {
          tenantId,
          actorId: ctx.actor.userId,
          actorLabel: ctx.actor.label,
          action: "workspace.subdomain_changed",
          targetType: "tenant",
          targetId: tenantId,
          data: {
            from: tenant.slug,
            to,
            redirectUntil: redirectUntil.toISOString(),
            summary: `Changed the subdomain from “${tenant.slug}” to “${to}” (the old one redirects until ${redirectUntil.toISOString().slice(0, 10)})`,
          },
        },
      });
      return tenant.slug;
    },
    client,
  );
  forgetTenant(from);
  forgetTenant(to);
  return { from, to, redirectUntil };
}

// ─── Accent colour ───

export const accentColorSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.union([z.literal(""), z.string().regex(/^#[0-9a-f]{6}$/, "Use a colour like #4f46e5 (# and six hexadecimal digits).")]),
);

export async function setAccentColor(ctx: SettingsContext, input: { accentColor: unknown }): Promise<{ accentColor: string | null }> {
  assertCan(ctx.actor.role, "workspace", "update");
  const accentColor = parse(accentColorSchema, input.accentColor) || null;
  await ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
    const before = await tx.tenant.findFirstOrThrow({ select: { accentColor: true } });
    if (before.accentColor === accentColor) return;
    await tx.tenant.update({ where: { id: ctx.db.tenantId }, data: { accentColor } });
    await auditWorkspace(tx, ctx, "workspace.accent_changed", {
      from: before.accentColor,
      to: accentColor,
      summary: accentColor ? `Set the accent colour to ${accentColor}` : "Removed the accent colour",
    });
  });
  return { accentColor };
}

// ─── Logo ───

/** Stores an uploaded logo after checking its size and magic bytes (./logo.ts); the content
 *  type stored is the sniffed one, never the client's. */
export async function setLogo(ctx: SettingsContext, file: { bytes: Uint8Array }): Promise<{ contentType: string }> {
  assertCan(ctx.actor.role, "workspace", "update");
  const verdict = sniffLogo(file.bytes);
  if (!verdict.ok) throw new SettingsError("invalid", verdict.reason);
  const now = clock(ctx);
  await ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
    await tx.tenant.update({
      where: { id: ctx.db.tenantId },
      data: { logo: new Uint8Array(file.bytes), logoContentType: verdict.contentType, logoUpdatedAt: now },
    });
    await auditWorkspace(tx, ctx, "workspace.logo_changed", {
      contentType: verdict.contentType,
      bytes: file.bytes.byteLength,
      summary: `Uploaded a new logo (${verdict.contentType}, ${Math.ceil(file.bytes.byteLength / 1024)} KiB)`,
    });
  });
  return { contentType: verdict.contentType };
}

export async function removeLogo(ctx: SettingsContext): Promise<void> {
  assertCan(ctx.actor.role, "workspace", "update");
  await ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
    const before = await tx.tenant.findFirstOrThrow({ select: { logoUpdatedAt: true } });
    if (!before.logoUpdatedAt) return;
    await tx.tenant.update({ where: { id: ctx.db.tenantId }, data: { logo: null, logoContentType: null, logoUpdatedAt: null } });
    await auditWorkspace(tx, ctx, "workspace.logo_removed", { summary: "Removed the logo" });
  });
}
