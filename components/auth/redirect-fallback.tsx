// Where an action sends the user when the browser runs no script. useRedirect (./use-redirect.ts)
// navigates with JavaScript; without it the action's page comes back with its result, and this
// link — inside <noscript>, so a scripted browser never shows it — continues from there.
export function RedirectFallback({ to }: { to: string | undefined }) {
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
