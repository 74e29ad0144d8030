// The process's tenant directory: slug → { id, slug, name, status }, cached (./directory.ts),
// read through the narrow app_tenant_directory() SQL function (no tenant is known yet, so
// RLS would hide the row from a normal query), invalidated across instances by
// ./change-listener.ts.
import { basePrisma } from "@/lib/db/client";
import { serverEnv } from "@/lib/config/env";
import { isValidSlug } from "@/lib/hosts";
import { createTenantDirectory, type TenantDirectory, type TenantDirectoryEntry } from "./directory";
import { listenForTenantChanges, type ChangeListener } from "./change-listener";

const globalForTenants = globalThis as typeof globalThis & {
  __tenantDirectory?: TenantDirectory;
  __tenantListener?: ChangeListener;
};

async function fetchEntry(slug: string): Promise<TenantDirectoryEntry | null> {
  globalForTenants.__tenantListener ??= listenForTenantChanges(serverEnv().APP_DATABASE_URL, directory());
  const rows = await basePrisma.$queryRaw<TenantDirectoryEntry[]>`
    SELECT id::text AS id, slug, name, status::text AS status FROM app_tenant_directory(${slug})`;
  return rows[0] ?? null;
}

function directory(): TenantDirectory {
  globalForTenants.__tenantDirectory ??= createTenantDirectory({ fetch: fetchEntry });
  return globalForTenants.__tenantDirectory;
}

/** The tenant a subdomain names, or null (invalid or unknown). Cached; no query on a hit. */
export async function findTenantBySlug(slug: string): Promise<TenantDirectoryEntry | null> {
  if (!isValidSlug(slug)) return null;
  return directory().lookup(slug);
}

/** Drop a tenant from this instance's cache now (others hear it through NOTIFY). */
export function forgetTenant(slug: string): void {
  directory().invalidate(slug);
}
