// The founder console at the admin host (issue 6): a founder signs in with a password and
// TOTP, finds `acme`, suspends it (acme shows the suspension page) and reactivates it; a
// workspace owner and an anonymous visitor get nothing; a tenant host's session cookie is
// worthless on the admin host. Runs after the other specs (project "console" in
// playwright.config.ts) because it suspends the shared demo workspace.
import { expect, test, type Page } from "@playwright/test";
import { totp } from "../lib/admin/totp";
import { addSessionToBrowser, DEMO, direct, ensureUser, hostOf, PORT, sessionCookie } from "./support/auth";
import { sql } from "./support/database";

const ADMIN = `admin.localhost:${PORT}`;
const admin = (path = "/") => `http://${ADMIN}${path}`;
const FOUNDER = { email: "founder@tenantry.test", password: "founder-password-123" };
const CONSOLE_PATHS = ["/", "/tenants", "/tenants?q=acme", "/audit"];

test.describe.configure({ mode: "serial" });

let secret = "";
let recovery = "";
let recovery2 = "";
let acmeId = "";

test.beforeAll(async () => {
  await ensureUser(FOUNDER.email, FOUNDER.password); // email verified; listed in FOUNDER_EMAILS
  const [acme] = await sql<{ id: string }>(`SELECT id FROM tenant WHERE slug = 'acme'`);
  acmeId = acme!.id;
});

