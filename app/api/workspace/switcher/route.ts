// GET /api/workspace/switcher on a tenant host: the signed-in member's OTHER workspaces, for the
// header's switcher (components/workspace-switcher.tsx), fetched when the menu is opened. Not
// rendered into every page on purpose: a workspace's pages then carry only that workspace's
// data (the HTTP isolation tests check exactly that), and the audited cross-tenant read of the
// user's memberships happens only when someone actually wants to switch.
// Each entry links to `<root>/?open=<slug>`: the root issues the handoff (docs/auth.md).
import { NextResponse } from "next/server";
import { workspaceAccess } from "@/lib/auth/session";
import { listUserWorkspaces } from "@/lib/auth/workspaces";
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";
import { requestTenant } from "@/lib/tenants/request-tenant";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

export type SwitcherEntry = { slug: string; name: string; url: string };

export async function GET() {
  const workspace = await requestTenant();
  if (workspace.kind !== "active") return NextResponse.json({ error: "No workspace at this address." }, { status: 404, headers: noStore });
  const access = await workspaceAccess(workspace.tenant);
  if (access.kind === "signed-out") return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  if (access.kind === "forbidden") return NextResponse.json({ error: "You are not a member of this workspace." }, { status: 403, headers: noStore });
  const root = rootOrigin(getHostConfig());
  if (!root) return NextResponse.json({ workspaces: [], all: null }, { headers: noStore });
  const workspaces: SwitcherEntry[] = (await listUserWorkspaces(access.user.id))
    .filter((w) => w.slug !== workspace.tenant.slug && w.status === "ACTIVE")
    .map((w) => ({ slug: w.slug, name: w.name, url: `${root}/?open=${encodeURIComponent(w.slug)}` }));
  return NextResponse.json({ workspaces, all: `${root}/` }, { headers: noStore });
}
