// GET /settings/data/exports/<id>: the archive of one export of THIS host's workspace, for its
// owners only (role read on the server; the tenant-bound client makes another workspace's id
// "not found"), until it expires.
import { NextResponse } from "next/server";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { requestMembers } from "@/lib/members/request";
import { exportArchive } from "@/lib/workspace/export";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) => new NextResponse(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(_: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const access = await requestMembers(slug);
  if (access.kind === "unavailable") return text(404, "Not found.");
  if (access.kind === "signed-out") return text(401, "Sign in to download this export.");
  if (access.kind === "forbidden") return text(403, "You are not a member of this workspace.");
  const ctx = { db: access.ctx.db, actor: access.ctx.actor };
  if (!can(ctx.actor.role, "workspace", "export")) return text(403, forbiddenMessage("workspace", "export"));
  const archive = await exportArchive(ctx, id);
  if (!archive) return text(404, "This export does not exist or has expired.");
  const day = archive.createdAt.toISOString().slice(0, 10);
  return new NextResponse(archive.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${slug}-export-${day}.zip"`,
      "content-length": String(archive.bytes.byteLength),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
