"use server";
// Server actions behind the sign-up / sign-in / password forms. Each one re-validates its
// input, is rate-limited, and redirects only to safe targets. Next.js checks Origin against
// Host for every action (N4); Auth.js's own CSRF protection guards its HTTP endpoints.
//
// Why actions RETURN `redirectTo` instead of calling redirect(): for a same-host redirect
// Next.js renders the target inside the action's response by fetching it from its own origin
// (initURL: the root host), with the Host header dropped by fetch — on a workspace host that
// would render the ROOT site's page under the workspace's URL. The client (useRedirect in
// components/auth/use-redirect.ts) does a full navigation instead.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getHostConfig } from "@/lib/config/hosts";
import { createWorkspace } from "@/lib/tenants/create-workspace";
import { requestSite } from "@/lib/tenants/request-tenant";
import { sendEmail } from "@/lib/email";
import { tenantOrigin } from "@/lib/hosts";
import { signIn, signOut } from "./index";
import { configuredOAuthProviders } from "./oauth";
import { issueHandoff } from "./handoff";
import { safeRedirect, safeRelativePath } from "./redirects";
import { currentUser } from "./session";
import { clientIp, hashKey, throttle } from "./throttle";
import { requestPasswordReset, resetPassword, sendVerificationEmail } from "./user-tokens";

export type FormState = { error?: string; notice?: string; fields?: Record<string, string>; redirectTo?: string };

/** A text field of the submitted form. Anything can be posted to an action's id (e.g. a JSON
 *  argument list instead of a form): what is not a FormData counts as an empty form. */
const field = (form: unknown, name: string) => {
  const value = form instanceof FormData ? form.get(name) : null;
  return typeof value === "string" ? value : "";
};

const TOO_MANY = (seconds: number) => `Too many attempts. Please wait ${Math.max(1, Math.ceil(seconds / 60))} minute(s) and try again.`;

const SIGN_IN_FAILED =
  "That email and password do not match an account, or the account is locked for 15 minutes after too many attempts. Check them, or reset your password.";

