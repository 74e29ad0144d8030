// GET /api/workspace on a tenant host: the workspace's public summary. The tenant is resolved
// from the Host header here, in the handler (the middleware does not touch /api/*); a
// suspended workspace answers 403. Membership checks arrive with sign-in (issue 4), and then
// this route returns member-only data.
import { NextResponse } from "next/server";
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
  const { slug, name } = workspace.tenant;
  return NextResponse.json({ workspace: { slug, name } }, { headers: noStore });
}
