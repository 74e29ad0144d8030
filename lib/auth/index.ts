// Auth.js v5 for every host of the app. See docs/auth.md.
//
// - Sessions are JWTs in a HOST-ONLY cookie (no Domain attribute, threat A2): each host — the
//   root, every workspace, the admin console — has its own session. A sign-in travels from the
//   root to a workspace only through a one-time handoff token (./handoff.ts).
// - The token carries the user id and the user's sessionVersion; every read re-checks the
//   version (cached 5 s), so bumping it ends all of the user's sessions.
// - Callback URLs: the route handler (app/api/auth/[...nextauth]/route.ts) rebuilds the request
//   URL from the canonical host, and server-side sign-ins redirect themselves; the redirect
//   callback accepts only our own hosts (./redirects.ts, threat A3).
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";
import { authSecret, oauthApps } from "@/lib/config/auth";
import { getHostConfig } from "@/lib/config/hosts";
import { adminOrigin, rootOrigin } from "@/lib/hosts";
import { requestSite } from "@/lib/tenants/request-tenant";
import { checkPassword } from "./lockout";
import { redeemHandoff, type SupportClaim } from "./handoff";
import { safeRedirect } from "./redirects";
import { currentSessionVersion, sessionIsCurrent, signInAllowed } from "./session-version";
import { verifyMfaProof } from "./mfa-proof";
import { emailProvider, platformAdapter, requestOrigin } from "./email-provider";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    /** Set by a support-access ticket only (./handoff.ts). */
    support?: SupportClaim;
  }
  interface Session {
    user: { id: string; email: string; name?: string | null };
    /** Admin host only: the second factor was verified in this session (./mfa-proof.ts). */
    mfa?: boolean;
    /** Workspace host only: a platform admin's read-only support access (docs/admin.md). */
    support?: SupportClaim;
  }
}

function supportClaimOf(value: unknown): SupportClaim | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.adminUserId !== "string" || typeof v.tenantId !== "string" || typeof v.sessionId !== "string" || typeof v.expiresAt !== "string" || v.mode !== "read-only") return undefined;
  return { adminUserId: v.adminUserId, tenantId: v.tenantId, sessionId: v.sessionId, expiresAt: v.expiresAt, mode: "read-only" };
}

/** Secure cookies when the configured root is https (production); plain on http localhost. */
function secureCookies(): boolean {
  return (rootOrigin(getHostConfig()) ?? "").startsWith("https:");
}

export const SESSION_COOKIE = "tenantry.session";
/** The founder console's own session cookie (`__Host-` prefixed when the admin origin is https). */
export const ADMIN_SESSION_COOKIE = "tenantry.admin-session";

/** Is this request for the admin host? (false outside a request, e.g. at build time) */
async function onAdminHost(): Promise<boolean> {
  try {
    return (await requestSite()).kind === "admin";
  } catch {
    return false;
  }
}

async function config(): Promise<NextAuthConfig> {
  // The admin host has its own cookie names: `__Host-` when its origin is https (Secure, Path=/,
  // no Domain — the browser enforces host-only), plain host-only names on http dev hosts.
  const admin = await onAdminHost();
  const secure = admin ? (adminOrigin(getHostConfig()) ?? "").startsWith("https:") : secureCookies();
  const prefix = admin ? (secure ? "__Host-" : "") : secure ? "__Secure-" : "";
  const cookie = (name: string) => ({
    name: `${prefix}${admin ? name.replace(/^tenantry\./, "tenantry.admin-") : name}`,
    // No `domain`: host-only, so one host's session never reaches another (threat A2).
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  });
  const apps = oauthApps();
  const providers: Provider[] = [
    Credentials({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const user = await checkPassword(email, password);
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
      },
    }),
    Credentials({
      id: "handoff",
      name: "Workspace handoff",
      credentials: { token: { type: "text" } },
      async authorize(credentials) {
        const token = typeof credentials?.token === "string" ? credentials.token : "";
        const user = await redeemHandoff(token);
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, ...(user.support ? { support: user.support } : {}) } : null;
      },
    }),
    emailProvider(),
  ];
  if (apps.github) providers.push(GitHub(apps.github));
  if (apps.google) providers.push(Google(apps.google));

  return {
    secret: authSecret(),
    // Our route handler rebuilds the request URL from the canonical, configured host.
    trustHost: true,
    // A wrong password is not a server error: keep the log for real problems.
    logger: {
      error(error) {
        // `type`, not `name`: class names are minified in production builds.
        const type = (error as { type?: string }).type ?? error.name;
        if (type !== "CredentialsSignin" && type !== "Verification") console.error(`[auth] ${type}: ${error.message}`);
      },
    },
    adapter: platformAdapter(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    providers,
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in?check-email=1" },
    cookies: {
      sessionToken: cookie(SESSION_COOKIE),
      callbackUrl: cookie("tenantry.callback-url"),
      csrfToken: cookie("tenantry.csrf-token"),
      pkceCodeVerifier: cookie("tenantry.pkce"),
      state: cookie("tenantry.state"),
      nonce: cookie("tenantry.nonce"),
    },
    callbacks: {
      // An account locked by the platform gets no new session by any provider (docs/admin.md).
      async signIn({ user }) {
        // (The email provider's first call carries no stored user id yet.)
        return typeof user?.id === "string" && /^[0-9a-f-]{36}$/i.test(user.id) ? signInAllowed(user.id) : true;
      },
      async jwt({ token, user, trigger, session }) {
        // The session is bound to the canonical origin it was issued on: a cookie copied or
        // tossed to another host is not a session there (defence in depth for A2).
        const origin = await requestOrigin();
        if (user?.id) {
          token.uid = user.id;
          token.sv = user.sessionVersion ?? (await currentSessionVersion(user.id)) ?? 0;
          token.origin = origin;
          if (user.support) token.support = user.support;
          return token;
        }
        if (typeof token.uid !== "string" || !origin || token.origin !== origin) return null;
        // Returning null ends the session (Auth.js clears the cookie).
        if (!(await sessionIsCurrent(token.uid, token.sv))) return null;
        // Support access ends at its expiry: the session with it.
        if (token.support !== undefined) {
          const support = supportClaimOf(token.support);
          if (!support || Date.parse(support.expiresAt) <= Date.now()) return null;
        }
        // Admin host: the second factor was just verified by a server action (never by a
        // client-supplied payload alone: the proof is an HMAC only the server can make).
        if (trigger === "update" && origin === adminOrigin(getHostConfig()) && verifyMfaProof(session, token.uid, origin)) {
          token.mfa = true;
        }
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        session.mfa = token.mfa === true;
        const support = supportClaimOf(token.support);
        if (support) session.support = support;
        return session;
      },
      async redirect({ url, baseUrl }) {
        return safeRedirect(url, getHostConfig(), baseUrl);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => config());
