import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PageShell } from "@/components/page-shell";
import { getWorkspaceOverview } from "@/lib/tenants/overview";

// Per-request for every page of a workspace: no response is shared across hosts.
export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ slug: string }> };

// The slug is a route param set by the middleware; it is re-validated (getWorkspaceOverview
// rejects invalid slugs) rather than trusted, since the internal route could be reached
// some other way. No such active workspace → ../not-found.tsx, for every path on the host.
export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const workspace = await getWorkspaceOverview((await params).slug);
  return workspace ? { title: { default: workspace.name, template: `%s · ${workspace.name}` } } : { title: "Workspace not found", robots: { index: false } };
}

export default async function WorkspaceLayout({ children, params }: Props) {
  const workspace = await getWorkspaceOverview((await params).slug);
  if (!workspace) notFound();
  return <PageShell label={workspace.name}>{children}</PageShell>;
}
