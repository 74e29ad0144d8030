// Isolation at the HTTP level, against `next start` (threats N1, N2, N3, N7): responses warmed
// for one tenant are never served to another, forged internal headers change nothing, a
// suspended workspace shows its suspension page and its API answers 403.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { addMember, addSessionToBrowser, sessionCookie } from "./support/auth";
import { createWorkspace, setWorkspaceStatus } from "./support/database";

const PORT = 3100;
const direct = (path: string) => `http://127.0.0.1:${PORT}${path}`;
const hostOf = (slug: string) => `${slug}.localhost:${PORT}`;

const A = { slug: "iso-alpha", name: "Alpha Holdings", marker: "ALPHA-MARKER-7f3a" };
const B = { slug: "iso-bravo", name: "Bravo Logistics", marker: "BRAVO-MARKER-19c2" };
let alphaId = "";
// One user, a member of every workspace below, signed in separately on each host (sessions are
// per host). The data a response carries is then decided by the host alone.
const MEMBER = { email: "iso-member@iso.test", password: "iso-member-password" };
const cookies: Record<string, string> = {};

test.beforeAll(async () => {
  alphaId = await createWorkspace(A.slug, A.name, A.marker);
  await createWorkspace(B.slug, B.name, B.marker);
  for (const slug of [A.slug, B.slug]) {
    await addMember(slug, MEMBER.email, MEMBER.password);
    cookies[slug] = await sessionCookie(hostOf(slug), MEMBER.email, MEMBER.password);
  }
});

async function get(request: APIRequestContext, slug: string, path: string, headers: Record<string, string> = {}) {
  const all = { host: hostOf(slug), ...(cookies[slug] ? { cookie: cookies[slug] } : {}), ...headers };
  let res = await request.get(direct(path), { headers: all, maxRedirects: 0 });
  for (let hops = 0; hops < 3 && res.status() === 307; hops++) {
    const location = new URL(res.headers()["location"] ?? "/", direct("/"));
    res = await request.get(direct(location.pathname + location.search), { headers: all, maxRedirects: 0 });
  }
  return { status: res.status(), body: await res.text(), headers: res.headers() };
}

// [what, path, headers, whether the response carries the workspace's data]
const variants: Array<[string, string, Record<string, string>, boolean]> = [
  ["page", "/", {}, true],
  // Next answers a flight request whose _rsc cache-buster does not match its headers with a
  // redirect to the right one; the requests below follow it on the same Host.
  ["RSC flight request", "/?_rsc=abc12", { rsc: "1" }, true],
  // A prefetch of a dynamic page carries only its shell: it must not carry another tenant's data.
  ["RSC prefetch", "/?_rsc=def34", { rsc: "1", "next-router-prefetch": "1" }, false],
  ["route handler", "/api/workspace", {}, true],
];

for (const [what, path, headers, rendersData] of variants) {
  test(`${what}: warmed as A, requested as B, never shows A (N7)`, async ({ request }) => {
    for (let i = 0; i < 5; i++) {
      const warm = await get(request, A.slug, path, headers);
      expect(warm.status).toBe(200);
      if (rendersData) expect(warm.body).toContain(A.name);
    }
    for (let i = 0; i < 5; i++) {
      const other = await get(request, B.slug, path, headers);
      expect(other.status).toBe(200);
      if (rendersData) expect(other.body).toContain(B.name);
      expect(other.body).not.toContain(A.name);
      expect(other.body).not.toContain(alphaId);
    }
  });
}

test("forged internal headers and an untrusted X-Forwarded-Host do not move B's request to A (N1, N2, N3)", async ({ request }) => {
  const forged = {
    "x-tenant-id": alphaId,
    "x-tenant-slug": A.slug,
    "x-tenant": A.slug,
    "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    "x-middleware-rewrite": `/sites/tenant/${A.slug}`,
    "x-forwarded-host": hostOf(A.slug),
  };
  for (const [, path, headers, rendersData] of variants) {
    const res = await get(request, B.slug, path, { ...headers, ...forged });
    expect(res.status, path).toBe(200);
    if (rendersData) expect(res.body, path).toContain(B.name);
    expect(res.body, path).not.toContain(A.name);
  }
});

