// Which OAuth sign-in options exist: GitHub and Google appear only when both their client id
// and secret are set (lib/config/auth.ts).
import { oauthApps } from "@/lib/config/auth";

export const OAUTH_LABELS = { github: "GitHub", google: "Google" } as const;
export type OAuthProviderId = keyof typeof OAUTH_LABELS;

/** The configured providers, id → button label. */
export function configuredOAuthProviders(source: Record<string, string | undefined> = process.env): Partial<Record<OAuthProviderId, string>> {
  const apps = oauthApps(source);
  const configured: Partial<Record<OAuthProviderId, string>> = {};
  for (const id of Object.keys(OAUTH_LABELS) as OAuthProviderId[]) if (apps[id]) configured[id] = OAUTH_LABELS[id];
  return configured;
}
