// Workspace settings end to end (issue 7): an owner renames the workspace, sets an accent colour
// and a logo (both visible in the workspace), adds and verifies a custom domain (TXT records come
// from the test DNS file, TENANTRY_TEST_DNS) and opens the workspace there signed in (a second
// Chromium whose resolver maps that domain to this server), reads the audit log that a MEMBER
// cannot open (403), and finally changes the subdomain: the browser lands signed in on the new
// host and the old host answers 308 to the same path there.
import fs from "node:fs";
import path from "node:path";
import { chromium, expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { addMember, direct, ensureUser, hostOf, PORT } from "./support/auth";
import { sql } from "./support/database";

test.describe.configure({ mode: "serial" });

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let slug = `set-${RUN}`;
const OWNER = { email: `owner@set-${RUN}.test`, password: "owner-password-1" };
const MEMBER = { email: `member@set-${RUN}.test`, password: "member-password-1" };
const DOMAIN = `crm-${RUN}.example.com`;
const DNS_FILE = path.join(process.env.TENANTRY_E2E_DATA_DIR ?? "", "e2e-dns.json");
const ws = () => `http://${hostOf(slug)}`;

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function signIn(page: Page, email: string, password: string, origin = ws()) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Primary" })).toBeVisible();
}

test.beforeAll(async () => {
  // A workspace on the card-less Pro trial (custom domains are a Pro feature).
  await sql(
    `INSERT INTO tenant (id, slug, name, status, trial_ends_at, updated_at) VALUES (gen_random_uuid(), $1, 'Settings Works', 'ACTIVE', now() + interval '14 days', now())`,
    [slug],
  );
  await addMember(slug, OWNER.email, OWNER.password, "OWNER");
  await addMember(slug, MEMBER.email, MEMBER.password, "MEMBER");
  await ensureUser(MEMBER.email, MEMBER.password);
});

test("the owner renames the workspace, sets an accent colour and uploads a logo shown in the header", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`${ws()}/settings`);
  const nav = page.getByRole("navigation", { name: "Settings" });
  for (const link of ["General", "Domain", "Audit log", "Data export", "Danger zone"]) await expect(nav.getByRole("link", { name: link })).toBeVisible();

  await page.getByLabel("Workspace name").fill("Renamed Works");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The workspace is now called “Renamed Works”." }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("banner").getByText("Renamed Works")).toBeVisible();

  await page.locator('input[type="color"]').fill("#ff0000");
  await page.getByRole("button", { name: "Save colour" }).click();
  await expect(page.getByText("Accent colour set to #ff0000.").first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCSS("background-color", "rgb(255, 0, 0)");

  // SVG is refused; a PNG is accepted and appears in the header.
  await page.getByLabel("Logo").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "SVG is not accepted" }).first()).toBeVisible();
  await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("Logo updated.").first()).toBeVisible();
  await page.reload();
  const logo = page.getByTestId("workspace-logo");
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  // From Node (no *.localhost resolver there): the server's address with the workspace's Host.
  const served = await page.request.get(direct((await logo.getAttribute("src"))!), { headers: { host: hostOf(slug) } });
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["cache-control"]).toContain("immutable");
});

