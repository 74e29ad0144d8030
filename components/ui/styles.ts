// The shared Tailwind vocabulary of the interface (server and client components alike), in the
// shadcn/ui manner: plain class strings, no runtime. `accent` is the workspace's accent colour
// (a CSS variable set per workspace, components/ui/accent-style.tsx); every class has its
// dark-theme pair (the `dark:` variant follows the theme cookie, app/globals.css).
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";

export const buttonStyles = {
  primary: `inline-flex items-center justify-center gap-2 rounded-lg bg-accent px-4 py-2 text-sm font-medium text-white shadow-sm hover:brightness-110 disabled:opacity-60 ${focusRing}`,
  secondary: `inline-flex items-center justify-center gap-2 rounded-lg bg-white px-4 py-2 text-sm font-medium text-zinc-900 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 disabled:opacity-60 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800 ${focusRing}`,
  danger: `inline-flex items-center justify-center gap-2 rounded-lg bg-white px-4 py-2 text-sm font-medium text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50 disabled:opacity-60 dark:bg-zinc-900 dark:text-red-400 dark:ring-red-900 dark:hover:bg-red-950 ${focusRing}`,
  ghost: `inline-flex items-center justify-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 disabled:opacity-60 ${focusRing}`,
} as const;

export const inputStyles = `block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-accent dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 aria-[invalid=true]:ring-red-500`;
export const labelStyles = "block text-sm font-medium text-zinc-800 dark:text-zinc-200";
export const cardStyles = "rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800";
export const mutedText = "text-sm text-zinc-600 dark:text-zinc-400";
export const headingStyles = "text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50";
export const tableStyles = {
  table: "min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800",
  th: "px-3 py-2 text-left font-medium text-zinc-600 dark:text-zinc-400",
  td: "px-3 py-2 text-zinc-800 dark:text-zinc-200",
  row: "hover:bg-zinc-50 dark:hover:bg-zinc-800/50",
} as const;
export const errorText = "text-sm text-red-700 dark:text-red-400";
