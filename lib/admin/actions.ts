"use server";
// Server actions of the founder console (admin host). Every one checks the host and the
// guard itself (assertPlatformAdmin / the sign-in state), re-validates its input, and RETURNS
// `redirectTo` for a full navigation instead of calling redirect() (see lib/auth/actions.ts).
import { AuthError } from "next-auth";
import { signIn, signOut, unstable_update } from "@/lib/auth";
import { createMfaProof } from "@/lib/auth/mfa-proof";
import { clientIp, hashKey, throttle } from "@/lib/auth/throttle";
import { getHostConfig } from "@/lib/config/hosts";
import { adminOrigin } from "@/lib/hosts";
import { crossTenant } from "@/lib/db/cross-tenant";
import { requestSite } from "@/lib/tenants/request-tenant";
import { adminState, AdminAccessError, assertPlatformAdmin, founderActor } from "./session";
import { bootstrapPlatformAdmin, confirmTotpEnrollment, verifySecondFactor } from "./mfa";
import { changeTenantStatus } from "./tenants";
import { setUserLock } from "./users";
import { endSupportSession, startSupportAccess, widenSupportSession } from "./support";
import { resetOtherFoundersFactor } from "./mfa-reset";
import { deleteWorkspace, extendTrial, restoreWorkspace, setPlanOverrides } from "./tenant-actions";

export type AdminFormState = { error?: string; notice?: string; redirectTo?: string; recoveryCodes?: string[] };

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const SIGN_IN_FAILED = "That email and password do not match an account, or the account is locked for 15 minutes after too many attempts.";
const NOT_HERE: AdminFormState = { error: "Not available on this host." };

async function onAdminHost(): Promise<boolean> {
  return (await requestSite()).kind === "admin";
}

export async function adminSignInAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  if (!(await onAdminHost())) return NOT_HERE;
  const email = field(form, "email").trim().toLowerCase();
  const ip = await clientIp();
  const [perIp, perPair] = await Promise.all([
    throttle(`admin-signin:ip:${ip}`, 30, 15 * 60_000),
    throttle(`admin-signin:ip-email:${ip}:${hashKey(email)}`, 10, 15 * 60_000),
  ]);
  if (!perIp.ok || !perPair.ok) return { error: "Too many attempts. Please wait and try again." };
  try {
    await signIn("credentials", { email, password: field(form, "password"), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { error: SIGN_IN_FAILED };
    throw error;
  }
  // The session exists now; FOUNDER_EMAILS may promote this user (verified email only, audited).
  const state = await adminStateAfterSignIn(email);
  return { redirectTo: state ? "/sign-in" : "/sign-in?denied=1" };
}

async function adminStateAfterSignIn(email: string): Promise<boolean> {
  const user = await crossTenant(
    { actor: { kind: "system", label: "admin-sign-in" }, action: "admin.signin.user", reason: "admin sign-in resolves the signed-in user" },
    (tx) => tx.user.findUnique({ where: { email }, select: { id: true } }),
  );
  return user ? bootstrapPlatformAdmin(user.id) : false;
}

async function markSessionVerified(userId: string): Promise<void> {
  const origin = adminOrigin(getHostConfig());
  if (!origin) throw new AdminAccessError();
  await unstable_update(createMfaProof(userId, origin) as never);
}

export async function enrollTotpAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  if (!(await onAdminHost())) return NOT_HERE;
  const state = await adminState();
  if (state.kind !== "enroll") return { error: "Sign in as a platform admin first.", redirectTo: "/sign-in" };
  const limit = await throttle(`admin-totp:${state.user.id}`, 10, 15 * 60_000);
  if (!limit.ok) return { error: "Too many attempts. Please wait and try again." };
  const codes = await confirmTotpEnrollment(state.user.id, field(form, "code"));
  if (!codes) return { error: "That code did not match. Check the time on your device and enter the current code." };
  await markSessionVerified(state.user.id);
  return { recoveryCodes: codes, notice: "Two-factor authentication is on." };
}

export async function verifyTotpAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  if (!(await onAdminHost())) return NOT_HERE;
  const state = await adminState();
  if (state.kind === "admin") return { redirectTo: "/" };
  if (state.kind !== "verify") return { error: "Sign in as a platform admin first.", redirectTo: "/sign-in" };
  const limit = await throttle(`admin-totp:${state.user.id}`, 10, 15 * 60_000);
  if (!limit.ok) return { error: "Too many attempts. Please wait and try again." };
  const how = await verifySecondFactor(state.user.id, field(form, "code"));
  if (!how) return { error: "That code did not work. Enter the current code from your app, or a recovery code." };
  await markSessionVerified(state.user.id);
  return { redirectTo: "/" };
}

export async function adminSignOutAction(): Promise<AdminFormState> {
  await signOut({ redirect: false });
  return { redirectTo: "/sign-in" };
}

