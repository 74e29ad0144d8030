import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE, parseTheme } from "@/lib/ui/theme";
import { LogoMark } from "./logo";
import { ThemeToggle } from "./ui/theme-toggle";

/** The frame of every page: brand header (with an optional site label), main, footer. */
export async function PageShell({
  children,
  label,
  homeHref = "/",
  actions,
  logo,
}: {
  children: ReactNode;
  /** Which site this is, shown next to the brand, e.g. "Founder console" or a workspace name. */
  label?: string;
  homeHref?: string;
  actions?: ReactNode;
  /** An image shown before the label (a workspace's own logo). */
  logo?: ReactNode;
}) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 dark:focus:bg-zinc-900 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
        <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-6">
          <div className="flex items-center gap-3">
            <a href={homeHref} className="flex items-center gap-2 font-semibold tracking-tight">
              <LogoMark />
              <span>Tenantry</span>
            </a>
            {logo}
            {label ? (
              <>
                <span aria-hidden="true" className="text-zinc-300 dark:text-zinc-600">
                  /
                </span>
                <span className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{label}</span>
              </>
            ) : null}
          </div>
          <div className="flex items-center gap-3">
            {actions ? <nav aria-label="Primary" className="flex flex-wrap items-center gap-3">{actions}</nav> : null}
            <ThemeToggle initial={theme} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-6 py-16">
        {children}
      </main>
      <footer className="border-t border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto max-w-5xl px-6 py-6 text-sm text-zinc-500 dark:text-zinc-400">
          Tenantry — one app, many workspaces, each one isolated.
        </div>
      </footer>
    </div>
  );
}
