// "Is this subdomain available?" for the signup form (GET /api/subdomains/check): rules first
// (pure), then one audited read of tenant + slug_quarantine for the name and its suggestions.
import { crossTenant } from "@/lib/db/cross-tenant";
import { basePrisma } from "@/lib/db/client";
import { QUARANTINED_REASON, TAKEN_REASON, suggestionCandidates, validateSubdomain } from "./subdomain-rules";

export type SubdomainAvailability = { name: string; available: boolean; reason?: string; suggestions?: string[] };

export async function checkSubdomain(raw: string, client = basePrisma): Promise<SubdomainAvailability> {
  const verdict = validateSubdomain(raw);
  const candidates = suggestionCandidates(verdict.name);
  if (!verdict.ok && verdict.problem !== "reserved") return { name: verdict.name, available: false, reason: verdict.reason };
  const names = verdict.ok ? [verdict.name, ...candidates] : candidates;
  const unavailable = await crossTenant(
    { actor: { kind: "system", label: "signup" }, action: "subdomain.check", reason: "signup form availability check", data: { name: verdict.name } },
    async (tx) => {
      const [tenants, quarantined] = await Promise.all([
        tx.tenant.findMany({ where: { slug: { in: names } }, select: { slug: true } }),
        tx.slugQuarantine.findMany({ where: { slug: { in: names }, releasedAt: { gt: new Date() } }, select: { slug: true } }),
      ]);
      return {
        taken: new Set(tenants.map((t) => t.slug)),
        quarantined: new Set(quarantined.map((q) => q.slug)),
      };
    },
    client,
  );
  const suggestions = candidates.filter((c) => !unavailable.taken.has(c) && !unavailable.quarantined.has(c)).slice(0, 3);
  if (!verdict.ok) return { name: verdict.name, available: false, reason: verdict.reason, suggestions };
  if (unavailable.taken.has(verdict.name)) return { name: verdict.name, available: false, reason: TAKEN_REASON, suggestions };
  if (unavailable.quarantined.has(verdict.name)) return { name: verdict.name, available: false, reason: QUARANTINED_REASON, suggestions };
  return { name: verdict.name, available: true };
}
