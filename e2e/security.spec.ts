// Security headers on every kind of response, a nonce CSP the pages really run under (no
// violations in the browser), and server actions: refused from another origin or with no
// Origin (N4), and refused with another tenant's ids (N5). Against `next start`, over HTTP.
import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { addMember, addSessionToBrowser, DEMO, direct, hostOf, PORT, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

const ROOT_HOST = `localhost:${PORT}`;
const ADMIN_HOST = `admin.localhost:${PORT}`;

const STATIC = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
} as const;

async function fetchAs(request: APIRequestContext, host: string, path: string) {
  const res = await request.get(direct(path), { headers: { host }, maxRedirects: 0 });
  return { status: res.status(), headers: res.headers(), body: await res.text() };
}

function expectStaticHeaders(headers: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(STATIC)) expect(headers[name], `${what}: ${name}`).toBe(value);
  expect(headers["permissions-policy"], what).toContain("camera=()");
  // The e2e root is http://localhost: HSTS would pin localhost to https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

function expectPageCsp(headers: Record<string, string>, what: string): string {
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/.exec(csp)?.[1];
  expect(nonce, `${what}: ${csp}`).toBeTruthy();
  for (const d of ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"]) expect(csp, what).toContain(d);
  expect(csp, what).not.toContain("unsafe-inline");
  expect(csp, what).not.toContain("unsafe-eval");
  return nonce!;
}

test("security headers on pages, 404s, redirects, route handlers and static assets", async ({ request }) => {
  const pages: Array<[string, string, string, number[]]> = [
    ["root page", ROOT_HOST, "/", [200]],
    ["root sign-in", ROOT_HOST, "/sign-in", [200]],
    ["tenant page (signed out: redirect to sign-in)", hostOf("acme"), "/", [307]],
    ["tenant sign-in", hostOf("acme"), "/sign-in", [200]],
    ["admin page", ADMIN_HOST, "/", [200, 302, 303, 307, 401, 403, 404]],
    ["404 on the root", ROOT_HOST, "/no-such-page", [404]],
    ["404 on a tenant", hostOf("acme"), "/no-such-page", [404]],
    ["www → root redirect", `www.localhost:${PORT}`, "/signup", [308]],
  ];
  const nonces = new Set<string>();
  for (const [what, host, path, statuses] of pages) {
    const res = await fetchAs(request, host, path);
    expect(statuses, `${what}: status ${res.status}`).toContain(res.status);
    expectStaticHeaders(res.headers, what);
    const nonce = expectPageCsp(res.headers, what);
    nonces.add(nonce);
    // Every script Next.js renders carries this response's nonce.
    if (res.headers["content-type"]?.startsWith("text/html") && res.body.includes("<script")) {
      const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
      for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
    }
  }
  expect(nonces.size, "a fresh nonce per response").toBe(pages.length);

  const www = await fetchAs(request, `www.localhost:${PORT}`, "/signup");
  expect(www.headers["location"]).toBe(`http://${ROOT_HOST}/signup`);

  for (const [what, host, path] of [
    ["/api/health", ROOT_HOST, "/api/health"],
    ["/api/workspace (401)", hostOf("acme"), "/api/workspace"],
    ["/api/no-such-route", ROOT_HOST, "/api/no-such-route"],
  ] as const) {
    const res = await fetchAs(request, host, path);
    expectStaticHeaders(res.headers, what);
    expect(res.headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
  }

  const home = await fetchAs(request, ROOT_HOST, "/");
  const asset = /\/_next\/static\/[^"]+\.(?:js|css)/.exec(home.body)?.[0];
  expect(asset).toBeTruthy();
  const staticRes = await fetchAs(request, ROOT_HOST, asset!);
  expect(staticRes.status).toBe(200);
  expectStaticHeaders(staticRes.headers, asset!);
});

test("the same page twice: a different nonce each time, and a client-sent CSP or nonce is ignored", async ({ request }) => {
  const first = await request.get(direct("/sign-in"), { headers: { host: ROOT_HOST } });
  const second = await request.get(direct("/sign-in"), {
    headers: { host: ROOT_HOST, "content-security-policy": "script-src 'nonce-forged'", "x-nonce": "forged" },
  });
  const a = expectPageCsp(first.headers(), "first");
  const b = expectPageCsp(second.headers(), "second");
  expect(a).not.toBe(b);
  expect(b).not.toBe("forged");
  expect(await second.text()).not.toContain('nonce="forged"');
});

/** Collects CSP violations (console errors and securitypolicyviolation events) and page errors. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (/content security policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return async () => {
    const inPage = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
    return [...problems, ...inPage.map((v) => `violation: ${v}`)];
  };
}

test("pages run under the CSP with no violations: sign-in, a tenant page after sign-in, signup with its live check", async ({ page }) => {
  const violations = await watchCsp(page);

  // Sign-in on the root: the form is a client component (hydrated scripts) posting a server action.
  await page.goto(`http://${ROOT_HOST}/sign-in`);
  await page.getByLabel("Email", { exact: true }).fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`http://${ROOT_HOST}/`);
  expect(await violations()).toEqual([]);

  // A workspace page after sign-in (session via Auth.js, put into the browser).
  await addSessionToBrowser(page.context(), hostOf("acme"), await sessionCookie(hostOf("acme"), DEMO.email, DEMO.password));
  await page.goto(`http://${hostOf("acme")}/`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.goto(`http://${hostOf("acme")}/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  expect(await violations()).toEqual([]);

  // Signup: the live availability check is client-side JavaScript calling /api/subdomains/check.
  await page.goto(`http://${ROOT_HOST}/signup`);
  await page.getByLabel("Workspace name").fill("CSP Check");
  await page.getByLabel("Subdomain").fill("csp-check-live");
  await expect(page.getByText(`csp-check-live.localhost:${PORT} is available.`)).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("the violation watcher itself works: a foreign image on a page is reported", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto(`http://${ROOT_HOST}/sign-in`);
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="http://203.0.113.1/x.png" alt="">'));
  await expect.poll(async () => (await violations()).some((v) => v.includes("img-src"))).toBe(true);
});

// ── Server actions (N4, N5) ────────────────────────────────────────────────────────────────

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

/** Submits a form on the page, captures the server action request the browser sends, and
 *  aborts it (it never reaches the server). */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<Captured> {
  let captured: Captured | null = null;
  await page.route("**/*", async (route) => {
    const req: Request = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await submit();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** Replays a captured action request from Node with a chosen Origin (or none). */
async function replay(request: APIRequestContext, action: Captured, host: string, cookie: string, origin: string | null) {
  const headers: Record<string, string> = {
    host,
    cookie,
    "next-action": action.headers["next-action"]!,
    "content-type": action.headers["content-type"]!,
    accept: action.headers["accept"] ?? "text/x-component",
  };
  if (action.headers["next-router-state-tree"]) headers["next-router-state-tree"] = action.headers["next-router-state-tree"];
  if (origin !== null) headers.origin = origin;
  const path = new URL(action.url).pathname;
  const res = await request.post(direct(path), { headers, data: action.body, maxRedirects: 0 });
  return { status: res.status(), body: await res.text() };
}

const OWNER_A = { email: "owner@sec-alpha.test", password: "sec-alpha-password-1" };
const MEMBER_A = { email: "member@sec-alpha.test", password: "sec-alpha-password-2" };
const OWNER_B = { email: "owner@sec-bravo.test", password: "sec-bravo-password-1" };
const MEMBER_B = { email: "member@sec-bravo.test", password: "sec-bravo-password-2" };

async function pendingInvitation(slug: string, email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO invitation (tenant_id, id, email, role, token_hash, expires_at)
     SELECT id, gen_random_uuid(), $2, 'MEMBER', md5(random()::text || clock_timestamp()::text), now() + interval '7 days' FROM tenant WHERE slug = $1
     RETURNING id`,
    [slug, email],
  );
  return row!.id;
}

async function invitationState(id: string) {
  const [row] = await sql<{ revoked_at: Date | null; accepted_at: Date | null; expires_at: Date }>(
    `SELECT revoked_at, accepted_at, expires_at FROM invitation WHERE id = $1`,
    [id],
  );
  return row;
}

async function memberships(slug: string) {
  return sql<{ id: string; email: string; role: string }>(
    `SELECT m.id, u.email, m.role::text AS role FROM membership m JOIN tenant t ON t.id = m.tenant_id JOIN app_user u ON u.id = m.user_id
     WHERE t.slug = $1 ORDER BY u.email`,
    [slug],
  );
}

test("a server action from another tenant's host, the admin host, the root or with no Origin is refused with 403 and changes nothing (N4)", async ({
  page,
  request,
}) => {
  await createWorkspace("sec-alpha", "Security Alpha", "SEC-ALPHA-MARKER");
  await createWorkspace("sec-bravo", "Security Bravo", "SEC-BRAVO-MARKER");
  await addMember("sec-alpha", OWNER_A.email, OWNER_A.password, "OWNER");
  const invitationId = await pendingInvitation("sec-alpha", `n4-${Date.now()}@elsewhere.test`);
  const host = hostOf("sec-alpha");
  const cookie = await sessionCookie(host, OWNER_A.email, OWNER_A.password);
  await addSessionToBrowser(page.context(), host, cookie);

  // The real request the browser sends for "Revoke" (captured, never delivered).
  await page.goto(`http://${host}/members`);
  page.on("dialog", (dialog) => void dialog.accept());
  const row = page.getByRole("listitem").filter({ hasText: "@elsewhere.test" });
  const action = await captureAction(page, () => row.getByRole("button", { name: "Revoke" }).click());
  expect(action.headers["origin"]).toBe(`http://${host}`);

  for (const origin of [`http://${hostOf("sec-bravo")}`, `http://${ADMIN_HOST}`, `http://${ROOT_HOST}`, "null", null]) {
    const res = await replay(request, action, host, cookie, origin);
    expect(res.status, `Origin ${origin}`).toBe(403);
    expect(res.body, `Origin ${origin}`).toMatch(/^Forbidden/);
  }
  // Same Origin with a forged X-Forwarded-Host is no way around it either (not trusted here).
  const forged = await request.post(direct("/members"), {
    headers: {
      host,
      cookie,
      origin: `http://${hostOf("sec-bravo")}`,
      "x-forwarded-host": hostOf("sec-bravo"),
      "next-action": action.headers["next-action"]!,
      "content-type": action.headers["content-type"]!,
    },
    data: action.body,
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect((await invitationState(invitationId))?.revoked_at).toBeNull();

  // Control: the very same request from its own origin is a working action.
  const same = await replay(request, action, host, cookie, `http://${host}`);
  expect(same.status).toBe(200);
  await expect.poll(async () => (await invitationState(invitationId))?.revoked_at).not.toBeNull();
});

test("members actions on B's host with A's membership and invitation ids are refused, and A is unchanged (N5)", async ({ page }) => {
  await createWorkspace("sec-alpha", "Security Alpha", "SEC-ALPHA-MARKER");
  await createWorkspace("sec-bravo", "Security Bravo", "SEC-BRAVO-MARKER");
  await addMember("sec-alpha", OWNER_A.email, OWNER_A.password, "OWNER");
  await addMember("sec-alpha", MEMBER_A.email, MEMBER_A.password, "MEMBER");
  await addMember("sec-bravo", OWNER_B.email, OWNER_B.password, "OWNER");
  await addMember("sec-bravo", MEMBER_B.email, MEMBER_B.password, "MEMBER");
  const aInvitation = await pendingInvitation("sec-alpha", `n5-a-${Date.now()}@elsewhere.test`);
  await pendingInvitation("sec-bravo", `n5-b-${Date.now()}@elsewhere.test`);
  const aBefore = await memberships("sec-alpha");
  const aMember = aBefore.find((m) => m.email === MEMBER_A.email)!;
  const aOwner = aBefore.find((m) => m.email === OWNER_A.email)!;
  const bBefore = await memberships("sec-bravo");
  const invBefore = await invitationState(aInvitation);

  const host = hostOf("sec-bravo");
  await addSessionToBrowser(page.context(), host, await sessionCookie(host, OWNER_B.email, OWNER_B.password));
  page.on("dialog", (dialog) => void dialog.accept());

  /** Sets the hidden id field of the form around `button` to A's id, submits, expects a refusal. */
  async function submitWithForeignId(rowText: string, buttonName: string, field: string, foreignId: string, role?: string) {
    await page.goto(`http://${host}/members`);
    const row = page.getByRole("listitem").filter({ hasText: rowText });
    const button = row.getByRole("button", { name: buttonName, exact: true });
    const form = button.locator("xpath=ancestor::form[1]");
    await form.locator(`input[type=hidden][name=${field}]`).evaluate((input, id) => ((input as HTMLInputElement).value = id), foreignId);
    if (role) await form.locator("select[name=role]").selectOption(role);
    await button.click();
    await expect(form.getByRole("alert"), `${buttonName} with A's ${field}`).toBeVisible();
    await expect(form.getByRole("status")).toHaveCount(0);
  }

  await submitWithForeignId(MEMBER_B.email, "Remove", "membershipId", aMember.id);
  await submitWithForeignId(MEMBER_B.email, "Remove", "membershipId", aOwner.id);
  await submitWithForeignId(MEMBER_B.email, "Save", "membershipId", aOwner.id, "ADMIN");
  await submitWithForeignId(MEMBER_B.email, "Transfer ownership", "membershipId", aMember.id);
  await submitWithForeignId("n5-b-", "Revoke", "invitationId", aInvitation);
  await submitWithForeignId("n5-b-", "Resend", "invitationId", aInvitation);

  expect(await memberships("sec-alpha")).toEqual(aBefore);
  expect(await memberships("sec-bravo")).toEqual(bBefore);
  expect(await invitationState(aInvitation)).toEqual(invBefore);
});
