// A workspace's branding for its layout: the accent colour and the logo's URL. The logo URL is
// versioned by its update time, so the route can be cached for long (app/api/workspace/logo).
import { cache } from "react";
import { forTenant } from "@/lib/db/tenant";

export type Branding = { accentColor: string | null; logoUrl: string | null };

export const LOGO_PATH = "/api/workspace/logo";

export function logoUrl(logoUpdatedAt: Date | null): string | null {
  return logoUpdatedAt ? `${LOGO_PATH}?v=${logoUpdatedAt.getTime()}` : null;
}

export const getBranding = cache(async (tenantId: string): Promise<Branding> => {
  const row = await forTenant(tenantId).tenant.findFirst({ select: { accentColor: true, logoUpdatedAt: true } });
  return { accentColor: row?.accentColor ?? null, logoUrl: logoUrl(row?.logoUpdatedAt ?? null) };
});