export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const fields = { workspaceName: field(form, "workspaceName"), subdomain: field(form, "subdomain"), email: field(form, "email") };
  const useLink = field(form, "mode") === "link";
  const limit = await throttle(`signup:ip:${await clientIp()}`, 10, 60 * 60_000);
  if (!limit.ok) return { error: TOO_MANY(limit.retryAfterSeconds), fields };

  const password = useLink ? null : field(form, "password");
  const result = await createWorkspace({ workspaceName: fields.workspaceName, subdomain: fields.subdomain, email: fields.email, password });
  if (!result.ok) return { error: result.message, fields };

  const origin = tenantOrigin(result.slug, getHostConfig());
  try {
    await sendEmail({ to: fields.email, template: "welcome", props: { workspaceName: fields.workspaceName.trim(), url: origin ?? "" } });
    if (!useLink) await sendVerificationEmail(result.userId);
  } catch (error) {
    console.error(`[signup] could not send mail: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (useLink) {
    // No password: the magic link proves the address and signs in on the root host.
    await signIn("email", { email: fields.email, redirect: false, redirectTo: "/" });
    return { notice: `Your workspace is ready. We sent a sign-in link to ${fields.email.trim().toLowerCase()}.` };
  }
  await signIn("credentials", { email: fields.email, password, redirect: false });
  const handoff = await issueHandoff(result.userId, result.slug, "/?welcome=1");
  return { redirectTo: handoff ?? "/" };
}

/**
 * "Create another workspace" for the user signed in on the root host: the same creation as
 * signup (lib/tenants/create-workspace.ts) with the session's user as the owner, then a
 * handoff into the new workspace, signed in.
 */
export async function createWorkspaceAction(_: FormState, form: FormData): Promise<FormState> {
  const fields = { workspaceName: field(form, "workspaceName"), subdomain: field(form, "subdomain") };
  const [user, site] = await Promise.all([currentUser(), requestSite()]);
  if (!user || site.kind !== "root") return { error: "Your session has ended. Sign in again, then create the workspace.", fields };
  if (user.support) return { error: "Support access cannot create workspaces.", fields };
  const limit = await throttle(`create-workspace:user:${user.id}`, 10, 60 * 60_000);
  if (!limit.ok) return { error: TOO_MANY(limit.retryAfterSeconds), fields };

  const result = await createWorkspace({ ...fields, email: user.email, password: null, existingUserId: user.id });
  if (!result.ok) return { error: result.message, fields };
  const origin = tenantOrigin(result.slug, getHostConfig());
  try {
    await sendEmail({ to: user.email, template: "welcome", props: { workspaceName: fields.workspaceName.trim(), url: origin ?? "" } });
  } catch (error) {
    console.error(`[create-workspace] could not send mail: ${error instanceof Error ? error.message : String(error)}`);
  }
  const handoff = await issueHandoff(user.id, result.slug, "/?welcome=1");
  return { redirectTo: handoff ?? "/" };
}

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email").trim().toLowerCase();
  const fields = { email };
  const ip = await clientIp();
  const [perIp, perPair] = await Promise.all([
    throttle(`signin:ip:${ip}`, 50, 15 * 60_000),
    throttle(`signin:ip-email:${ip}:${hashKey(email)}`, 10, 15 * 60_000),
  ]);
  if (!perIp.ok || !perPair.ok) return { error: TOO_MANY(Math.max(perIp.retryAfterSeconds, perPair.retryAfterSeconds)), fields };
  try {
    await signIn("credentials", { email, password: field(form, "password"), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { error: SIGN_IN_FAILED, fields };
    throw error;
  }
  return { redirectTo: safeRedirect(field(form, "callbackUrl"), getHostConfig(), "/") };
}

export async function magicLinkAction(_: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email").trim().toLowerCase();
  const limit = await throttle(`magic-link:email:${hashKey(email)}`, 5, 15 * 60_000);
  const perIp = await throttle(`magic-link:ip:${await clientIp()}`, 20, 15 * 60_000);
  const notice = "If that address has an account, a sign-in link is on its way. It works once, for 15 minutes.";
  if (!limit.ok || !perIp.ok) return { notice, fields: { email } }; // same answer (A7)
  try {
    await signIn("email", { email, redirect: false, redirectTo: safeRedirect(field(form, "callbackUrl"), getHostConfig(), "/") });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  return { notice, fields: { email } };
}

/** `returnTo` (a relative path on this host, e.g. an invitation): where sign-in sends the user back. */
export async function signOutAction(form?: FormData): Promise<FormState> {
  await signOut({ redirect: false });
  const site = await requestSite();
  if (site.kind !== "tenant") return { redirectTo: "/" };
  const back = safeRelativePath(field(form, "returnTo"));
  return { redirectTo: back && back !== "/" ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/sign-in" };
}

export async function forgotPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email").trim().toLowerCase();
  const notice = "If that address has an account, we sent a link to reset the password. It works once, for one hour.";
  const limit = await throttle(`reset:email:${hashKey(email)}`, 5, 60 * 60_000);
  if (limit.ok && email) await requestPasswordReset(email);
  return { notice, fields: { email } };
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const result = await resetPassword(field(form, "token"), field(form, "password"));
  if (!result.ok) return { error: result.message };
  return { redirectTo: "/sign-in?reset=1" };
}

export async function resendVerificationAction(): Promise<FormState> {
  const { currentUser } = await import("./session");
  const user = await currentUser();
  if (!user) return { error: "Please sign in first." };
  const limit = await throttle(`verify:user:${user.id}`, 3, 60 * 60_000);
  if (!limit.ok) return { error: TOO_MANY(limit.retryAfterSeconds) };
  if (!(await sendVerificationEmail(user.id))) return { notice: "Your email address is already verified." };
  return { notice: `We sent a new verification link to ${user.email}. It works once, for 24 hours.` };
}

/** Root host → a workspace, through a one-time handoff. */
export async function openWorkspaceAction(form: FormData): Promise<void> {
  const { currentUser } = await import("./session");
  const slug = field(form, "slug");
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/")}`);
  const url = await issueHandoff(user.id, slug, "/");
  redirect(url ?? "/?error=workspace");
}

/**
 * "Continue with GitHub/Google", on the root host only: an OAuth app registers one callback
 * URL, and wildcard workspace hosts cannot all be registered. The user then opens a workspace
 * through the handoff like any root sign-in.
 */
export async function oauthSignInAction(form: FormData): Promise<void> {
  const provider = field(form, "provider");
  const site = await requestSite();
  if (site.kind !== "root" || !(provider in configuredOAuthProviders())) redirect("/sign-in?error=oauth");
  await signIn(provider, { redirectTo: safeRedirect(field(form, "callbackUrl"), getHostConfig(), "/") });
}
