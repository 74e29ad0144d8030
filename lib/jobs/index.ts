// Background jobs of the web process, started once from instrumentation.ts. Every instance
// runs them; each job claims its work in the database (a conditional update or a DELETE …
// RETURNING), so running on several instances at once is harmless:
// - trial-ending reminders, hourly (lib/billing/trial-reminders.ts);
// - workspace data exports left queued (or stalled by a crash), every 5 minutes — the request
//   kicks its own export at once with after(); this is the safety net (lib/workspace/export).
//   Not more often: each sweep is a crossTenant transaction, i.e. one platform audit row;
// - purging workspaces past their deletion grace period, hourly (lib/workspace/purge.ts);
// - stopping the renewal of deleted workspaces' subscriptions, hourly: the retry of the call
//   made at deletion (lib/billing/deleted-workspaces.ts).
import { stopRenewalOfDeletedWorkspaces } from "@/lib/billing/deleted-workspaces";
import { sendTrialEndingReminders } from "@/lib/billing/trial-reminders";
import { runQueuedDataExports } from "@/lib/workspace/export";
import { purgeDeletedWorkspaces } from "@/lib/workspace/purge";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
let started = false;

function every(name: string, intervalMs: number, firstAfterMs: number, job: () => Promise<unknown>): void {
  let running = false; // never overlap with itself in one process
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      console.error(`[jobs] ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  setTimeout(run, firstAfterMs).unref();
  setInterval(run, intervalMs).unref();
}

export function startJobs(): void {
  if (started || process.env.TENANTRY_JOBS === "off") return;
  started = true;
  every("trial reminders", HOUR, 30_000, () => sendTrialEndingReminders());
  every("data exports", 5 * MINUTE, 20_000, () => runQueuedDataExports());
  every("workspace purge", HOUR, 60_000, () => purgeDeletedWorkspaces());
  every("billing of deleted workspaces", HOUR, 90_000, () => stopRenewalOfDeletedWorkspaces());
}
