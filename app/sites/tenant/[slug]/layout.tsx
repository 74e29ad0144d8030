import type { Metadata } from "next";
import { headers } from "next/headers";
import { forbidden, notFound, permanentRedirect } from "next/navigation";
import type { ReactNode } from "react";
import { BillingBanner } from "@/components/billing/billing-banner";
import { PageShell } from "@/components/page-shell";
import { SupportBanner } from "@/components/support-banner";
import { SuspendedPanel } from "@/components/suspended-panel";
import { AccentStyle } from "@/components/ui/accent-style";
import { WorkspaceNav } from "@/components/workspace-nav";
import { getRequestWorkspace } from "@/lib/tenants/overview";
import { renamedWorkspaceRedirect } from "@/lib/tenants/slug-redirect";
import { can } from "@/lib/authz/permissions";
import { workspaceAccess } from "@/lib/auth/session";
import { ORIGINAL_PATH_HEADER } from "@/lib/tenants/original-path";
import { getBranding } from "@/lib/workspace/branding";
import { sectionPermission } from "@/lib/workspace/section-guard";

// Per-request for every page of a workspace: no response is shared across hosts.
export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ slug: string }> };

// The slug param comes from the middleware's rewrite and is not trusted: the workspace is
// resolved from the request's own Host header, and a param naming another tenant is a 404.
export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const workspace = await getRequestWorkspace((await params).slug);
  return workspace.kind === "not-found"
    ? { title: "Workspace not found", robots: { index: false } }
    : { title: { default: workspace.tenant.name, template: `%s · ${workspace.tenant.name}` }, robots: { index: false } };
}

export default async function WorkspaceLayout({ children, params }: Props) {
  const workspace = await getRequestWorkspace((await params).slug);
  if (workspace.kind === "not-found") {
    // A renamed workspace's old subdomain, while quarantined: 308 to its new host.
    const moved = await renamedWorkspaceRedirect();
    if (moved) permanentRedirect(moved);
    notFound();
  }
  if (workspace.kind === "suspended") {
    return (
      <PageShell label={workspace.tenant.name}>
        <SuspendedPanel workspaceName={workspace.tenant.name} />
      </PageShell>
    );
  }
  // Sections a member's role may not open: a real 403 decided here, before the streamed page
  // area (see lib/workspace/section-guard.ts). Visitors and non-members are the pages' business.
  const section = sectionPermission((await headers()).get(ORIGINAL_PATH_HEADER));
  if (section) {
    const access = await workspaceAccess(workspace.tenant);
    if (access.kind === "member" && !can(access.role, section.resource, section.action as never)) forbidden();
  }
  const branding = await getBranding(workspace.tenant.id);
  return (
    <PageShell
      label={workspace.tenant.name}
      logo={
        branding.logoUrl ? (
          // A small image from our own route (versioned URL, long cache): no optimizer needed.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={branding.logoUrl} alt={`${workspace.tenant.name} logo`} className="h-8 w-auto max-w-32 rounded object-contain" data-testid="workspace-logo" />
        ) : undefined
      }
      actions={<WorkspaceNav tenant={workspace.tenant} />}
    >
      <AccentStyle color={branding.accentColor} />
      <SupportBanner tenantId={workspace.tenant.id} />
      <BillingBanner slug={workspace.tenant.slug} />
      {children}
    </PageShell>
  );
}
