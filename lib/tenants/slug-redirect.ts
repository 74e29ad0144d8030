// A renamed workspace's old subdomain answers 308 to the same path on its new host while the
// old name is quarantined (lib/workspace/settings.ts changeSubdomain). The target origin comes
// from configuration (tenantOrigin) and the new slug from the database; the path is the one the
// browser asked for (set by middleware.ts), reduced to a same-host relative path.
import { headers } from "next/headers";
import { safeRelativePath } from "@/lib/auth/redirects";
import { getHostConfig } from "@/lib/config/hosts";
import { type HostConfig, tenantOrigin } from "@/lib/hosts";
import { findSlugRedirect } from "./lookup";
import { ORIGINAL_PATH_HEADER } from "./original-path";
import { requestSite } from "./request-tenant";

/** Where a request for `path` on a renamed workspace's old host goes. Pure. */
export function slugRedirectUrl(newSlug: string, path: unknown, config: Pick<HostConfig, "rootDomain">): string | null {
  const origin = tenantOrigin(newSlug, config);
  if (!origin) return null;
  return new URL(safeRelativePath(path) ?? "/", origin).toString();
}

/** The redirect for this request, when its host is a renamed workspace's old subdomain. */
export async function renamedWorkspaceRedirect(): Promise<string | null> {
  const site = await requestSite();
  if (site.kind !== "tenant") return null;
  const target = await findSlugRedirect(site.slug);
  if (!target) return null;
  return slugRedirectUrl(target, (await headers()).get(ORIGINAL_PATH_HEADER), getHostConfig());
}