async function passwordSignIn(page: Page, email: string, password: string) {
  await page.goto(admin("/"));
  await expect(page).toHaveURL(admin("/sign-in"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("founder: password, TOTP enrollment, finds acme, suspends and reactivates it", async ({ page, browser }) => {
  await passwordSignIn(page, FOUNDER.email, FOUNDER.password);
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from your authenticator app").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  // Kept for a later session (support access), whose TOTP step would already be spent.
  recovery = (await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").first().textContent())!.trim();
  recovery2 = (await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").nth(1).textContent())!.trim();
  await page.getByRole("link", { name: "Continue to the console" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: /^MRR$/ })).toBeVisible();

  // Find acme by searching.
  await page.getByRole("link", { name: "Tenants" }).click();
  await page.getByLabel("Search by name, subdomain or owner email").fill("acme");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Acme Inc.", exact: true }).click();
  await expect(page).toHaveURL(admin(`/tenants/${acmeId}`));
  await expect(page.getByTestId("tenant-status")).toHaveText("active");

  const tenantPage = await browser.newPage();
  try {
    // Suspend → the workspace host shows the suspension page.
    await page.getByLabel("Reason (recorded in the audit logs)").fill("e2e: suspension check");
    await page.getByRole("button", { name: "Suspend Acme Inc." }).click();
    await expect(page.getByText("Acme Inc. is suspended.")).toBeVisible();
    await expect(page.getByTestId("tenant-status")).toHaveText("suspended");
    await tenantPage.goto(`http://${hostOf("acme")}/`);
    await expect(tenantPage.getByRole("heading", { name: "Acme Inc. is suspended" })).toBeVisible();
    const api = await tenantPage.request.get(direct("/api/workspace"), { headers: { host: hostOf("acme") } });
    expect(api.status()).toBe(403);

    // Reactivate → restored (signed out: the sign-in page of the workspace, not the suspension page).
    await page.getByLabel("Reason (recorded in the audit logs)").fill("e2e: restore");
    await page.getByRole("button", { name: "Reactivate Acme Inc." }).click();
    await expect(page.getByText("Acme Inc. is active again.")).toBeVisible();
    await tenantPage.goto(`http://${hostOf("acme")}/`);
    await expect(tenantPage).toHaveURL(new RegExp(`^http://${hostOf("acme")}/sign-in(\\?callbackUrl=%2F)?$`));
    await expect(tenantPage.getByRole("heading", { name: "Sign in to Acme Inc." })).toBeVisible();

    // A refused form keeps what was typed: broken JSON in the plan overrides is explained, and
    // the text and the reason stay to be fixed (nothing saved).
    const overridesNow = async () => (await sql<{ o: unknown }>("SELECT plan_overrides AS o FROM tenant WHERE id = $1", [acmeId]))[0]!.o;
    const saved = await overridesNow();
    const overrides = page.getByLabel(/^Overrides \(JSON/);
    await overrides.fill('{"limits": {"seats": 20}');
    await page.getByLabel("Reason: Save plan overrides (audit log)").fill("e2e: typo check");
    await page.getByRole("button", { name: "Save plan overrides" }).click();
    await expect(page.getByRole("form", { name: "Save plan overrides" }).getByRole("alert")).toHaveText('Overrides must be JSON, e.g. {"limits":{"seats":20}}.');
    await expect(overrides).toHaveValue('{"limits": {"seats": 20}');
    await expect(page.getByLabel("Reason: Save plan overrides (audit log)")).toHaveValue("e2e: typo check");
    expect(await overridesNow()).toEqual(saved);
  } finally {
    await tenantPage.close();
  }

  // Both changes are in the platform audit log (founder as actor) and in acme's own audit log.
  await page.goto(admin("/audit?action=admin.tenant&tenant=acme"));
  await expect(page.getByRole("cell", { name: "admin.tenant.suspend", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "admin.tenant.reactivate", exact: true })).toBeVisible();
  const rows = await sql<{ action: string; actor_label: string }>(
    `SELECT action, actor_label FROM audit_log WHERE tenant_id = $1 AND action IN ('workspace.suspended', 'workspace.reactivated') ORDER BY created_at`,
    [acmeId],
  );
  expect(rows).toEqual([
    { action: "workspace.suspended", actor_label: `Tenantry support (${FOUNDER.email})` },
    { action: "workspace.reactivated", actor_label: `Tenantry support (${FOUNDER.email})` },
  ]);
});

test("founder: a new session needs the second factor again", async ({ page }) => {
  expect(secret).not.toBe("");
  await passwordSignIn(page, FOUNDER.email, FOUNDER.password);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  // Without the second factor, console pages are the sign-in page.
  await page.goto(admin("/tenants"));
  await expect(page).toHaveURL(admin("/sign-in"));
  // The next step's code (within ±1; the enrollment spent the current one: single use is covered in
  // test/integration/admin.test.ts).
  await page.getByLabel("Authentication code").fill(totp(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("a workspace owner and an anonymous visitor get only the sign-in page", async ({ page, request }) => {
  for (const path of CONSOLE_PATHS.concat(`/tenants/${acmeId}`)) {
    const res = await request.get(direct(path), { headers: { host: ADMIN }, maxRedirects: 0 });
    expect([307, 404], path).toContain(res.status());
    if (res.status() === 307) expect(res.headers()["location"], path).toMatch(/\/sign-in$/);
    expect(await res.text(), path).not.toContain("Acme Inc.");
  }
  await passwordSignIn(page, DEMO.email, DEMO.password);
  await expect(page.getByText("This account has no access to the founder console.")).toBeVisible();
  for (const path of CONSOLE_PATHS.concat(`/tenants/${acmeId}`)) {
    await page.goto(admin(path));
    await expect(page, path).toHaveURL(admin("/sign-in"));
    await expect(page.getByRole("heading", { name: "Founder console" })).toBeVisible();
    expect(await page.content()).not.toContain("Acme Inc.");
  }
});

test("a tenant host's session cookie is worthless on the admin host", async ({ page, request }) => {
  // The founder is a member of acme here, so the copied cookie is a platform admin's session.
  await sql(
    `INSERT INTO membership (tenant_id, id, user_id, role, updated_at)
     SELECT t.id, gen_random_uuid(), u.id, 'MEMBER', now() FROM tenant t, app_user u
      WHERE t.slug = 'acme' AND u.email = $1 ON CONFLICT DO NOTHING`,
    [FOUNDER.email],
  );
  const cookie = await sessionCookie(hostOf("acme"), FOUNDER.email, FOUNDER.password);
  const value = cookie.slice(cookie.indexOf("=") + 1);
  // Under the tenant cookie's name and under the admin cookie's name.
  for (const header of [`tenantry.session=${value}`, `tenantry.admin-session=${value}`]) {
    const res = await request.get(direct("/tenants"), { headers: { host: ADMIN, cookie: header }, maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers()["location"]).toMatch(/\/sign-in$/);
    const session = await request.get(direct("/api/auth/session"), { headers: { host: ADMIN, cookie: header } });
    expect(await session.text()).not.toContain(FOUNDER.email);
  }
  await page.context().addCookies([
    { name: "tenantry.session", value, url: admin("/") },
    { name: "tenantry.admin-session", value, url: admin("/") },
  ]);
  await page.goto(admin("/"));
  await expect(page).toHaveURL(admin("/sign-in"));
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("founder: support access opens acme read-only with a banner on every page, recorded in both audit logs", async ({ page }) => {
  expect(recovery).not.toBe("");
  await passwordSignIn(page, FOUNDER.email, FOUNDER.password);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await page.goto(admin(`/tenants/${acmeId}`));
  await page.getByLabel("Reason for support access (audit log; the owners see it)").fill("e2e: support check");
  await page.getByRole("button", { name: "Open Acme Inc. as support (read-only, 30 min)" }).click();
  const acme = (path: string) => `http://acme.localhost:${PORT}${path}`;
  await expect(page).toHaveURL(acme("/"));
  const banner = page.getByTestId("support-banner");
  await expect(banner).toContainText(`Support access by ${FOUNDER.email} — read-only — ends at`);
  for (const path of ["/members", "/billing"]) {
    await page.goto(acme(path));
    await expect(banner, path).toBeVisible();
  }
  // A viewer's screens: no write forms (and the server refuses writes: test/integration/admin-support.test.ts).
  await page.goto(acme("/members"));
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);

  const workspace = await sql<{ action: string; actor_label: string }>(
    `SELECT action, actor_label FROM audit_log WHERE tenant_id = $1 AND action = 'support.started'`,
    [acmeId],
  );
  expect(workspace).toEqual([{ action: "support.started", actor_label: "Tenantry support" }]);
  const platform = await sql<{ action: string }>(
    `SELECT action FROM platform_audit_event WHERE subject_tenant_id = $1 AND action LIKE 'admin.support.%' ORDER BY created_at`,
    [acmeId],
  );
  expect(platform.map((r) => r.action)).toEqual(["admin.support.start", "admin.support.enter"]);
});

test("founder: support access widened in the console can change acme, ended in the console signs it out; owners see all three", async ({ page, context, browser }) => {
  expect(recovery2).not.toBe("");
  const acme = (path: string) => `http://acme.localhost:${PORT}${path}`;
  // The previous test's session is in another browser context: sign in again (the second
  // recovery code; the first was spent, and so may be the current TOTP steps).
  await passwordSignIn(page, FOUNDER.email, FOUNDER.password);
  await page.getByLabel("Authentication code").fill(recovery2);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  // The overview's MRR chart and the 30-day rates with their definitions.
  await expect(page.getByTestId("mrr-chart")).toBeVisible();
  await expect(page.getByTestId("mrr-chart").getByRole("img")).toHaveAttribute("aria-label", /^MRR over time/);
  await expect(page.getByTestId("kpi-churn")).toBeVisible();
  await expect(page.getByTestId("kpi-conversion")).toBeVisible();
  await expect(page.getByRole("list", { name: "Definitions" })).toContainText("Trials that ended in the last 30 days");

  await page.goto(admin(`/tenants/${acmeId}`));
  await page.getByLabel("Reason for support access (audit log; the owners see it)").fill("e2e: widen and end");
  await page.getByRole("button", { name: "Open Acme Inc. as support (read-only, 30 min)" }).click();
  await expect(page).toHaveURL(acme("/"));
  const banner = page.getByTestId("support-banner");
  await expect(banner).toContainText("— read-only —");
  await page.goto(acme("/customers/new"));
  await expect(page.getByRole("button", { name: "Create customer" })).toHaveCount(0);

  // The console, in another tab of the same browser (its own host-only cookie).
  const consoleTab = await context.newPage();
  try {
    await consoleTab.goto(admin(`/tenants/${acmeId}`));
    const session = consoleTab.getByTestId("support-session").filter({ hasText: "e2e: widen and end" });
    await expect(session.getByTestId("support-session-mode")).toHaveText("read-only");
    // Widening needs a reason.
    await session.getByRole("button", { name: "Widen to read-write" }).click();
    await expect(session.getByText("Say why support needs to make changes")).toBeVisible();
    await session.getByLabel("Why support must make changes (required; the owners see it)").fill("e2e: customer asked us to add a record");
    await session.getByRole("button", { name: "Widen to read-write" }).click();
    await expect(consoleTab.getByText("The support session can make changes now.")).toBeVisible();
    await expect(session.getByTestId("support-session-mode")).toHaveText("read-write");

    // At once on the workspace host: the banner says so and a write goes through.
    const marker = `Support-made ${Date.now()}`;
    await page.goto(acme("/customers/new"));
    await expect(banner).toContainText("— can make changes —");
    await page.getByLabel("Name", { exact: true }).fill(marker);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: marker })).toBeVisible();
    const created = await sql<{ actor_label: string }>(
      `SELECT a.actor_label FROM audit_log a JOIN customer c ON c.id::text = a.target_id WHERE a.tenant_id = $1 AND c.name = $2`,
      [acmeId, marker],
    );
    expect(created.map((r) => r.actor_label)).toContain("Tenantry support");

    // End now: the workspace session is signed out at its next request.
    await session.getByRole("button", { name: "End now" }).click();
    await expect(consoleTab.getByText("The support session has ended.")).toBeVisible();
    await expect(consoleTab.getByTestId("support-session").filter({ hasText: "e2e: widen and end" })).toHaveCount(0);
  } finally {
    await consoleTab.close();
  }
  await page.goto(acme("/customers"));
  await expect(page).toHaveURL(/^http:\/\/acme\.localhost:\d+\/sign-in/);
  await expect(page.getByTestId("support-banner")).toHaveCount(0);
  // The browser still holds the cookie; the workspace API answers as for no session.
  const api = await page.goto(acme("/api/workspace"));
  expect(api?.status()).toBe(401);

  // The owners' audit log: start, widen and end, by "Tenantry support", with the reasons.
  const workspace = await sql<{ action: string; actor_label: string; reason: string }>(
    `SELECT action, actor_label, data->>'reason' AS reason FROM audit_log WHERE tenant_id = $1 AND action LIKE 'support.%' ORDER BY created_at DESC LIMIT 3`,
    [acmeId],
  );
  expect(workspace.reverse()).toEqual([
    { action: "support.started", actor_label: "Tenantry support", reason: "e2e: widen and end" },
    { action: "support.widened", actor_label: "Tenantry support", reason: "e2e: customer asked us to add a record" },
    { action: "support.ended", actor_label: "Tenantry support", reason: "support access ended" },
  ]);
  // …and the owner sees them on the workspace's audit page (/settings/audit).
  const ownerContext = await browser.newContext();
  try {
    await addSessionToBrowser(ownerContext, hostOf("acme"), await sessionCookie(hostOf("acme"), DEMO.email, DEMO.password));
    const owner = await ownerContext.newPage();
    await owner.goto(acme("/settings/audit?actor=support"));
    for (const action of ["support.started", "support.widened", "support.ended"]) {
      await expect(owner.getByRole("table").getByText(action, { exact: true }).first(), action).toBeVisible();
    }
  } finally {
    await ownerContext.close();
  }
});
