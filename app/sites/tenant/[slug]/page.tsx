import { notFound } from "next/navigation";
import { Stat } from "@/components/stat";
import { getRequestWorkspace, getWorkspaceOverview } from "@/lib/tenants/overview";

// Per-request: the workspace comes from the database, never from a cache shared across hosts.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export default async function TenantHome({ params }: Props) {
  // Same (request-cached) resolution as the layout, which renders the 404 and suspension pages.
  const workspace = await getRequestWorkspace((await params).slug);
  if (workspace.kind !== "active") notFound();
  const overview = await getWorkspaceOverview(workspace.tenant);
  return (
    <section aria-labelledby="workspace-title">
      <p className="text-sm font-semibold text-indigo-600">Workspace</p>
      <h1 id="workspace-title" className="mt-2 text-4xl font-semibold tracking-tight">
        {overview.name}
      </h1>
      <p className="mt-3 text-zinc-600">Your workspace is ready. Customers, deals and notes will appear here.</p>
      <dl className="mt-10 grid max-w-xl gap-6 sm:grid-cols-2">
        <Stat label="Customers" value={overview.customerCount} />
        <Stat label="Deals" value={overview.dealCount} />
      </dl>
    </section>
  );
}
