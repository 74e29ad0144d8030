// The process's tenant directory, cached (./directory.ts), read through narrow SECURITY DEFINER
// SQL functions (no tenant is known yet, so RLS would hide the row from a normal query) and
// invalidated across instances by ./change-listener.ts. Two kinds of key, exactly the payloads
// of the NOTIFY trigger on `tenant`:
//   <slug>           → the tenant of that subdomain, or, for a renamed workspace's old
//                      subdomain still in quarantine, the slug it moved to (app_slug_redirect);
//   domain:<host>    → the tenant whose VERIFIED custom domain this is.
import { basePrisma } from "@/lib/db/client";
import { serverEnv } from "@/lib/config/env";
import { canonicalHost, isValidSlug } from "@/lib/hosts";
import { createTenantDirectory, domainKey, type TenantDirectory, type TenantDirectoryEntry } from "./directory";
import { listenForTenantChanges, type ChangeListener } from "./change-listener";

/** A slug's record: its tenant, or the slug a renamed workspace now answers on. */
type DirectoryRecord = { entry: TenantDirectoryEntry | null; redirectTo: string | null };

const globalForTenants = globalThis as typeof globalThis & {
  __tenantRecords?: TenantDirectory<DirectoryRecord>;
  __tenantListener?: ChangeListener;
};

type Row = { id: string | null; slug: string | null; name: string | null; status: TenantDirectoryEntry["status"] | null; redirect: string | null };

const toEntry = (row: Row | undefined): TenantDirectoryEntry | null =>
  row?.id && row.slug && row.name && row.status ? { id: row.id, slug: row.slug, name: row.name, status: row.status } : null;

async function fetchRecord(key: string): Promise<DirectoryRecord | null> {
  globalForTenants.__tenantListener ??= listenForTenantChanges(serverEnv().APP_DATABASE_URL, directory());
  if (key.startsWith("domain:")) {
    const host = key.slice("domain:".length);
    const rows = await basePrisma.$queryRaw<Row[]>`
      SELECT id::text AS id, slug, name, status::text AS status, NULL::text AS redirect FROM app_tenant_directory_by_domain(${host})`;
    const entry = toEntry(rows[0]);
    return entry ? { entry, redirectTo: null } : null;
  }
  // One round trip: the tenant, and only when there is none, a live redirect for the name.
  const rows = await basePrisma.$queryRaw<Row[]>`
    SELECT d.id::text AS id, d.slug, d.name, d.status::text AS status, r.slug AS redirect
    FROM (SELECT 1) AS one
    LEFT JOIN app_tenant_directory(${key}) AS d ON true
    LEFT JOIN app_slug_redirect(${key}) AS r ON d.id IS NULL`;
  const entry = toEntry(rows[0]);
  const redirectTo = entry ? null : (rows[0]?.redirect ?? null);
  return entry || redirectTo ? { entry, redirectTo } : null;
}

function directory(): TenantDirectory<DirectoryRecord> {
  globalForTenants.__tenantRecords ??= createTenantDirectory<DirectoryRecord>({ fetch: fetchRecord });
  return globalForTenants.__tenantRecords;
}

/** The tenant a subdomain names, or null (invalid or unknown). Cached; no query on a hit. */
export async function findTenantBySlug(slug: string): Promise<TenantDirectoryEntry | null> {
  if (!isValidSlug(slug)) return null;
  return (await directory().lookup(slug))?.entry ?? null;
}

/** The slug a renamed workspace moved to, while its old subdomain `slug` is quarantined. */
export async function findSlugRedirect(slug: string): Promise<string | null> {
  if (!isValidSlug(slug)) return null;
  const target = (await directory().lookup(slug))?.redirectTo ?? null;
  return target && isValidSlug(target) && target !== slug.toLowerCase() ? target : null;
}

/** The tenant whose verified custom domain `host` is, or null. Cached like slugs. */
export async function findTenantByDomain(host: string): Promise<TenantDirectoryEntry | null> {
  const canonical = canonicalHost(host);
  if (!canonical || canonical.port !== null) return null;
  return (await directory().lookup(domainKey(canonical.hostname)))?.entry ?? null;
}

/** Drop a tenant from this instance's cache now (others hear it through NOTIFY). */
export function forgetTenant(slug: string): void {
  directory().invalidate(slug);
}

/** Drop a custom domain from this instance's cache now (others hear it through NOTIFY). */
export function forgetDomain(host: string): void {
  directory().invalidate(domainKey(host));
}
