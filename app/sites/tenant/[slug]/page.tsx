import { forbidden, notFound, redirect } from "next/navigation";
import { Stat } from "@/components/stat";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { workspaceAccess } from "@/lib/auth/session";
import { getRequestWorkspace, getWorkspaceOverview, getOnboarding } from "@/lib/tenants/overview";

// Per-request: the workspace comes from the database, never from a cache shared across hosts.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export default async function TenantHome({ params }: Props) {
  // Same (request-cached) resolution as the layout, which renders the 404 and suspension pages.
  const workspace = await getRequestWorkspace((await params).slug);
  if (workspace.kind !== "active") notFound();
  // Members only (threat A1): signed out → this host's sign-in; another workspace's user → 403.
  const access = await workspaceAccess(workspace.tenant);
  if (access.kind === "signed-out") redirect("/sign-in");
  if (access.kind === "forbidden") forbidden();
  const [overview, onboarding] = await Promise.all([getWorkspaceOverview(workspace.tenant), getOnboarding(workspace.tenant, access.user.id)]);
  return (
    <section aria-labelledby="workspace-title">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-indigo-600">Workspace</p>
          <h1 id="workspace-title" className="mt-2 text-4xl font-semibold tracking-tight">
            {overview.name}
          </h1>
          <p className="mt-3 text-zinc-600">Signed in as {access.user.email}</p>
        </div>
        <SignOutButton />
      </div>
      {onboarding.done ? null : (
        <section aria-labelledby="checklist-title" className="mt-10 max-w-xl rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
          <h2 id="checklist-title" className="font-semibold">
            Get started
          </h2>
          <ul className="mt-4 space-y-2 text-sm">
            {onboarding.steps.map((step) => (
              <li key={step.label} className="flex items-center gap-2">
                <span aria-hidden="true">{step.done ? "✓" : "○"}</span>
                <span className={step.done ? "text-zinc-500 line-through" : ""}>{step.label}</span>
                <span className="sr-only">{step.done ? "(done)" : "(to do)"}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <dl className="mt-10 grid max-w-xl gap-6 sm:grid-cols-2">
        <Stat label="Customers" value={overview.customerCount} />
        <Stat label="Deals" value={overview.dealCount} />
      </dl>
    </section>
  );
}
