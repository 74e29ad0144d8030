"use server";
// Server actions of the members screen. Each one resolves the workspace from the request's
// host, re-checks the session's membership (lib/members/request.ts), validates its input with
// zod and checks the permission map inside the domain call (lib/members/). Failures come back
// as messages for the form, never as a 500.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";
import {
  changeMemberRole,
  inviteMember,
  leaveWorkspace,
  removeMember,
  resendInvitation,
  revokeInvitation,
  transferOwnership,
  MembersError,
  type MembersContext,
} from "@/lib/members";
import { actionErrorMessage, type ActionState } from "@/lib/members/errors";
import { requestMembers } from "@/lib/members/request";
import { rateLimit } from "@/lib/rate-limit";
import { formStrings } from "@/lib/ui/form-strings";

async function run(work: (ctx: MembersContext, tenantId: string) => Promise<string>): Promise<ActionState> {
  try {
    const access = await requestMembers();
    if (access.kind === "signed-out") return { ok: false, message: "Your session has ended. Sign in again." };
    if (access.kind !== "member") return { ok: false, message: "You are not a member of this workspace." };
    const message = await work(access.ctx, access.tenant.id);
    refresh();
    return { ok: true, message };
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error) };
  }
}

/** Invitation mail is the abuse vector here: at most 50 invitation emails per workspace per hour. */
async function mailBudget(tenantId: string): Promise<string | null> {
  const limit = await rateLimit({ key: `invite:tenant:${tenantId}`, limit: 50, windowMs: 60 * 60 * 1000 });
  return limit.ok ? null : `Too many invitations sent. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`;
}

export async function inviteAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await run(async (ctx, tenantId) => {
    const refused = await mailBudget(tenantId);
    if (refused) throw new MembersError("rate-limited", refused);
    const invitation = await inviteMember(ctx, { email: form.get("email"), role: form.get("role") });
    return `Invitation sent to ${invitation.email}.`;
  });
  // Refused (already a member, seat limit, bad address…): the typed address and role stay.
  if (state && !state.ok) state.values = formStrings(form, ["email", "role"]);
  return state;
}

export async function resendInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (ctx, tenantId) => {
    const refused = await mailBudget(tenantId);
    if (refused) throw new MembersError("rate-limited", refused);
    const invitation = await resendInvitation(ctx, { invitationId: form.get("invitationId") });
    return `Invitation sent to ${invitation.email} again.`;
  });
}

export async function revokeInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (ctx) => {
    await revokeInvitation(ctx, { invitationId: form.get("invitationId") });
    return "Invitation revoked.";
  });
}

export async function changeRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (ctx) => {
    await changeMemberRole(ctx, { membershipId: form.get("membershipId"), role: form.get("role") });
    return "Role updated.";
  });
}

export async function removeMemberAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (ctx) => {
    await removeMember(ctx, { membershipId: form.get("membershipId") });
    return "Member removed.";
  });
}

export async function transferOwnershipAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (ctx) => {
    await transferOwnership(ctx, { membershipId: form.get("membershipId") });
    return "Ownership transferred. You are now an admin.";
  });
}

export async function leaveAction(): Promise<ActionState> {
  const result = await run(async (ctx) => {
    await leaveWorkspace(ctx);
    return "You left the workspace.";
  });
  if (result?.ok) redirect(rootOrigin(getHostConfig()) ?? "/");
  return result;
}
