"use client";
// Switches the theme at once (class on <html>) and remembers it for a year in a cookie that the
// root layout reads on the next request (lib/ui/theme.ts).
import { useState } from "react";
import { THEME_COOKIE, THEMES, type Theme } from "@/lib/ui/theme";
import { focusRing } from "./styles";

const labels: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const icons: Record<Theme, string> = { system: "◐", light: "☀", dark: "☾" };

export function ThemeToggle({ initial, className = "" }: { initial: Theme; className?: string }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
  function apply() {
    const root = document.documentElement;
    root.classList.remove(...THEMES);
    root.classList.add(next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }
  return (
    <button
      type="button"
      onClick={apply}
      data-theme={theme}
      aria-label={`${labels[theme]} (switch to ${labels[next].toLowerCase()})`}
      title={labels[theme]}
      className={`rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing} ${className}`}
    >
      <span aria-hidden="true">{icons[theme]}</span>
    </button>
  );
}
