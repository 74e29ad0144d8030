// GET /api/bench/baseline: the benchmark's "same route without the tenancy layer" (bench/,
// docs/performance.md, scenario 3). It does what GET /api/workspace does minus tenancy — the
// session is read the same way and one database round trip is made — but no Host → tenant
// resolution, no directory lookup and no tenant-bound transaction (app_set_tenant + RLS).
// Exists only when the server was started with TENANTRY_BENCH=1 (bench/run.mjs does that);
// otherwise a 404 like any unknown path. Answers nothing about any tenant.
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { basePrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

export async function GET() {
  if (process.env.TENANTRY_BENCH !== "1") return new NextResponse(null, { status: 404, headers: noStore });
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  // One round trip, like the membership read in /api/workspace, but outside any transaction.
  const [row] = await basePrisma.$queryRaw<{ role: string }[]>`SELECT 'OWNER'::text AS role`;
  return NextResponse.json({ workspace: { slug: "baseline", name: "Baseline" }, role: row?.role ?? null }, { headers: noStore });
}
