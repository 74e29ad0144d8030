// POST /customers/import/rows: the import page's preview and import calls. A route handler
// rather than a server action because 10,000 rows exceed a server action's 1 MB body limit.
// The middleware already refused a cross-origin POST (N4); here: the host's own workspace, the
// session's membership, and lib/crm/csv-import.ts re-validates everything.
import { NextResponse } from "next/server";
import { z } from "zod";
import { CsvImportError, importCustomers, previewCustomerImport } from "@/lib/crm/csv-import";
import { crmFailure } from "@/lib/crm/errors";
import { requestMembers } from "@/lib/members/request";

export const dynamic = "force-dynamic";

/** Rows as JSON are somewhat larger than the 5 MB file they came from. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;
const bodySchema = z.object({ mode: z.enum(["preview", "import"]), rows: z.unknown() });

const json = (status: number, body: object) => NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") return json(404, { ok: false, message: "Not found." });
  if (access.kind === "signed-out") return json(401, { ok: false, message: "Your session has ended. Sign in again." });
  if (access.kind === "forbidden") return json(403, { ok: false, message: "You are not a member of this workspace." });

  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return json(413, { ok: false, message: "Too much data at once." });
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return json(413, { ok: false, message: "Too much data at once." });
  let body: z.infer<typeof bodySchema>;
  try {
    body = bodySchema.parse(JSON.parse(text));
  } catch {
    return json(400, { ok: false, message: "The request could not be read." });
  }

  const ctx = { db: access.ctx.db, actor: access.ctx.actor };
  try {
    if (body.mode === "preview") return json(200, { ok: true, check: await previewCustomerImport(ctx, body.rows) });
    const { imported } = await importCustomers(ctx, body.rows);
    return json(200, { ok: true, imported, message: `Imported ${imported.toLocaleString("en")} ${imported === 1 ? "customer" : "customers"}.` });
  } catch (error) {
    if (error instanceof CsvImportError) return json(422, { ok: false, message: error.message, check: error.check });
    const { message } = crmFailure(error);
    return json(error instanceof Error && error.name === "ForbiddenError" ? 403 : 422, { ok: false, message });
  }
}
