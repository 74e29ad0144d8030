import type { ReactNode } from "react";

/** The friendly body of every 404: what happened, and where to go instead. */
export function NotFoundPanel({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 id="not-found-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
        {title}
      </h1>
      <div className="mt-4 text-base text-pretty text-zinc-600 dark:text-zinc-400">{children}</div>
      {actions ? <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{actions}</div> : null}
    </section>
  );
}
