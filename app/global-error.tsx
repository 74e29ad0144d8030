"use client";
// Last-resort boundary: the root layout itself failed, so this renders its own <html> and has
// no stylesheet guarantees — plain, readable markup.
import type { ErrorBoundaryProps } from "@/components/ui/error-panel";

export default function GlobalError({ error, retry }: ErrorBoundaryProps) {
  return (
    <html lang="en">
      <body>
        <main role="alert">
          <h1>Something went wrong</h1>
          <p>Tenantry could not show this page. Nothing you saved was lost. Please try again in a moment.</p>
          {error.digest ? <p>Reference: {error.digest}</p> : null}
          <p>
            <button type="button" onClick={() => retry()}>
              Try again
            </button>{" "}
            <a href="/">Home</a>
          </p>
        </main>
      </body>
    </html>
  );
}
