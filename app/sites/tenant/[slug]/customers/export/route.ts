// GET /customers/export?q=&kind=&status=&sort=: the customers list as CSV, with the list's own
// search and filters, streamed. Owners and admins (export:create: bulk export is not for
// members or viewers, docs/roles.md); audited as customer.export.
import { NextResponse } from "next/server";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { customerCsvStream } from "@/lib/crm/csv-export";
import { requestMembers } from "@/lib/members/request";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) => new NextResponse(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await requestMembers(slug);
  if (access.kind === "unavailable") return text(404, "Not found.");
  if (access.kind === "signed-out") return text(401, "Sign in to export customers.");
  if (access.kind === "forbidden") return text(403, "You are not a member of this workspace.");
  const { db, actor } = access.ctx;
  if (!can(actor.role, "export", "create")) return text(403, forbiddenMessage("export", "create"));

  const sp = new URL(request.url).searchParams;
  const query = { q: sp.get("q") ?? undefined, kind: sp.get("kind") ?? undefined, status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined };
  await db.auditLog.create({
    data: { tenantId: db.tenantId, actorId: actor.userId, actorLabel: actor.label, action: "customer.export", targetType: "customer", data: { query } },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new NextResponse(customerCsvStream({ db, actor }, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${slug}-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