test("the internal tree of another tenant cannot be reached through a tenant's host (N1)", async ({ request }) => {
  for (const path of [`/sites/tenant/${A.slug}`, `/sites/tenant/${A.slug}?_rsc=x`, `/sites/tenant/${A.slug}/anything`]) {
    const res = await get(request, B.slug, path);
    expect(res.status, path).toBe(404);
    expect(res.body, path).not.toContain(A.name);
  }
});

test("a suspended workspace shows the suspension page and its API answers 403, until reactivated", async ({ page, request }) => {
  const S = { slug: "iso-suspended", name: "Sierra Supplies", marker: "SIERRA-MARKER-aa01" };
  await createWorkspace(S.slug, S.name, S.marker);
  await addMember(S.slug, MEMBER.email, MEMBER.password);
  cookies[S.slug] = await sessionCookie(hostOf(S.slug), MEMBER.email, MEMBER.password);
  await addSessionToBrowser(page.context(), hostOf(S.slug), cookies[S.slug]!);
  expect((await get(request, S.slug, "/api/workspace")).status).toBe(200); // cached as active

  await setWorkspaceStatus(S.slug, "SUSPENDED"); // the trigger's NOTIFY evicts the cached entry
  await expect.poll(async () => (await get(request, S.slug, "/api/workspace")).status).toBe(403);
  const api = await get(request, S.slug, "/api/workspace");
  expect(JSON.parse(api.body)).toEqual({ error: "This workspace is suspended." });

  await page.goto(`http://${hostOf(S.slug)}/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${S.name} is suspended`);
  await expect(page.getByText("Customers", { exact: true })).toHaveCount(0);

  await setWorkspaceStatus(S.slug, "ACTIVE");
  await expect.poll(async () => (await get(request, S.slug, "/api/workspace")).status).toBe(200);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(S.name);
});

test("a deleted workspace is gone: 404 page and 404 API", async ({ request }) => {
  const D = { slug: "iso-deleted", name: "Delta Deleted", marker: "DELTA-MARKER-0d0d" };
  await createWorkspace(D.slug, D.name, D.marker);
  await setWorkspaceStatus(D.slug, "DELETED");
  await expect.poll(async () => (await get(request, D.slug, "/api/workspace")).status).toBe(404);
  const page = await get(request, D.slug, "/");
  expect(page.status).toBe(404);
  expect(page.body).not.toContain(D.name);
});

test("/api/workspace on the root or admin host is not a workspace", async ({ request }) => {
  for (const host of [`localhost:${PORT}`, `admin.localhost:${PORT}`]) {
    const res = await request.get(direct("/api/workspace"), { headers: { host } });
    expect(res.status(), host).toBe(404);
  }
});

test("A's session cookie is not a session on B, and B's data is never served with it (A1, A2)", async ({ request }) => {
  const res = await request.get(direct("/api/workspace"), { headers: { host: hostOf(B.slug), cookie: cookies[A.slug]! }, maxRedirects: 0 });
  expect(res.status()).toBe(401);
  const page = await request.get(direct("/"), { headers: { host: hostOf(B.slug), cookie: cookies[A.slug]! }, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers()["location"]).toMatch(/\/sign-in$/);
  expect(await page.text()).not.toContain(B.marker);
});

test("anonymous requests get the sign-in redirect or 401, never workspace data", async ({ request }) => {
  const home = await request.get(direct("/"), { headers: { host: hostOf(A.slug) }, maxRedirects: 0 });
  expect(home.status()).toBe(307);
  expect(home.headers()["location"]).toMatch(/\/sign-in$/);
  const api = await request.get(direct("/api/workspace"), { headers: { host: hostOf(A.slug) } });
  expect(api.status()).toBe(401);
  expect(await api.text()).not.toContain(A.name);
});
