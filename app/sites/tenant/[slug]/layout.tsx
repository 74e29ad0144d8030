import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { BillingBanner } from "@/components/billing/billing-banner";
import { PageShell } from "@/components/page-shell";
import { SupportBanner } from "@/components/support-banner";
import { SuspendedPanel } from "@/components/suspended-panel";
import { WorkspaceNav } from "@/components/workspace-nav";
import { getRequestWorkspace } from "@/lib/tenants/overview";

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
  if (workspace.kind === "not-found") notFound();
  if (workspace.kind === "suspended") {
    return (
      <PageShell label={workspace.tenant.name}>
        <SuspendedPanel workspaceName={workspace.tenant.name} />
      </PageShell>
    );
  }
  return (
    <PageShell label={workspace.tenant.name} actions={<WorkspaceNav tenant={workspace.tenant} />}>
      <SupportBanner tenantId={workspace.tenant.id} />
      <BillingBanner slug={workspace.tenant.slug} />
      {children}
    </PageShell>
  );
}
