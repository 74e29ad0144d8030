"use server";
// Data export: queue it (OWNER; lib/workspace/export) and kick the worker right after the
// response with after() — the periodic job picks it up too if this process dies first.
import { refresh } from "next/cache";
import { after } from "next/server";
import { ForbiddenError } from "@/lib/authz/permissions";
import { requestMembers } from "@/lib/members/request";
import { SettingsError } from "@/lib/workspace/context";
import { requestDataExport, runDataExport } from "@/lib/workspace/export";

export type ExportActionState = { ok: boolean; message: string } | null;

export async function requestExportAction(): Promise<ExportActionState> {
  try {
    const access = await requestMembers();
    if (access.kind === "signed-out") return { ok: false, message: "Your session has ended. Sign in again." };
    if (access.kind !== "member") return { ok: false, message: "You are not a member of this workspace." };
    const { id } = await requestDataExport({ db: access.ctx.db, actor: access.ctx.actor });
    const tenantId = access.ctx.db.tenantId;
    after(() => runDataExport(tenantId, id).then(() => undefined, (e: unknown) => console.error(`[export] kick failed: ${String(e)}`)));
    refresh();
    return { ok: true, message: "Export started. It appears below when it is ready." };
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof SettingsError) return { ok: false, message: error.message };
    console.error(`[export] request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, message: "Something went wrong. Please try again." };
  }
}
