"use server";
// Accepting an invitation. The workspace comes from the request's host, the user from this
// host's session (or, for a new user, the account created here); the token from the form. The
// domain calls (lib/members/accept.ts, lib/members/new-user.ts) check the invited address,
// expiry, revocation and single use.
//
// Like lib/auth/actions.ts these RETURN `redirectTo` (a full navigation in the browser) instead
// of calling redirect(): a same-host redirect from an action on a workspace host would render
// the wrong site (see the header of lib/auth/actions.ts).
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { currentUser } from "@/lib/auth/session";
import { clientIp, throttle } from "@/lib/auth/throttle";
import { forTenant } from "@/lib/db/tenant";
import { acceptInvitation, acceptInvitationAsNewUser } from "@/lib/members";
import { actionErrorMessage } from "@/lib/members/errors";
import { requestTenant } from "@/lib/tenants/request-tenant";

export type AcceptState = { ok: boolean; message: string; redirectTo?: string } | null;

const UNAVAILABLE: AcceptState = { ok: false, message: "This workspace is not available." };

export async function acceptInvitationAction(_: AcceptState, form: FormData): Promise<AcceptState> {
  try {
    const workspace = await requestTenant();
    if (workspace.kind !== "active") return UNAVAILABLE;
    const user = await currentUser();
    if (!user) return { ok: false, message: "Sign in with the invited email address to accept." };
    await acceptInvitation({ db: forTenant(workspace.tenant.id), user: { id: user.id, email: user.email } }, form.get("token"));
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error) };
  }
  return { ok: true, message: "Welcome aboard.", redirectTo: "/" };
}

/** A new user: creates the account for the invited address, joins, and signs in on this host. */
export async function createAccountAndAcceptAction(_: AcceptState, form: FormData): Promise<AcceptState> {
  const password = form.get("password");
  let email: string;
  try {
    const workspace = await requestTenant();
    if (workspace.kind !== "active") return UNAVAILABLE;
    const limit = await throttle(`invite-signup:ip:${await clientIp()}`, 10, 60 * 60_000);
    if (!limit.ok) return { ok: false, message: `Too many attempts. Please wait ${Math.max(1, Math.ceil(limit.retryAfterSeconds / 60))} minute(s) and try again.` };
    const result = await acceptInvitationAsNewUser({ tenantId: workspace.tenant.id }, form.get("token"), { name: form.get("name"), password });
    email = result.email;
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error) };
  }
  try {
    // The same credentials sign-in as the sign-in form: this host's own session cookie.
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return { ok: true, message: "Your account is ready. Sign in to continue.", redirectTo: "/sign-in" };
  }
  return { ok: true, message: "Welcome aboard.", redirectTo: "/" };
}
