// The trial-ending e-mail for the app's own card-less trial (Stripe's trial_will_end covers
// only Stripe trials). A job: CROSS-TENANT by nature, so it runs through crossTenant().
// Each workspace is claimed with a conditional update before anything is sent, so two app
// instances running the job at once mail each owner once; mail goes out after the commit.
import { getHostConfig } from "@/lib/config/hosts";
import { crossTenant } from "@/lib/db/cross-tenant";
import type { basePrisma } from "@/lib/db/client";
import { tenantOrigin } from "@/lib/hosts";
import { notifyBillingEvent, type BillingNotification } from "./notify";

/** How long before the trial ends the owners are told. */
export const TRIAL_REMINDER_DAYS = 3;

export async function sendTrialEndingReminders(
  now: Date = new Date(),
  { client, notify = notifyBillingEvent }: { client?: typeof basePrisma; notify?: (n: BillingNotification) => Promise<void> } = {},
): Promise<number> {
  const horizon = new Date(now.getTime() + TRIAL_REMINDER_DAYS * 86_400_000);
  const due = await crossTenant(
    { actor: { kind: "system", label: "trial-reminder job" }, action: "billing.trial-reminders", reason: "find workspaces whose trial ends soon" },
    async (tx) => {
      const tenants = await tx.tenant.findMany({
        where: { status: "ACTIVE", subscriptionStatus: null, trialReminderSentAt: null, trialEndsAt: { gt: now, lte: horizon } },
        select: { id: true, slug: true, name: true, trialEndsAt: true },
        take: 500,
      });
      const claimed: Array<BillingNotification & { kind: "trial-ending" }> = [];
      for (const tenant of tenants) {
        const { count } = await tx.tenant.updateMany({ where: { id: tenant.id, trialReminderSentAt: null }, data: { trialReminderSentAt: now } });
        if (count === 0) continue; // another instance took it
        const owners = await tx.membership.findMany({ where: { tenantId: tenant.id, role: "OWNER" }, select: { user: { select: { email: true } } } });
        claimed.push({
          kind: "trial-ending",
          to: owners.map((o) => o.user.email),
          workspaceName: tenant.name,
          url: `${tenantOrigin(tenant.slug, getHostConfig())}/billing`,
          trialEndsAt: tenant.trialEndsAt!,
        });
      }
      return claimed;
    },
    client,
  );
  for (const notification of due) await notify(notification);
  return due.length;
}
