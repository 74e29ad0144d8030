// GET /api/workspace on a tenant host: the workspace's summary, for its members only. The
// tenant is resolved from the Host header here, in the handler (the middleware does not touch
// /api/*); a suspended workspace answers 403, no session 401, a non-member 403 (threat A1).
import { NextResponse } from "next/server";
import { workspaceAccess } from "@/lib/auth/session";
import { requestTenant } from "@/lib/tenants/request-tenant";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

export async function GET() {
  const workspace = await requestTenant();
  if (workspace.kind === "not-found") {
    return NextResponse.json({ error: "No workspace at this address." }, { status: 404, headers: noStore });
  }
  if (workspace.kind === "suspended") {
    return NextResponse.json({ error: "This workspace is suspended." }, { status: 403, headers: noStore });
  }
  const access = await workspaceAccess(workspace.tenant);
  if (access.kind === "signed-out") return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  if (access.kind === "forbidden") {
    return NextResponse.json({ error: "You are not a member of this workspace." }, { status: 403, headers: noStore });
  }
  const { slug, name } = workspace.tenant;
  return NextResponse.json({ workspace: { slug, name }, role: access.role }, { headers: noStore });
}
