// The origin of a tenant's custom domain, built from configuration and the stored (verified)
// domain — never from a request header. Its scheme follows the root's: https in production,
// http for a localhost development root (which has no TLS at all). Pure.
import { canonicalHost, type HostConfig, schemeFor } from "@/lib/hosts";

export function customDomainOrigin(host: string, config: Pick<HostConfig, "rootDomain">): string | null {
  const root = canonicalHost(config.rootDomain);
  const domain = canonicalHost(host);
  if (!root || !domain || domain.port !== null) return null;
  return `${schemeFor(root)}://${domain.hostname}`;
}
