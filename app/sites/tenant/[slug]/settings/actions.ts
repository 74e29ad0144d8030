"use server";
// Server actions of the settings screens. Each resolves the workspace from the request's host
// and the session's membership (lib/members/request.ts), then calls lib/workspace, which
// validates with zod, re-checks the role in its transaction and writes the audit entry.
// Refusals come back as messages; moves to another host come back as `redirectTo` (a one-time
// handoff URL built from configuration), never as redirect() (components/auth/use-redirect.ts).
import { refresh } from "next/cache";
import { issueHandoff } from "@/lib/auth/handoff";
import { ForbiddenError } from "@/lib/authz/permissions";
import { getHostConfig } from "@/lib/config/hosts";
import { requestMembers } from "@/lib/members/request";
import { rateLimit } from "@/lib/rate-limit";
import { formStrings } from "@/lib/ui/form-strings";
import { customDomainOrigin } from "@/lib/tenants/domain-origin";
import { SettingsError, type SettingsContext } from "@/lib/workspace/context";
import { addCustomDomain, removeCustomDomain, verifyCustomDomain } from "@/lib/workspace/custom-domain";
import { changeSubdomain, getWorkspaceSettings, removeLogo, renameWorkspace, setAccentColor, setLogo } from "@/lib/workspace/settings";
import { LOGO_MAX_BYTES } from "@/lib/workspace/logo";

/** `values`: what a refused form had typed, given back so that it stays in the form. */
export type SettingsState = { ok: boolean; message: string; redirectTo?: string; values?: Record<string, string> } | null;

type Work = (ctx: SettingsContext, who: { userId: string; tenantId: string; slug: string }) => Promise<string | { message: string; redirectTo?: string }>;

async function run(work: Work, values?: Record<string, string>): Promise<SettingsState> {
  try {
    const access = await requestMembers();
    if (access.kind === "signed-out") return { ok: false, message: "Your session has ended. Sign in again.", values };
    if (access.kind !== "member") return { ok: false, message: "You are not a member of this workspace.", values };
    const result = await work(access.ctx, { userId: access.user.id, tenantId: access.tenant.id, slug: access.tenant.slug });
    const { message, redirectTo } = typeof result === "string" ? { message: result, redirectTo: undefined } : result;
    if (!redirectTo) refresh();
    return { ok: true, message, ...(redirectTo ? { redirectTo } : {}) };
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof SettingsError) return { ok: false, message: error.message, values };
    console.error(`[settings] action failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, message: "Something went wrong. Please try again.", values };
  }
}

export async function renameAction(_: SettingsState, form: FormData): Promise<SettingsState> {
  return run(async (ctx) => {
    const { name } = await renameWorkspace(ctx, { name: form.get("name") });
    return `The workspace is now called “${name}”.`;
  }, formStrings(form, ["name"]));
}

export async function subdomainAction(_: SettingsState, form: FormData): Promise<SettingsState> {
  return run(async (ctx, who) => {
    const limit = await rateLimit({ key: `subdomain-change:tenant:${who.tenantId}`, limit: 10, windowMs: 60 * 60 * 1000 });
    if (!limit.ok) throw new SettingsError("invalid", "Too many subdomain changes. Try again later.");
    const change = await changeSubdomain(ctx, { slug: form.get("slug") });
    // Sessions are host-only: the owner lands signed in on the new host through a handoff.
    const redirectTo = (await issueHandoff(who.userId, change.to, "/settings")) ?? undefined;
    return { message: `The workspace moved to ${change.to}.`, redirectTo };
  }, formStrings(form, ["slug"]));
}

export async function accentAction(_: SettingsState, form: FormData): Promise<SettingsState> {
  return run(async (ctx) => {
    const reset = form.get("reset") === "1";
    const { accentColor } = await setAccentColor(ctx, { accentColor: reset ? "" : form.get("accentColor") });
    return accentColor ? `Accent colour set to ${accentColor}.` : "Accent colour reset to the default.";
  });
}

export async function logoAction(_: SettingsState, form: FormData): Promise<SettingsState> {
  return run(async (ctx) => {
    const file = form.get("logo");
    if (!(file instanceof File) || file.size === 0) throw new SettingsError("invalid", "Choose an image file.");
    // Refuse before reading a large body into memory.
    if (file.size > LOGO_MAX_BYTES) throw new SettingsError("invalid", "The logo must be at most 256 KiB.");
    await setLogo(ctx, { bytes: new Uint8Array(await file.arrayBuffer()) });
    return "Logo updated.";
  });
}

export async function removeLogoAction(): Promise<SettingsState> {
  return run(async (ctx) => {
    await removeLogo(ctx);
    return "Logo removed.";
  });
}

export async function addDomainAction(_: SettingsState, form: FormData): Promise<SettingsState> {
  return run(async (ctx) => {
    const { domain } = await addCustomDomain(ctx, { domain: form.get("domain") }, getHostConfig());
    return `${domain} added. Create the DNS records below, then verify.`;
  }, formStrings(form, ["domain"]));
}

export async function verifyDomainAction(): Promise<SettingsState> {
  return run(async (ctx, who) => {
    const limit = await rateLimit({ key: `domain-verify:tenant:${who.tenantId}`, limit: 30, windowMs: 60 * 60 * 1000 });
    if (!limit.ok) throw new SettingsError("invalid", "Too many verification attempts. Try again later.");
    const { domain } = await verifyCustomDomain(ctx);
    return `${domain} is verified: the workspace now answers there.`;
  });
}

export async function removeDomainAction(): Promise<SettingsState> {
  return run(async (ctx) => {
    const { domain } = await removeCustomDomain(ctx);
    return domain ? `${domain} removed.` : "No domain to remove.";
  });
}

/** Opens the workspace on its verified custom domain, signed in (a handoff: sessions are per host). */
export async function openOnDomainAction(): Promise<SettingsState> {
  return run(async (ctx, who) => {
    const settings = await getWorkspaceSettings(ctx);
    if (!settings.customDomain || !settings.customDomainVerifiedAt) throw new SettingsError("not-found", "Verify the domain first.");
    const origin = customDomainOrigin(settings.customDomain, getHostConfig());
    const redirectTo = origin ? await issueHandoff(who.userId, who.slug, "/", origin) : null;
    if (!redirectTo) throw new SettingsError("not-found", "The workspace cannot be opened there right now.");
    return { message: `Opening ${settings.customDomain}…`, redirectTo };
  });
}
