// GET /api/workspace/logo?v=<logoUpdatedAt ms> on a workspace host (subdomain or verified
// custom domain): the workspace's logo. Public like the workspace name beside it in the header
// (shown on the sign-in page too). The tenant comes from the Host header (requestTenant), so
// every cache key — browser or shared — includes the tenant's host; the ETag names the tenant
// and version too. A current `v` is immutable for a year; any other `v` is served revalidated.
// The bytes were sniffed at upload (PNG/JPEG/WebP only, never SVG) and are sent with nosniff
// and a sandboxing CSP, so the response cannot become a document that runs script.
import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { forTenant } from "@/lib/db/tenant";
import { requestTenant } from "@/lib/tenants/request-tenant";
import { isLogoContentType } from "@/lib/workspace/logo";

export const dynamic = "force-dynamic";

const SAFE = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const notFound = () => new NextResponse("Not found.\n", { status: 404, headers: { ...SAFE, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(req: NextRequest) {
  const workspace = await requestTenant();
  if (workspace.kind !== "active") return notFound();
  const row = await forTenant(workspace.tenant.id).tenant.findFirst({ select: { logo: true, logoContentType: true, logoUpdatedAt: true } });
  if (!row?.logo || !row.logoUpdatedAt || !isLogoContentType(row.logoContentType)) return notFound();
  const version = String(row.logoUpdatedAt.getTime());
  const etag = `"${crypto.createHash("sha256").update(`${workspace.tenant.id}:${version}`).digest("base64url").slice(0, 27)}"`;
  const current = req.nextUrl.searchParams.get("v") === version;
  const headers = {
    ...SAFE,
    "Content-Type": row.logoContentType,
    "Content-Disposition": "inline",
    ETag: etag,
    "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
  };
  if (req.headers.get("if-none-match") === etag) return new NextResponse(null, { status: 304, headers });
  return new NextResponse(new Uint8Array(row.logo), { headers: { ...headers, "Content-Length": String(row.logo.byteLength) } });
}
