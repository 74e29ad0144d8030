// Auth.js's HTTP endpoints, on every known host (root, workspaces, admin). In route handlers
// req.url carries the server's own address (localhost:PORT), and Auth.js would also honour a
// client-sent X-Forwarded-Host; so the request is rebuilt here with the canonical, configured
// origin of the site its Host header names (threats A4, N3), minus X-Forwarded-Host.
// Unknown hosts get 404.
import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/lib/auth";
import { requestOrigin } from "@/lib/auth/email-provider";

export const dynamic = "force-dynamic";

async function canonical(req: NextRequest): Promise<Request | null> {
  const origin = await requestOrigin();
  if (!origin) return null;
  const incoming = new URL(req.url);
  const headers = new Headers(req.headers);
  headers.delete("x-forwarded-host");
  headers.set("host", new URL(origin).host);
  headers.set("x-forwarded-proto", new URL(origin).protocol.replace(":", ""));
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = await req.arrayBuffer();
  }
  return new Request(new URL(incoming.pathname + incoming.search, origin), init);
}

const notFound = () => NextResponse.json({ error: "Not found." }, { status: 404 });

// Auth.js answers a malformed `callbackUrl` (query parameter or cookie: client input) with its
// generic 500 "server configuration" message. Our configuration is checked at start-up (A6), so
// a 500 from Auth.js here means bad input: answer 400 (found by e2e/fuzz.spec.ts).
async function clientError(response: Response): Promise<Response> {
  if (response.status !== 500) return response;
  return NextResponse.json({ error: "Bad request: the callback URL is not valid." }, { status: 400, headers: { "cache-control": "no-store" } });
}

export async function GET(req: NextRequest) {
  const request = await canonical(req);
  return request ? clientError(await handlers.GET(new NextRequest(request))) : notFound();
}

export async function POST(req: NextRequest) {
  const request = await canonical(req);
  return request ? clientError(await handlers.POST(new NextRequest(request))) : notFound();
}
