// Shared Tailwind classes of the customers screens (server and client components alike).
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
export const buttonStyles = {
  primary: `inline-flex items-center rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60 ${focusRing}`,
  secondary: `inline-flex items-center rounded-lg bg-white px-4 py-2 text-sm font-medium text-zinc-900 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 disabled:opacity-60 ${focusRing}`,
  danger: `inline-flex items-center rounded-lg bg-white px-4 py-2 text-sm font-medium text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50 disabled:opacity-60 ${focusRing}`,
} as const;
