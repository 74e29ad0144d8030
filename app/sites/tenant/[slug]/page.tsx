import { notFound } from "next/navigation";
import { Stat } from "@/components/stat";
import { getWorkspaceOverview } from "@/lib/tenants/overview";

// Per-request: the workspace comes from the database, never from a cache shared across hosts.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export default async function TenantHome({ params }: Props) {
  // Same (request-cached) read as the layout, which already 404s an unknown workspace.
  const workspace = await getWorkspaceOverview((await params).slug);
  if (!workspace) notFound();
  return (
    <section aria-labelledby="workspace-title">
      <p className="text-sm font-semibold text-indigo-600">Workspace</p>
      <h1 id="workspace-title" className="mt-2 text-4xl font-semibold tracking-tight">
        {workspace.name}
      </h1>
      <p className="mt-3 text-zinc-600">Your workspace is ready. Customers, deals and notes will appear here.</p>
      <dl className="mt-10 grid max-w-xl gap-6 sm:grid-cols-2">
        <Stat label="Customers" value={workspace.customerCount} />
        <Stat label="Deals" value={workspace.dealCount} />
      </dl>
    </section>
  );
}
