// Hostile input over real HTTP against the production server (issue 9): fast-check generates
// arbitrary and malicious values for host resolution and every public form and route handler.
// Property, for every request: the answer is not a 5xx, carries no stack trace or internal path,
// and — checked after each group — the database is unchanged (every table's checksum, except
// the rate-limit buckets and the platform's security log, which record such traffic by design).
//
// Runs in its own Playwright project after every other spec (playwright.config.ts), so the
// checksums see no other test's writes. Bounded: ~50 runs per group, well under a minute.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { direct, hostOf, PORT } from "./support/auth";
import { sql } from "./support/database";

const ROOT_HOST = `localhost:${PORT}`;
const RUNS = 50;
// Expected writes under hostile traffic: throttling state and the security log (failed sign-ins).
const VOLATILE_TABLES = new Set(["rate_limit_bucket", "platform_audit_event", "_prisma_migrations"]);

async function checksum(): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const sums: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    if (VOLATILE_TABLES.has(table)) continue;
    const [row] = await sql<{ n: string; sum: string | null }>(
      `SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum FROM "${table}" t`,
    );
    sums[table] = `${row!.n}:${row!.sum ?? ""}`;
  }
  return sums;
}

const STACK = /\n\s+at\s+\S+\s+\(|\/work\/|node_modules|\.next\/server|webpack-internal|Invalid `.*` invocation|PrismaClient/;

/** The property every answer must have. */
async function wellBehaved(response: APIResponse, what: string): Promise<void> {
  const body = await response.text();
  expect(response.status(), `${what} → ${response.status()} ${body.slice(0, 300)}`).toBeLessThan(500);
  expect(STACK.test(body), `${what} leaks internals: ${body.match(STACK)?.[0]}`).toBe(false);
}

/** Header-safe hostile strings: printable ASCII, plus classic attack values. */
const headerSafe = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const nasty = fc.constantFrom(
  "", " ", "..", "../../etc/passwd", "%00", "%2e%2e%2f", "\\\\evil.com", "//evil.com", "https://evil.com", "javascript:alert(1)",
  "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE tenant; --", "${jndi:ldap://x}", "{{7*7}}", "__proto__", "constructor",
  "a".repeat(5000), "🦄".repeat(300), "\u202e\u0000\ufeff", "xn--80ak6aa92e", "ACME", "acme.", "admin", "www", "-a-", "1e309", "NaN", "null",
);
const hostile = fc.oneof(headerSafe, nasty, fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 100 }));
const hostileHeader = fc.oneof(headerSafe, nasty.filter((s) => /^[\x20-\x7e]*$/.test(s) && s.length < 2000));
const hostHeader = fc.oneof(
  hostileHeader,
  fc.constantFrom(ROOT_HOST, hostOf("acme"), `admin.localhost:${PORT}`, `ACME.LOCALHOST:${PORT}`, `acme.localhost.:${PORT}`, `www.localhost:${PORT}`,
    `acme.localhost:${PORT}@evil.com`, `evil.com`, `acme.evil.com`, `localhost:1`, `[::1]:${PORT}`, `acme.localhost:${PORT}, evil.com`),
);

const hex = (maxLength: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), maxLength });

type Manifest = { node: Record<string, { exportedName?: string; workers?: Record<string, unknown> }> };
const manifest = (): Manifest => JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;

/** Server-action ids of this build (.next/server/server-reference-manifest.json). */
function actionIds(): Record<string, string> {
  return Object.fromEntries(Object.entries(manifest().node).map(([id, v]) => [v.exportedName ?? id, id]));
}

/** A public path of a page that serves the action (Next only finds an action on such a page). */
function pageOf(exportedName: string): string {
  const entry = Object.values(manifest().node).find((v) => v.exportedName === exportedName);
  const worker = Object.keys(entry?.workers ?? {})[0] ?? "";
  const page = worker.replace(/^app\/sites\/(root|tenant\/\[slug\]|admin)/, "").replace(/\/page$/, "");
  return page.replace(/\[[^\]]+\]/g, "x") || "/";
}

