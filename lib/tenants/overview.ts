// The tenant home page's data. The workspace comes from the request's host
// (./request-tenant.ts, cached directory lookup); its counts through the tenant-bound client
// (tenant-scoped queries + RLS for that tenant).
import { cache } from "react";
import { forTenant } from "@/lib/db/tenant";
import type { TenantDirectoryEntry } from "./directory";
import { requestTenant } from "./request-tenant";

export type WorkspaceOverview = {
  slug: string;
  name: string;
  customerCount: number;
  dealCount: number;
};

/** The request's workspace as the layout needs it: active, suspended, or not found. */
export const getRequestWorkspace = cache(async (slug: string) => requestTenant(slug));

/** An active workspace's name and counts. */
export async function getWorkspaceOverview(tenant: TenantDirectoryEntry): Promise<WorkspaceOverview> {
  const { customerCount, dealCount } = await forTenant(tenant.id).$transaction(async (tx) => ({
    customerCount: await tx.customer.count(),
    dealCount: await tx.deal.count(),
  }));
  return { slug: tenant.slug, name: tenant.name, customerCount, dealCount };
}
