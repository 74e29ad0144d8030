// The tenant home page's data, in one function so the page does not care how it is read.
// The workspace is found through the tenant directory (the narrow app_tenant_directory()
// function: no tenant is set yet, so RLS hides the tenant row from a plain query), and its
// counts through the tenant-bound client (tenant-scoped queries + RLS for that tenant).
import { cache } from "react";
import { forTenant } from "@/lib/db/tenant";
import { isValidSlug } from "@/lib/hosts";
import { findTenantBySlug } from "./lookup";

export type WorkspaceOverview = {
  slug: string;
  name: string;
  customerCount: number;
  dealCount: number;
};

/** An active workspace's name and counts, or null when there is no such active workspace. */
export const getWorkspaceOverview = cache(async (slug: string): Promise<WorkspaceOverview | null> => {
  if (!isValidSlug(slug)) return null;
  const tenant = await findTenantBySlug(slug);
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const { customerCount, dealCount } = await forTenant(tenant.id).$transaction(async (tx) => ({
    customerCount: await tx.customer.count(),
    dealCount: await tx.deal.count(),
  }));
  return { slug: tenant.slug, name: tenant.name, customerCount, dealCount };
});
