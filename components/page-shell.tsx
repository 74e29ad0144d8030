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
        {/* On a phone the navigation takes its own row(s) under the brand: the header grows
            instead of spilling over the page (e2e/screenshots.spec.ts checks phone widths). */}
        <div className="mx-auto flex min-h-16 max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-3 md:flex-nowrap md:py-0">
          <div className="flex min-w-0 items-center gap-3">
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
          <ThemeToggle initial={theme} className="md:order-last" />
          {actions ? (
            <nav aria-label="Primary" className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 md:ml-auto md:w-auto md:justify-end">
              {actions}
            </nav>
          ) : null}
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
