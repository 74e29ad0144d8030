// GET /api/subdomains/check?name=acme → { name, available, reason?, suggestions? }
// For the signup form's live check (root host). 400 for missing or overlong input, 429 when
// rate-limited, never a 500 (a failure answers 503 with a message).
import { NextResponse, type NextRequest } from "next/server";
import { clientIp, throttle } from "@/lib/auth/throttle";
import { checkSubdomain } from "@/lib/tenants/subdomain-check";
import { SUBDOMAIN_INPUT_MAX } from "@/lib/tenants/subdomain-rules";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export async function GET(req: NextRequest) {
  try {
    const name = req.nextUrl.searchParams.get("name");
    if (name === null || name.trim() === "") {
      return NextResponse.json({ error: "Add the subdomain to check: ?name=acme" }, { status: 400, headers: noStore });
    }
    if (name.length > SUBDOMAIN_INPUT_MAX) {
      return NextResponse.json({ error: `The name is too long (at most ${SUBDOMAIN_INPUT_MAX} characters).` }, { status: 400, headers: noStore });
    }
    const limit = await throttle(`subdomain-check:ip:${await clientIp()}`, 120, 60_000);
    if (!limit.ok) {
      return NextResponse.json(
        { error: "Too many checks. Please wait a moment and try again." },
        { status: 429, headers: { ...noStore, "Retry-After": String(limit.retryAfterSeconds) } },
      );
    }
    return NextResponse.json(await checkSubdomain(name), { headers: noStore });
  } catch (error) {
    console.error(`[subdomains] check failed: ${error instanceof Error ? error.message : String(error)}`);
    return NextResponse.json({ error: "Could not check the name right now. Please try again." }, { status: 503, headers: noStore });
  }
}
