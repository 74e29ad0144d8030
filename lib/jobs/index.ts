// Background jobs of the web process, started once from instrumentation.ts. Today: the
// trial-ending reminder, hourly (and shortly after start). Every instance runs it; the job
// claims each workspace in the database, so running it on several instances is harmless.
import { sendTrialEndingReminders } from "@/lib/billing/trial-reminders";

const HOUR = 60 * 60 * 1000;
let started = false;

export function startJobs(): void {
  if (started || process.env.TENANTRY_JOBS === "off") return;
  started = true;
  const run = () =>
    sendTrialEndingReminders().catch((error: unknown) =>
      console.error(`[jobs] trial reminders failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR).unref();
}
