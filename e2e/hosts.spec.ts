// Host routing through the real middleware, production build and database.
// Chromium resolves *.localhost to 127.0.0.1 by itself; Node does not, so requests made from
// Node (the `request` fixture) go to 127.0.0.1 with an explicit Host header.
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "./support/auth";

const PORT = 3100;
const ROOT = `http://localhost:${PORT}`;
const direct = (path = "/") => `http://127.0.0.1:${PORT}${path}`;

test("root host shows the marketing page", async ({ page }) => {
  const res = await page.goto(ROOT);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Tenantry" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign up" }).first()).toBeVisible();
  // The demo link is built from configuration (APP_ROOT_DOMAIN), not from the request.
  await expect(page.getByRole("link", { name: /demo workspace/i })).toHaveAttribute(
    "href",
    `http://acme.localhost:${PORT}`,
  );
});

async function signInOnPage(page: Page) {
  await page.getByLabel("Email", { exact: true }).fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("tenant host shows the workspace read from the database, to its signed-in members", async ({ page }) => {
  await page.goto(`http://acme.localhost:${PORT}`);
  // Anonymous: the workspace's own sign-in page (its session cookie is this host's only).
  await expect(page).toHaveURL(`http://acme.localhost:${PORT}/sign-in`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Acme Inc." })).toBeVisible();
  await signInOnPage(page);
  await expect(page).toHaveURL(`http://acme.localhost:${PORT}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc.", exact: true })).toBeVisible();
  // The dashboard's figures come from the seed: the pipeline in dollars, counts as numbers.
  await expect(page.getByRole("definition").first()).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByRole("definition").filter({ hasText: /^\d+$/ }).first()).toBeVisible();
  // (in the page body: the header also links to Customers)
  await expect(page.getByRole("main").getByRole("term").filter({ hasText: /^Customers$/ })).toBeVisible();
  await expect(page.getByRole("main").getByRole("term").filter({ hasText: /^Deals$/ })).toBeVisible();
  await expect(page).toHaveTitle(/Acme Inc\./);
});

test("demo link on the marketing page leads to the workspace", async ({ page }) => {
  await page.goto(ROOT);
  await page.getByRole("link", { name: /demo workspace/i }).click();
  await expect(page).toHaveURL(`http://acme.localhost:${PORT}/sign-in`);
  await signInOnPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc.", exact: true })).toBeVisible();
});

test("a known workspace answers unknown paths with its own 404", async ({ page }) => {
  const res = await page.goto(`http://acme.localhost:${PORT}/no/such/page`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Acme Inc.")).toBeVisible(); // inside the workspace's frame
});

test("admin host shows the founder console's sign-in (the console itself: e2e/admin.spec.ts)", async ({ page }) => {
  const res = await page.goto(`http://admin.localhost:${PORT}`);
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(`http://admin.localhost:${PORT}/sign-in`);
  await expect(page.getByRole("heading", { level: 1, name: "Founder console" })).toBeVisible();
});

for (const host of [`a.b.localhost:${PORT}`, `api.localhost:${PORT}`, `nosuch-workspace.localhost:${PORT}`]) {
  test(`unknown host ${host} is a friendly 404 with a sign-up link`, async ({ page }) => {
    const res = await page.goto(`http://${host}/some/path`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/no workspace|nothing lives/i);
    await expect(page.getByRole("link", { name: /sign up/i })).toHaveAttribute("href", `${ROOT}/signup`);
  });
}

test("www redirects permanently to the configured root, keeping path and query", async ({ page, request }) => {
  const res = await page.goto(`http://www.localhost:${PORT}/signup?from=www`);
  expect(res?.request().redirectedFrom()).not.toBeNull();
  expect((await res?.request().redirectedFrom()?.response())?.status()).toBe(308);
  await expect(page).toHaveURL(`${ROOT}/signup?from=www`);

  // Built from configuration: a spoofed X-Forwarded-Host does not change the target.
  const raw = await request.get(direct("/"), {
    headers: { host: `www.localhost:${PORT}`, "x-forwarded-host": "evil.example" },
    maxRedirects: 0,
  });
  expect(raw.status()).toBe(308);
  expect(raw.headers()["location"]).toBe(`${ROOT}/`);
});

test("the internal route tree cannot be reached from outside", async ({ page, request }) => {
  for (const path of ["/sites/admin", "/sites/tenant/acme", "/sites/root", "/sites/unknown"]) {
    const res = await page.goto(`${ROOT}${path}`);
    expect(res?.status(), path).toBe(404);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  const res = await request.get(direct("/sites/tenant/acme"), { headers: { host: `acme.localhost:${PORT}` } });
  expect(res.status()).toBe(404);
});

test("host spelling is canonical; X-Forwarded-Host and x-tenant-* headers are ignored", async ({ request }) => {
  // Anonymous: the workspace's sign-in redirect, then its sign-in page, on the canonical host.
  const upper = await request.get(direct("/"), { headers: { host: `ACME.LOCALHOST.:${PORT}` }, maxRedirects: 0 });
  expect(upper.status()).toBe(307);
  expect(upper.headers()["location"]).toMatch(/\/sign-in$/);
  const signIn = await request.get(direct("/sign-in"), { headers: { host: `ACME.LOCALHOST.:${PORT}` } });
  expect(signIn.status()).toBe(200);
  expect(await signIn.text()).toContain("Acme Inc.");

  const spoofed = await request.get(direct("/"), {
    headers: {
      host: `localhost:${PORT}`,
      "x-forwarded-host": `admin.localhost:${PORT}`,
      "x-tenant-id": "acme",
      "x-tenant-slug": "acme",
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    },
  });
  expect(spoofed.status()).toBe(200);
  const html = await spoofed.text();
  expect(html).toContain("Multi-tenant SaaS");
  expect(html).not.toContain("Tenantry console");
  expect(html).not.toContain("Acme Inc.");

  const ip = await request.get(direct("/"));
  expect(ip.status()).toBe(404);
});