test("the audit log is there for the owner, with readable entries; a MEMBER gets 403", async ({ page, browser }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`${ws()}/settings/audit`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByText("Renamed the workspace from “Settings Works” to “Renamed Works”")).toBeVisible();
  await page.getByLabel("Action").selectOption("workspace.logo_changed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-entry")).toHaveCount(1);

  const member = await (await browser.newContext()).newPage();
  await signIn(member, MEMBER.email, MEMBER.password);
  await member.goto(`${ws()}/settings`);
  const nav = member.getByRole("navigation", { name: "Settings" });
  await expect(nav.getByRole("link", { name: "General" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Danger zone" })).toHaveCount(0);
  const res = await member.goto(`${ws()}/settings/audit`);
  expect(res?.status()).toBe(403);
  await expect(member.getByRole("heading", { name: "This section is not available to your role" })).toBeVisible();
  await expect(member.getByText("Renamed the workspace")).toHaveCount(0);
  await member.context().close();
});

test("a custom domain is added, verified through DNS, and the workspace answers there signed in", async () => {
  // A second Chromium whose resolver sends the custom domain (port 80) to this server.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", `--host-resolver-rules=MAP ${DOMAIN}:80 127.0.0.1:${PORT}`, "--disable-features=HttpsUpgrades"],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, OWNER.email, OWNER.password);
    await page.goto(`${ws()}/settings/domain`);
    await page.getByRole("textbox", { name: "Domain" }).fill(DOMAIN.toUpperCase());
    await page.getByRole("button", { name: "Add domain" }).click();
    await expect(page.getByTestId("dns-txt-name")).toHaveText(`_tenantry.${DOMAIN}`);
    await expect(page.getByTestId("dns-cname-value")).toHaveText("localhost");
    const txtValue = (await page.getByTestId("dns-txt-value").textContent())!.trim();
    expect(txtValue).toMatch(/^tenantry-verify=/);

    // Before the record exists: refused, and the domain is a friendly 404.
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "No TXT record" }).first()).toBeVisible();
    const api = await playwrightRequest.newContext();
    expect((await api.get(direct("/"), { headers: { host: DOMAIN } })).status()).toBe(404);

    fs.writeFileSync(DNS_FILE, JSON.stringify({ [`_tenantry.${DOMAIN}`]: [txtValue] }));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText(`${DOMAIN} is verified: the workspace now answers there.`).first()).toBeVisible();

    // The workspace answers on the domain (its sign-in page names it), found from the Host header.
    const signInPage = await api.get(direct("/sign-in"), { headers: { host: DOMAIN } });
    expect(signInPage.status()).toBe(200);
    expect(await signInPage.text()).toContain("Sign in to Renamed Works");
    await api.dispose();

    // "Open on <domain>": a handoff to the domain's origin; the owner lands there signed in.
    await page.getByRole("button", { name: `Open on ${DOMAIN}` }).click();
    await page.waitForURL(`http://${DOMAIN}/`);
    await expect(page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Settings" })).toBeVisible();
    await page.goto(`http://${DOMAIN}/settings`);
    await expect(page.getByLabel("Workspace name")).toHaveValue("Renamed Works");

    // A fresh visitor signs in on the domain itself with email and password.
    const visitor = await (await browser.newContext()).newPage();
    await signIn(visitor, MEMBER.email, MEMBER.password, `http://${DOMAIN}`);
    await expect(visitor).toHaveURL(`http://${DOMAIN}/`);
    await expect(visitor.getByRole("banner").getByText("Renamed Works")).toBeVisible();
  } finally {
    await browser.close();
  }
});

test("changing the subdomain lands the owner signed in on the new host; the old host redirects", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`${ws()}/settings`);
  const oldHost = hostOf(slug);
  const next = `moved-${RUN}`;
  // A refused address stays in the field, to be corrected (React resets forms after actions).
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByLabel("Workspace address").fill("Not A Subdomain!");
  await page.getByRole("button", { name: "Change subdomain" }).click();
  await expect(page.locator("main").getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("Workspace address")).toHaveValue("Not A Subdomain!");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByLabel("Workspace address").fill(next);
  await page.getByRole("button", { name: "Change subdomain" }).click();
  await page.waitForURL(`http://${hostOf(next)}/settings`);
  slug = next;
  await expect(page.getByLabel("Workspace address")).toHaveValue(next); // signed in: the settings form
  await expect(page.getByRole("navigation", { name: "Primary" })).toBeVisible();

  const api = await playwrightRequest.newContext();
  const moved = await api.get(direct("/customers?q=x"), { headers: { host: oldHost }, maxRedirects: 0 });
  expect(moved.status()).toBe(308);
  expect(moved.headers()["location"]).toBe(`http://${hostOf(next)}/customers?q=x`);
  await api.dispose();
  await page.goto(`http://${oldHost}/settings/audit`);
  await expect(page).toHaveURL(`http://${hostOf(next)}/settings/audit`);
  await expect(page.getByText(/Changed the subdomain from/)).toBeVisible();
});
