// The colour theme a visitor chose: a cookie read on the server, so the first paint is right
// (no inline script, which the nonce CSP would have to allow). Per host, like every cookie here.
export const THEME_COOKIE = "theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function parseTheme(value: string | undefined | null): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
