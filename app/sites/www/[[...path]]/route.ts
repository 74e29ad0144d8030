// www.<root> → 308 to the bare root, same path and query. The middleware rewrites every
// www request here rather than redirecting itself: Next.js turns a middleware redirect whose
// origin equals the server's own URL (http://localhost:PORT, our development root) into a
// relative Location, which on www.localhost would redirect to itself forever. Route-handler
// responses are sent as they are.
import { type NextRequest, NextResponse } from "next/server";
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path?: string[] }> };

async function redirectToRoot(request: NextRequest, { params }: Context) {
  const origin = rootOrigin(getHostConfig());
  if (!origin) return new NextResponse(null, { status: 404 });
  // Built from configuration: only the path and query come from the request.
  const { path = [] } = await params;
  const target = new URL(origin);
  target.pathname = `/${path.map(encodeURIComponent).join("/")}`;
  target.search = request.nextUrl.search;
  return new NextResponse(null, { status: 308, headers: { location: target.toString() } });
}

export {
  redirectToRoot as GET,
  redirectToRoot as HEAD,
  redirectToRoot as POST,
  redirectToRoot as PUT,
  redirectToRoot as PATCH,
  redirectToRoot as DELETE,
  redirectToRoot as OPTIONS,
};
