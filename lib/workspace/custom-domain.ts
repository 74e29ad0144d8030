// A workspace's own domain (plans with the customDomain feature; docs/settings.md):
//   add    → the domain is stored lower-cased with a random token, NOT yet served;
//   verify → a TXT record `_tenantry.<domain>` = `tenantry-verify=<token>` proves the owner
//            controls its DNS (lookup through a DnsResolver: tests inject one); only then
//            does the host resolve to the workspace (app_tenant_directory_by_domain);
//   remove → the host stops answering at once (cache key `domain:<host>`, NOTIFY for others).
// The CNAME to the root domain routes traffic; the TXT token is what grants the host.
import crypto from "node:crypto";
import { assertCan } from "@/lib/authz/permissions";
import { entitlementsFor } from "@/lib/billing/plans";
import type { TenantTransaction } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { canonicalHost, type HostConfig, resolveHost } from "@/lib/hosts";
import { defaultResolver, type DnsResolver } from "@/lib/dns/resolver";
import { forgetDomain } from "@/lib/tenants/lookup";
import { auditWorkspace, clock, currentRole, SettingsError, type SettingsContext } from "./context";

export const TXT_PREFIX = "_tenantry";
export const TXT_VALUE_PREFIX = "tenantry-verify=";
export const DOMAIN_IN_USE = "This domain is already used by another workspace.";
export const PLAN_MESSAGE = "Custom domains are part of the Pro plan. Upgrade on the Billing page to use your own domain.";

/** Top-level names that never reach a customer's site on the public internet. */
const PRIVATE_TLDS = new Set(["localhost", "local", "internal", "invalid", "arpa", "onion", "lan", "home"]);

export type DomainVerdict = { ok: true; domain: string } | { ok: false; reason: string };

/**
 * Is `raw` a domain a workspace may claim? Pure. Accepts a bare host name (a pasted
 * `https://host/` is trimmed to the host); refuses IP addresses, ports, private names, the
 * root domain and anything under it, and the admin host and anything under it.
 */
