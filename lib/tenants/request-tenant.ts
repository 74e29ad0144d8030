// Which tenant a request is for, decided on the server from the Host header (or a trusted
// X-Forwarded-Host) — never from a header the middleware might have set, which a client could
// forge on any route the matcher misses (threat N2). Pages additionally check that the slug in
// their route param is the host's own, so the internal /sites/tenant/<slug> tree cannot be
// pointed at another tenant even if the middleware were bypassed (N1).
//
// A custom domain (issue 7) is looked up the same way: only a VERIFIED domain names a tenant
// (app_tenant_directory_by_domain), and the page's slug param must be that tenant's.
import { headers } from "next/headers";
import { getHostConfig } from "@/lib/config/hosts";
import { resolveHost, type Site } from "@/lib/hosts";
import type { TenantDirectoryEntry } from "./directory";
import { findTenantByDomain, findTenantBySlug } from "./lookup";

export type RequestTenant =
  | { kind: "active"; tenant: TenantDirectoryEntry }
  | { kind: "suspended"; tenant: TenantDirectoryEntry }
  | { kind: "not-found" }; // not a tenant host, unknown, deleted

/** The site this request's host names. */
export async function requestSite(): Promise<Site> {
  const h = await headers();
  return resolveHost(h.get("host"), h.get("x-forwarded-host"), getHostConfig());
}

/** The tenant of this request's host; `expectedSlug` (a route param) must match it. */
export async function requestTenant(expectedSlug?: string): Promise<RequestTenant> {
  const site = await requestSite();
  let tenant: TenantDirectoryEntry | null = null;
  if (site.kind === "tenant") {
    if (expectedSlug !== undefined && expectedSlug !== site.slug) return { kind: "not-found" };
    tenant = await findTenantBySlug(site.slug);
  } else if (site.kind === "custom-domain") {
    tenant = await findTenantByDomain(site.host);
    if (tenant && expectedSlug !== undefined && expectedSlug !== tenant.slug) return { kind: "not-found" };
  }
  if (!tenant || tenant.status === "DELETED") return { kind: "not-found" };
  return tenant.status === "SUSPENDED" ? { kind: "suspended", tenant } : { kind: "active", tenant };
}
