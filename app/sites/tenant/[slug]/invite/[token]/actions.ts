"use server";
// Accepting an invitation. The workspace comes from the request's host, the user from this
// host's session; the token from the form. The domain call (lib/members/accept.ts) checks the
// invited address, expiry, revocation and single use.
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { forTenant } from "@/lib/db/tenant";
import { acceptInvitation } from "@/lib/members";
import { actionErrorMessage, type ActionState } from "@/lib/members/errors";
import { requestTenant } from "@/lib/tenants/request-tenant";

export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  try {
    const workspace = await requestTenant();
    if (workspace.kind !== "active") return { ok: false, message: "This workspace is not available." };
    const user = await currentUser();
    if (!user) return { ok: false, message: "Sign in with the invited email address to accept." };
    await acceptInvitation({ db: forTenant(workspace.tenant.id), user: { id: user.id, email: user.email } }, form.get("token"));
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error) };
  }
  redirect("/");
}
