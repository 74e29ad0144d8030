/** What everyone sees on a suspended workspace: no data, a reason, and who can help. */
export function SuspendedPanel({ workspaceName }: { workspaceName: string }) {
  return (
    <section aria-labelledby="suspended-title" className="mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold text-amber-700">Workspace suspended</p>
      <h1 id="suspended-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
        {workspaceName} is suspended
      </h1>
      <p className="mt-4 text-base text-pretty text-zinc-600 dark:text-zinc-400">
        This workspace is temporarily unavailable. Nothing has been deleted. If you own it, contact support to have it
        reactivated.
      </p>
    </section>
  );
}
