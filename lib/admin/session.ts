// Who may use the founder console? THE guard of every admin page, action and route:
// requirePlatformAdmin(). Five states, decided on the server for the request's own host:
//
//   signed-out   no session on the admin host (its own host-only cookie; a tenant host's
//                cookie has another name and is bound to another origin, so it is nothing here)
//   not-admin    a session, but the user is not a platform admin (or this is not the admin host)
//   enroll       a platform admin without a TOTP factor yet: must enroll first
//   verify       a platform admin whose session has not passed TOTP / a recovery code yet
//   admin        all of the above passed: console access
//
// Anything but `admin` gets the admin sign-in page (pages) or an error (actions), never data.
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth";
import { AdminAccessError, resolveAdminState, type AdminState, type AdminUser } from "./access";
import { requestSite } from "@/lib/tenants/request-tenant";

export { AdminAccessError, resolveAdminState, type AdminState, type AdminUser } from "./access";

/** The admin state of this request. Fails closed: any error means signed out. */
export const adminState = cache(async (): Promise<AdminState> => {
  try {
    return await resolveAdminState((await requestSite()).kind, await auth());
  } catch (error) {
    console.error(`[admin] access check failed: ${error instanceof Error ? error.message : String(error)}`);
    return { kind: "signed-out" };
  }
});

/** Pages: the admin user, or a redirect to the admin sign-in page (which shows the next step). */
export async function requirePlatformAdmin(): Promise<AdminUser> {
  const state = await adminState();
  if (state.kind !== "admin") redirect("/sign-in");
  return state.user;
}

/** Server actions and route handlers: the admin user, or AdminAccessError (never a redirect). */
export async function assertPlatformAdmin(): Promise<AdminUser> {
  const state = await adminState();
  if (state.kind !== "admin") throw new AdminAccessError();
  return state.user;
}

/** The audit actor for a founder. */
export const founderActor = (user: AdminUser) => ({ kind: "user" as const, userId: user.id, label: user.email });
