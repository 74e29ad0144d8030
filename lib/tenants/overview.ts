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

export type OnboardingStep = { key: "verify" | "invite" | "customer"; label: string; done: boolean };
export type Onboarding = { done: boolean; steps: OnboardingStep[] };

/** The onboarding checklist: verify email, invite teammates, add the first customer. */
export async function getOnboarding(tenant: TenantDirectoryEntry, userId: string): Promise<Onboarding> {
  const { verified, members, invitations, customers } = await forTenant(tenant.id).$transaction(async (tx) => ({
    // RLS lets a tenant read the users who are its members; this user is one.
    verified: (await tx.user.findUnique({ where: { id: userId }, select: { emailVerified: true } }))?.emailVerified != null,
    members: await tx.membership.count(),
    invitations: await tx.invitation.count(),
    customers: await tx.customer.count(),
  }));
  const steps: OnboardingStep[] = [
    { key: "verify", label: "Verify your email address", done: verified },
    { key: "invite", label: "Invite your teammates", done: members > 1 || invitations > 0 },
    { key: "customer", label: "Add your first customer", done: customers > 0 },
  ];
  return { done: steps.every((s) => s.done), steps };
}
