// Shown while a customers page renders (streaming): a skeleton of the list.
export default function CustomersLoading() {
  return (
    <div role="status" aria-live="polite" className="flex animate-pulse flex-col gap-6">
      <span className="sr-only">Loading customers…</span>
      <div className="h-9 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-10 w-full max-w-md rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="flex flex-col gap-2">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-12 rounded bg-zinc-100 dark:bg-zinc-800" />
        ))}
      </div>
    </div>
  );
}