export function validateCustomDomain(raw: unknown, config: Pick<HostConfig, "rootDomain" | "adminHost">): DomainVerdict {
  if (typeof raw !== "string" || raw.trim() === "") return { ok: false, reason: "Enter a domain, e.g. crm.example.com." };
  const value = raw.trim().replace(/^https?:\/\//i, "").replace(/\/$/, "");
  if (value.length > 253) return { ok: false, reason: "That domain is too long." };
  const host = canonicalHost(value);
  if (!host || /[/:@]/.test(value.replace(/:\d+$/, ""))) return { ok: false, reason: "Enter a domain name only, like crm.example.com (no path)." };
  if (host.port !== null || /:\d+$/.test(value)) return { ok: false, reason: "Enter the domain without a port." };
  const labels = host.hostname.split(".");
  const tld = labels[labels.length - 1] ?? "";
  if (labels.length < 2) return { ok: false, reason: "Enter a full domain name, like crm.example.com." };
  if (/^[0-9]+$/.test(tld)) return { ok: false, reason: "Use a domain name, not an IP address." };
  if (PRIVATE_TLDS.has(tld)) return { ok: false, reason: "Use a public domain name." };
  const root = canonicalHost(config.rootDomain);
  const admin = canonicalHost(config.adminHost);
  for (const own of [root?.hostname, admin?.hostname]) {
    if (own && (host.hostname === own || host.hostname.endsWith(`.${own}`))) return { ok: false, reason: "That domain belongs to Tenantry. Use a domain you own." };
  }
  // The router must see it as a custom domain (the same rule that serves it later).
  if (resolveHost(host.hostname, null, { rootDomain: config.rootDomain, adminHost: config.adminHost, trustForwardedHost: false }).kind !== "custom-domain") {
    return { ok: false, reason: "Use a public domain name you own." };
  }
  return { ok: true, domain: host.hostname };
}

/** The DNS records the owner must create for `domain`. */
export function dnsRecordsFor(domain: string, token: string, config: Pick<HostConfig, "rootDomain">) {
  const target = canonicalHost(config.rootDomain)?.hostname ?? config.rootDomain;
  return {
    txt: { type: "TXT" as const, name: `${TXT_PREFIX}.${domain}`, value: `${TXT_VALUE_PREFIX}${token}` },
    cname: { type: "CNAME" as const, name: domain, value: target },
  };
}

async function assertPlanAllows(tx: TenantTransaction, now: Date) {
  const tenant = await tx.tenant.findFirstOrThrow({});
  if (!entitlementsFor(tenant, now).features.customDomain) throw new SettingsError("plan", PLAN_MESSAGE);
}

/** Does the tenant's plan include a custom domain? (the page shows the upgrade note if not) */
export async function customDomainAllowed(ctx: Pick<SettingsContext, "db" | "now">): Promise<boolean> {
  const tenant = await ctx.db.tenant.findFirstOrThrow({});
  return entitlementsFor(tenant, clock(ctx)).features.customDomain;
}

export async function addCustomDomain(
  ctx: SettingsContext,
  input: { domain: unknown },
  config: Pick<HostConfig, "rootDomain" | "adminHost">,
): Promise<{ domain: string; token: string }> {
  assertCan(ctx.actor.role, "workspace", "update");
  const verdict = validateCustomDomain(input.domain, config);
  if (!verdict.ok) throw new SettingsError("invalid", verdict.reason);
  const { domain } = verdict;
  const token = crypto.randomBytes(18).toString("base64url");
  try {
    await ctx.db.$transaction(async (tx) => {
      assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
      await assertPlanAllows(tx, clock(ctx));
      const current = await tx.tenant.findFirstOrThrow({ select: { customDomain: true } });
      if (current.customDomain) throw new SettingsError("conflict", "Remove the current domain before adding another one.");
      // The unique index on custom_domain sees every tenant's row, RLS or not.
      await tx.tenant.update({ where: { id: ctx.db.tenantId }, data: { customDomain: domain, customDomainToken: token, customDomainVerifiedAt: null } });
      await auditWorkspace(tx, ctx, "workspace.domain_added", { domain, summary: `Added the custom domain ${domain} (not verified yet)` });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new SettingsError("taken", DOMAIN_IN_USE);
    throw error;
  }
  forgetDomain(domain);
  return { domain, token };
}

/** Looks the TXT record up (outside any transaction: DNS can be slow) and marks the domain verified. */
export async function verifyCustomDomain(ctx: SettingsContext, resolver: DnsResolver = defaultResolver()): Promise<{ domain: string; verifiedAt: Date }> {
  assertCan(ctx.actor.role, "workspace", "update");
  const tenant = await ctx.db.tenant.findFirstOrThrow({ select: { customDomain: true, customDomainToken: true, customDomainVerifiedAt: true } });
  if (!tenant.customDomain || !tenant.customDomainToken) throw new SettingsError("not-found", "Add a domain first.");
  const { customDomain: domain, customDomainToken: token } = tenant;
  if (tenant.customDomainVerifiedAt) return { domain, verifiedAt: tenant.customDomainVerifiedAt };
  const name = `${TXT_PREFIX}.${domain}`;
  let records: string[][];
  try {
    records = await resolver.resolveTxt(name);
  } catch {
    throw new SettingsError("dns", "The DNS lookup failed. Please try again in a minute.");
  }
  const expected = `${TXT_VALUE_PREFIX}${token}`;
  if (!records.some((chunks) => chunks.join("").trim() === expected)) {
    throw new SettingsError("dns", `No TXT record ${name} with the value ${expected} was found yet. DNS changes can take a while to appear; try again later.`);
  }
  const now = clock(ctx);
  await ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
    await assertPlanAllows(tx, now);
    // Only the domain and token that were looked up: a concurrent remove/re-add wins.
    const updated = await tx.tenant.updateMany({
      where: { id: ctx.db.tenantId, customDomain: domain, customDomainToken: token },
      data: { customDomainVerifiedAt: now },
    });
    if (updated.count !== 1) throw new SettingsError("conflict", "The domain changed meanwhile. Please reload the page.");
    await auditWorkspace(tx, ctx, "workspace.domain_verified", { domain, summary: `Verified the custom domain ${domain}: the workspace now answers there` });
  });
  forgetDomain(domain);
  return { domain, verifiedAt: now };
}

export async function removeCustomDomain(ctx: SettingsContext): Promise<{ domain: string | null }> {
  assertCan(ctx.actor.role, "workspace", "update");
  const domain = await ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "workspace", "update");
    const current = await tx.tenant.findFirstOrThrow({ select: { customDomain: true } });
    if (!current.customDomain) return null;
    await tx.tenant.update({ where: { id: ctx.db.tenantId }, data: { customDomain: null, customDomainToken: null, customDomainVerifiedAt: null } });
    await auditWorkspace(tx, ctx, "workspace.domain_removed", { domain: current.customDomain, summary: `Removed the custom domain ${current.customDomain}` });
    return current.customDomain;
  });
  if (domain) forgetDomain(domain);
  return { domain };
}