export async function tenantStatusAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  if (!(await onAdminHost())) return NOT_HERE;
  let user;
  try {
    user = await assertPlatformAdmin();
  } catch (error) {
    if (error instanceof AdminAccessError) return { error: error.message, redirectTo: "/sign-in" };
    throw error;
  }
  const tenantId = field(form, "tenantId");
  const change = field(form, "change");
  if (!/^[0-9a-f-]{36}$/i.test(tenantId) || (change !== "suspend" && change !== "reactivate")) return { error: "Invalid request." };
  const result = await changeTenantStatus(founderActor(user), tenantId, change, field(form, "reason"));
  if (!result.ok) return { error: result.error };
  return { redirectTo: `/tenants/${tenantId}?done=${change}` };
}

async function adminOr(): Promise<{ user: Awaited<ReturnType<typeof assertPlatformAdmin>> } | { state: AdminFormState }> {
  if (!(await onAdminHost())) return { state: NOT_HERE };
  try {
    return { user: await assertPlatformAdmin() };
  } catch (error) {
    if (error instanceof AdminAccessError) return { state: { error: error.message, redirectTo: "/sign-in" } };
    throw error;
  }
}

/** Extend trial / plan overrides / delete / restore, chosen by the form's `op`. */
export async function tenantAdminAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const who = await adminOr();
  if ("state" in who) return who.state;
  const actor = founderActor(who.user);
  const tenantId = field(form, "tenantId");
  if (!/^[0-9a-f-]{36}$/i.test(tenantId)) return { error: "Invalid request." };
  const reason = field(form, "reason");
  const op = field(form, "op");
  let result: { ok: true } | { ok: false; error: string };
  if (op === "trial") {
    result = await extendTrial(actor, tenantId, Number(field(form, "days")), reason);
  } else if (op === "overrides") {
    let raw: unknown;
    try {
      raw = JSON.parse(field(form, "overrides").trim() || "{}");
    } catch {
      return { error: "Overrides must be JSON, e.g. {\"limits\":{\"seats\":20}}." };
    }
    result = await setPlanOverrides(actor, tenantId, raw, reason);
  } else if (op === "delete") {
    if (field(form, "confirm").trim().toLowerCase() !== field(form, "slug").toLowerCase() || !field(form, "slug")) {
      return { error: "Type the workspace's subdomain to confirm." };
    }
    result = await deleteWorkspace(actor, tenantId, reason);
  } else if (op === "restore") {
    result = await restoreWorkspace(actor, tenantId, reason);
  } else {
    return { error: "Invalid request." };
  }
  if (!result.ok) return { error: result.error };
  return { redirectTo: `/tenants/${tenantId}?done=${op}` };
}

export async function userLockAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const who = await adminOr();
  if ("state" in who) return who.state;
  const userId = field(form, "userId");
  const lock = field(form, "lock") === "1";
  const result = await setUserLock(founderActor(who.user), userId, lock, field(form, "reason"));
  if (!result.ok) return { error: result.error };
  const q = field(form, "q");
  return { redirectTo: `/users?${new URLSearchParams({ ...(q ? { q } : {}), done: lock ? "lock" : "unlock" }).toString()}` };
}

/** Starts read-only support access: the answer is the workspace host's single-use ticket URL. */
export async function supportAccessAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const who = await adminOr();
  if ("state" in who) return who.state;
  const result = await startSupportAccess(founderActor(who.user), field(form, "tenantId"), field(form, "reason"));
  if (!result.ok) return { error: result.error };
  return { redirectTo: result.url };
}

/** Ends a support session now, or widens it to read-write (a typed reason is required). */
export async function supportSessionAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const who = await adminOr();
  if ("state" in who) return who.state;
  const actor = founderActor(who.user);
  const tenantId = field(form, "tenantId");
  const sessionId = field(form, "sessionId");
  const op = field(form, "op");
  if (!/^[0-9a-f-]{36}$/i.test(tenantId) || !/^[0-9a-f-]{36}$/i.test(sessionId)) return { error: "Invalid request." };
  let result;
  if (op === "widen") result = await widenSupportSession(actor, tenantId, sessionId, field(form, "reason"));
  else if (op === "end") result = await endSupportSession(actor, tenantId, sessionId, field(form, "reason"));
  else return { error: "Invalid request." };
  if (!result.ok) return { error: result.error };
  return { redirectTo: `/tenants/${tenantId}?done=support-${op}` };
}

/** Resets ANOTHER founder's second factor; the acting founder proves presence with a fresh TOTP code. */
export async function mfaResetAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const who = await adminOr();
  if ("state" in who) return who.state;
  const limit = await throttle(`admin-totp:${who.user.id}`, 10, 15 * 60_000);
  if (!limit.ok) return { error: "Too many attempts. Please wait and try again." };
  const result = await resetOtherFoundersFactor(founderActor(who.user), field(form, "userId"), field(form, "code"), field(form, "reason"));
  if (!result.ok) return { error: result.error };
  const q = field(form, "q");
  return { redirectTo: `/users?${new URLSearchParams({ ...(q ? { q } : {}), done: "mfa-reset" }).toString()}` };
}
