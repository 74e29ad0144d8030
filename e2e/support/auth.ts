// Sign-in helpers for e2e: users with known passwords (written as the database owner), and a
// session cookie obtained through Auth.js's own HTTP endpoints (CSRF token + credentials
// callback), for requests made from Node with an explicit Host header.
import { request as playwrightRequest, type BrowserContext } from "@playwright/test";
import { hashPasswordSync } from "../../scripts/lib/seed.mjs";
import { sql } from "./database";

export const PORT = 3100;
export const direct = (path: string) => `http://127.0.0.1:${PORT}${path}`;
export const hostOf = (slug: string) => `${slug}.localhost:${PORT}`;
export const SESSION_COOKIE = "tenantry.session";

export const DEMO = { email: "demo@acme.test", password: "demo-password-123" };

/** A user with this password (created or reset), unlocked. Returns the user id. */
export async function ensureUser(email: string, password: string): Promise<string> {
  const [user] = await sql<{ id: string }>(
    `INSERT INTO app_user (id, email, password_hash, email_verified, updated_at) VALUES (gen_random_uuid(), $1, $2, now(), now())
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, locked_until = NULL, failed_sign_in_count = 0
     RETURNING id`,
    [email.toLowerCase(), hashPasswordSync(password)],
  );
  return user!.id;
}

/** Makes `email` a member of the workspace `slug`. */
export async function addMember(slug: string, email: string, password: string, role = "MEMBER"): Promise<void> {
  const userId = await ensureUser(email, password);
  await sql(
    `INSERT INTO membership (tenant_id, id, user_id, role, updated_at)
     SELECT id, gen_random_uuid(), $2, $3::"Role", now() FROM tenant WHERE slug = $1 ON CONFLICT DO NOTHING`,
    [slug, userId, role],
  );
}

/** "tenantry.session=…" for `host`, signed in with email and password through Auth.js. */
export async function sessionCookie(host: string, email: string, password: string): Promise<string> {
  const ctx = await playwrightRequest.newContext();
  try {
    const csrf = await ctx.get(direct("/api/auth/csrf"), { headers: { host } });
    if (csrf.status() !== 200) throw new Error(`csrf: ${csrf.status()}`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = cookiePairs(csrf.headersArray());
    const res = await ctx.post(direct("/api/auth/callback/credentials"), {
      headers: { host, cookie: csrfCookie },
      form: { csrfToken, email, password, callbackUrl: "/" },
      maxRedirects: 0,
    });
    const session = cookiePairs(res.headersArray()).split("; ").find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!session) throw new Error(`no session cookie for ${email} on ${host} (status ${res.status()}, location ${res.headers()["location"]})`);
    return session;
  } finally {
    await ctx.dispose();
  }
}

/** Puts a session cookie for `host` into a browser context (host-only, like the real one). */
export async function addSessionToBrowser(context: BrowserContext, host: string, cookie: string): Promise<void> {
  const value = cookie.slice(cookie.indexOf("=") + 1);
  await context.addCookies([{ name: SESSION_COOKIE, value, url: `http://${host}/` }]);
}

function cookiePairs(headers: Array<{ name: string; value: string }>): string {
  return headers
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value.split(";")[0]!)
    .join("; ");
}