/** Next answers these when the action ran (an RSC payload), not "action not found" (404). */
async function actionRan(response: APIResponse, what: string): Promise<void> {
  expect(response.status(), `${what}: the action did not run`).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/x-component");
}

/** A `(prevState, formData)` action as React's client sends it (fields under `_1_`, args in `0`). */
function postAction(request: APIRequestContext, { host, pathname, id, fields }: { host: string; pathname: string; id: string; fields: Record<string, string> }) {
  const multipart: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) multipart[`_1_${name}`] = value;
  multipart["0"] = JSON.stringify(["$undefined", "$K1"]);
  return request.post(direct(pathname), {
    headers: { host, origin: `http://${host}`, accept: "text/x-component", "next-action": id },
    multipart,
    maxRedirects: 0,
  });
}

let before: Record<string, string>;
test.beforeEach(async () => {
  before = await checksum();
});
test.afterEach(async () => {
  expect(await checksum()).toEqual(before);
});

test("host resolution: arbitrary Host and X-Forwarded-Host on pages, RSC and route handlers", async ({ request }) => {
  const paths = [
    "/", "/customers", "/members", "/sign-in", "/signup", "/billing", "/settings", "/sites/tenant/acme", "/api/health", "/api/workspace", "/api/workspace/switcher", "/customers?_rsc=1",
    // Broken percent-encodings (a 500 before the middleware's 400, see docs/security.md).
    "/customers/%F0%", "/%", "/invite/%E0%A4%A", "/sign-in?callbackUrl=%ZZ", "/api/health/%F0%", "/api/auth/%", "/auth/handoff?token=%",
  ];
  await fc.assert(
    fc.asyncProperty(hostHeader, fc.option(hostHeader, { nil: undefined }), fc.constantFrom(...paths), fc.boolean(), async (host, forwarded, pathname, rsc) => {
      const headers: Record<string, string> = { host };
      if (forwarded !== undefined) headers["x-forwarded-host"] = forwarded;
      if (rsc) Object.assign(headers, { rsc: "1", "next-router-prefetch": "1", "x-tenant-id": "00000000-0000-0000-0000-000000000000", "x-middleware-subrequest": "middleware" });
      await wellBehaved(await request.get(direct(pathname), { headers, maxRedirects: 0 }), `GET ${pathname} host=${JSON.stringify(host)} xfh=${JSON.stringify(forwarded)}`);
    }),
    { numRuns: RUNS * 2 },
  );
});

test("GET /api/subdomains/check and /api/health with arbitrary query strings", async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(hostile, fc.boolean(), async (name, raw) => {
      const query = raw ? `name=${name.replace(/[\s#]/g, "")}&name=x&%ZZ` : `name=${encodeURIComponent(name)}`;
      const check = await request.get(direct(`/api/subdomains/check?${query}`), { headers: { host: ROOT_HOST } });
      await wellBehaved(check, `check ${JSON.stringify(name).slice(0, 80)}`);
      expect([200, 400, 429]).toContain(check.status());
      const body = (await check.json()) as { error?: string; available?: boolean };
      expect(typeof body.error === "string" || typeof body.available === "boolean").toBe(true);
      await wellBehaved(await request.get(direct(`/api/health?${query}`)), "health");
    }),
    { numRuns: RUNS },
  );
});

test("POST /api/stripe/webhook: bad signatures and garbage bodies are refused with 400", async ({ request }) => {
  const signature = fc.oneof(
    hostileHeader,
    fc.tuple(fc.integer(), hex(64)).map(([t, v]) => `t=${t},v1=${v}`),
    fc.constant(`t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`),
  );
  const body = fc.oneof(hostile, fc.json(), fc.constant(JSON.stringify({ id: "evt_x", type: "customer.subscription.deleted", livemode: false, data: { object: { customer: "cus_x" } } })));
  await fc.assert(
    fc.asyncProperty(body, fc.option(signature, { nil: undefined }), fc.constantFrom("application/json", "text/plain", "multipart/form-data"), async (payload, sig, type) => {
      const headers: Record<string, string> = { "content-type": type };
      if (sig !== undefined) headers["stripe-signature"] = sig;
      const response = await request.post(direct("/api/stripe/webhook"), { headers, data: payload });
      await wellBehaved(response, `webhook sig=${JSON.stringify(sig)?.slice(0, 60)}`);
      expect(response.status()).toBe(400);
    }),
    { numRuns: RUNS },
  );
});

