"use server";
// Danger zone: the OWNER deletes the workspace (typed confirmation; lib/workspace/deletion.ts).
// On success the browser goes to the root site's account page, where it can be restored.
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";
import { requestMembers } from "@/lib/members/request";
import { deleteWorkspaceAsOwner } from "@/lib/workspace/deletion";

export type DangerState = { ok: boolean; message: string; redirectTo?: string } | null;

export async function deleteWorkspaceAction(_: DangerState, form: FormData): Promise<DangerState> {
  try {
    const access = await requestMembers();
    if (access.kind === "signed-out") return { ok: false, message: "Your session has ended. Sign in again." };
    if (access.kind !== "member") return { ok: false, message: "You are not a member of this workspace." };
    if (access.user.support) return { ok: false, message: "Support access cannot delete a workspace." };
    const result = await deleteWorkspaceAsOwner({ userId: access.user.id, label: access.user.email }, access.tenant.id, form.get("confirmation"));
    if (!result.ok) return result;
    return { ...result, redirectTo: `${rootOrigin(getHostConfig()) ?? ""}/account?deleted=${encodeURIComponent(access.tenant.slug)}` };
  } catch (error) {
    console.error(`[workspace] delete failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, message: "Something went wrong. Please try again." };
  }
}
