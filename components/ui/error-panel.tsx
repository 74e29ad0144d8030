"use client";
// The body of every error boundary (app/**/error.tsx): what happened in plain words, a retry
// that re-fetches the failed segment, a way back home, and the digest support can look up in
// the server log (server errors never reach the browser with their message).
import { useEffect } from "react";
import { buttonStyles } from "./styles";

export type ErrorBoundaryProps = { error: Error & { digest?: string }; retry: () => void };

export function ErrorPanel({ error, retry, homeLabel = "Go to the home page" }: ErrorBoundaryProps & { homeLabel?: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section role="alert" aria-labelledby="error-title" className="mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold text-red-600 dark:text-red-400">Error</p>
      <h1 id="error-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance">
        Something went wrong
      </h1>
      <p className="mt-4 text-base text-pretty text-zinc-600 dark:text-zinc-400">
        This page could not be shown. Nothing you saved was lost. Try again in a moment; if it keeps happening, contact support
        {error.digest ? (
          <>
            {" "}
            and mention reference <code className="rounded bg-zinc-100 px-1 font-mono text-sm dark:bg-zinc-800">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
        <button type="button" onClick={() => retry()} className={buttonStyles.primary}>
          Try again
        </button>
        {/* A plain link: a full navigation also recovers from a broken client state. */}
        <a href="/" className={buttonStyles.secondary}>
          {homeLabel}
        </a>
      </div>
    </section>
  );
}