test("Auth.js endpoints: csrf, session, credentials callback and unknown routes with arbitrary input", async ({ request }) => {
  const csrf = await request.get(direct("/api/auth/csrf"), { headers: { host: ROOT_HOST } });
  await wellBehaved(csrf, "csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await fc.assert(
    fc.asyncProperty(hostile, hostile, fc.option(hostile, { nil: undefined }), fc.boolean(), fc.constantFrom("callback/credentials", "signin/credentials", "signin/email", "callback/email", "signout", "session", "providers", "error", "nope", "callback/github"), async (email, password, callbackUrl, withCsrf, route) => {
      const form: Record<string, string> = { email, password };
      if (callbackUrl !== undefined) form.callbackUrl = callbackUrl;
      if (withCsrf) form.csrfToken = csrfToken;
      const post = await request.post(direct(`/api/auth/${route}`), { headers: { host: ROOT_HOST }, form, maxRedirects: 0 });
      await wellBehaved(post, `POST /api/auth/${route}`);
      // A redirect never leaves our own hosts (A3).
      const location = post.headers()["location"];
      if (location) expect(new URL(location, `http://${ROOT_HOST}`).hostname).toMatch(/(^|\.)localhost$/);
      await wellBehaved(await request.get(direct(`/api/auth/${route}?callbackUrl=${encodeURIComponent(callbackUrl ?? "")}`), { headers: { host: ROOT_HOST }, maxRedirects: 0 }), `GET /api/auth/${route}`);
    }),
    { numRuns: RUNS },
  );
});

test("signup, sign-in, forgot and reset server actions with arbitrary field values", async ({ request }) => {
  const ids = actionIds();
  const forms = {
    signUpAction: ["workspaceName", "subdomain", "email", "password", "mode"],
    signInAction: ["email", "password", "callbackUrl"],
    forgotPasswordAction: ["email"],
    resetPasswordAction: ["token", "password"],
  } as const;
  for (const name of Object.keys(forms)) expect(ids[name], `${name} is in the build`).toBeTruthy();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...(Object.keys(forms) as (keyof typeof forms)[])),
      fc.array(hostile, { minLength: 5, maxLength: 5 }),
      async (action, values) => {
        const fields = Object.fromEntries(forms[action].map((field, i) => [field, values[i]!]));
        // Never a usable address: arbitrary input must not create accounts or send mail.
        if (fields.email !== undefined) fields.email = `${fields.email.replace(/@/g, "")}`;
        const what = `${action} ${JSON.stringify(fields).slice(0, 120)}`;
        const response = await postAction(request, { host: ROOT_HOST, pathname: pageOf(action), id: ids[action]!, fields });
        await wellBehaved(response, what);
        await actionRan(response, what);
      },
    ),
    { numRuns: RUNS },
  );
});

test("every action served on a home page, called with arguments that are not a form, answers without a 500", async ({ request }) => {
  // The property above found this once by chance (magicLinkAction called with no arguments):
  // each action is checked here, every run, with an empty argument list and with non-form values.
  for (const id of Object.values(actionIds())) {
    for (const host of [ROOT_HOST, hostOf("acme")]) {
      for (const body of ["[]", '["x", 1]', "[null, null]"]) {
        const response = await request.post(direct("/"), {
          headers: { host, origin: `http://${host}`, accept: "text/x-component", "next-action": id, "content-type": "text/plain;charset=UTF-8" },
          data: body,
          maxRedirects: 0,
        });
        await wellBehaved(response, `action id=${id} host=${host} body=${body}`);
      }
    }
  }
});

