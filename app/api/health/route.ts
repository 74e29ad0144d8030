// Liveness and database readiness, for load balancers and the e2e suite. Host-independent.
import { pingDatabase } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(): Promise<Response> {
  if (await pingDatabase(2_000)) {
    return Response.json({ status: "ok", database: "up" }, { status: 200, headers: NO_STORE });
  }
  return Response.json({ status: "degraded", database: "down" }, { status: 503, headers: NO_STORE });
}
