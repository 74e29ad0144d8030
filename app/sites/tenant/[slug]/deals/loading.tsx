// Shown while a deals page renders (streaming): a skeleton of the board.
export default function DealsLoading() {
  return (
    <div role="status" aria-live="polite" className="flex animate-pulse flex-col gap-6">
      <span className="sr-only">Loading deals…</span>
      <div className="h-9 w-40 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="flex gap-3 overflow-hidden">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex w-64 shrink-0 flex-col gap-2 rounded-xl bg-zinc-100 p-3 dark:bg-zinc-900">
            <div className="h-4 w-24 rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-16 rounded bg-white dark:bg-zinc-800" />
            <div className="h-16 rounded bg-white dark:bg-zinc-800" />
          </div>
        ))}
      </div>
    </div>
  );
}
