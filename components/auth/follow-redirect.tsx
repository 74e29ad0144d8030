"use client";
// Where an action sends the user next (`redirectTo`; lib/auth/actions.ts says why actions do not
// call redirect()). With JavaScript, a full navigation (useRedirect). Without it the action's
// page comes back with its result, and a "Continue" link — inside <noscript>, so a scripted
// browser never shows it — goes on from there.
import { useRedirect } from "./use-redirect";

export function FollowRedirect({ to }: { to: string | undefined }) {
  useRedirect(to);
  if (!to) return null;
  return (
    <noscript>
      <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800">
        Done.{" "}
        <a href={to} className="font-medium underline">
          Continue
        </a>
      </p>
    </noscript>
  );
}
