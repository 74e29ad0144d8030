// Billing e-mails (trial ending, payment failed, subscription canceled) to the workspace's
// owners. Sent AFTER the webhook's transaction committed, so a rolled-back or duplicate
// delivery mails nobody; a failed send is logged and not retried (at most once).
import { sendEmail } from "@/lib/email";

export type BillingNotification =
  | { kind: "trial-ending"; to: string[]; workspaceName: string; url: string; trialEndsAt: Date }
  | { kind: "payment-failed"; to: string[]; workspaceName: string; url: string; amount?: string; nextAttemptAt?: Date | null }
  | { kind: "subscription-canceled"; to: string[]; workspaceName: string; url: string; accessEndsAt?: Date | null };

export async function notifyBillingEvent(notification: BillingNotification): Promise<void> {
  for (const to of notification.to) {
    try {
      if (notification.kind === "trial-ending") {
        await sendEmail({ to, template: "trial-ending", props: { workspaceName: notification.workspaceName, url: notification.url, trialEndsAt: notification.trialEndsAt } });
      } else if (notification.kind === "payment-failed") {
        await sendEmail({
          to,
          template: "payment-failed",
          props: { workspaceName: notification.workspaceName, url: notification.url, amount: notification.amount, nextAttemptAt: notification.nextAttemptAt ?? null },
        });
      } else {
        await sendEmail({
          to,
          template: "subscription-canceled",
          props: { workspaceName: notification.workspaceName, url: notification.url, accessEndsAt: notification.accessEndsAt ?? null },
        });
      }
    } catch (error) {
      console.error(`[billing] could not send ${notification.kind} e-mail: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