test("server-action requests with garbage ids, bodies and content types", async ({ request }) => {
  const ids = Object.values(actionIds());
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.constantFrom(...ids), hex(42), hostileHeader),
      fc.oneof(hostile, fc.json(), fc.constant('["$K1"]'), fc.constant('["$@1", "$F1", "$Q1"]')),
      fc.constantFrom("text/plain;charset=UTF-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json"),
      fc.constantFrom(ROOT_HOST, hostOf("acme")),
      async (id, body, type, host) => {
        const response = await request.post(direct("/"), {
          headers: { host, origin: `http://${host}`, accept: "text/x-component", "next-action": id, "content-type": type },
          data: body,
          maxRedirects: 0,
        });
        const what = `action id=${JSON.stringify(id).slice(0, 50)} type=${type} body=${JSON.stringify(body).slice(0, 80)}`;
        // Bodies Next.js could not decode are refused by the middleware with a 400
        // (lib/security/action-body.ts) instead of reaching Next's 500.
        await wellBehaved(response, what);
      },
    ),
    { numRuns: RUNS },
  );
});

test("invitation page, invitation actions and /auth/handoff with garbage tokens", async ({ request }) => {
  const ids = actionIds();
  const host = hostOf("acme");
  await fc.assert(
    fc.asyncProperty(hostile, hostile, async (token, password) => {
      const segment = encodeURIComponent(token).slice(0, 1500) || "x";
      await wellBehaved(await request.get(direct(`/invite/${segment}`), { headers: { host }, maxRedirects: 0 }), `invite ${segment.slice(0, 60)}`);
      await wellBehaved(await request.get(direct(`/auth/handoff?token=${segment}&next=${encodeURIComponent(password)}`), { headers: { host }, maxRedirects: 0 }), `handoff ${segment.slice(0, 60)}`);
      for (const action of ["acceptInvitationAction", "createAccountAndAcceptAction"]) {
        // The token travels in the form; the page path only has to serve the action.
        const response = await postAction(request, { host, pathname: "/invite/x", id: ids[action]!, fields: { token, password, name: password } });
        await wellBehaved(response, `${action} ${segment.slice(0, 60)}`);
        await actionRan(response, action);
      }
    }),
    { numRuns: RUNS },
  );
});

test("workspace routes without a session: pages, RSC, route handlers and actions are refused cleanly", async ({ request }) => {
  const ids = actionIds();
  const workspaceActions = Object.keys(ids).filter((name) => /Customer|Invitation|Member|Role|Ownership|invite|leave|checkout|portal/i.test(name));
  const host = hostOf("acme");
  const pages = ["/", "/customers", "/customers/new", "/customers/export", "/customers/import", "/deals", "/members", "/billing", "/settings", "/settings/audit", "/settings/data", "/settings/domain"];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...pages), hostile, fc.boolean(), fc.constantFrom(...workspaceActions), async (page, garbage, rsc, action) => {
      const headers: Record<string, string> = { host, ...(rsc ? { rsc: "1", "next-router-prefetch": "1" } : {}) };
      await wellBehaved(await request.get(direct(page), { headers, maxRedirects: 0 }), `GET ${page}`);
      const id = encodeURIComponent(garbage).slice(0, 500) || "x";
      await wellBehaved(await request.get(direct(`/customers/${id}`), { headers, maxRedirects: 0 }), `GET /customers/${id.slice(0, 40)}`);
      await wellBehaved(await request.get(direct(`/settings/data/exports/${id}`), { headers, maxRedirects: 0 }), `GET export ${id.slice(0, 40)}`);
      const response = await postAction(request, { host, pathname: pageOf(action), id: ids[action]!, fields: { id: garbage, name: garbage, email: garbage, role: garbage, plan: garbage } });
      await wellBehaved(response, `${action} unauthenticated`);
      await actionRan(response, action);
      expect(await response.text()).not.toMatch(/"ok":true/);
    }),
    { numRuns: RUNS },
  );
});
