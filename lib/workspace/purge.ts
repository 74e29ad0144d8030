// The end of a deleted workspace's grace period: the tenant row is hard-deleted and every
// tenant-owned row goes with it (ON DELETE CASCADE). Owner and founder deletes alike. A
// periodic job (lib/jobs) runs it on every instance; each purge is one crossTenant
// transaction (audited, subject = the workspace) whose DELETE only matches a workspace still
// DELETED and past purgeAfter — so two instances never purge twice and a restore that won the
// race is never undone. The slug's quarantine outlives the row (re-asserted here).
import { cancelSubscriptionBeforePurge } from "@/lib/billing/deleted-workspaces";
import type { StripeClient } from "@/lib/billing/stripe";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import { slugQuarantineDays } from "./deletion";

const DAY = 86_400_000;
const actor = { kind: "system", label: "workspace purge job" } as const;

export async function purgeDeletedWorkspaces(
  now: Date = new Date(),
  { client = basePrisma, max = 50, stripe }: { client?: typeof basePrisma; max?: number; stripe?: StripeClient } = {},
): Promise<string[]> {
  const due = await crossTenant(
    { actor, action: "workspace.purge.scan", reason: "find deleted workspaces past their grace period" },
    (tx) =>
      tx.tenant.findMany({
        where: { status: "DELETED", purgeAfter: { lte: now } },
        select: { id: true, stripeSubscriptionId: true, subscriptionStatus: true },
        orderBy: { purgeAfter: "asc" },
        take: max,
      }),
    client,
  );
  const purged: string[] = [];
  for (const tenant of due) {
    const { id } = tenant;
    // Never purge the row that links a still-billing subscription: cancel it first, or wait.
    if (!(await cancelSubscriptionBeforePurge(tenant, { stripe }))) continue;
    const slug = await crossTenant(
      { actor, action: "workspace.purge", reason: "grace period after deletion is over", subjectTenantId: id },
      async (tx) => {
        const row = await tx.tenant.findFirst({ where: { id }, select: { slug: true } });
        const { count } = await tx.tenant.deleteMany({ where: { id, status: "DELETED", purgeAfter: { lte: now } } });
        if (!row || count === 0) return null; // another instance purged it, or it was restored
        const releasedAt = new Date(now.getTime() + slugQuarantineDays() * DAY);
        const held = await tx.slugQuarantine.findUnique({ where: { slug: row.slug }, select: { releasedAt: true } });
        if (!held || held.releasedAt < releasedAt) {
          await tx.slugQuarantine.upsert({ where: { slug: row.slug }, create: { slug: row.slug, reason: "workspace deleted", releasedAt }, update: { releasedAt } });
        }
        return row.slug;
      },
      client,
    );
    if (slug) purged.push(slug);
  }
  return purged;
}
