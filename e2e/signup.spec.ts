// Identity end to end (issue 4): signup with live subdomain checks, landing signed in on the
// new workspace's host, sign-in/out per host, handoff from the root, password reset and magic
// link through the outbox, lockout, and 403 for a signed-in non-member (threat A1).
import { expect, test, type Page } from "@playwright/test";
import { addMember, DEMO, ensureUser, hostOf, PORT } from "./support/auth";
import { createWorkspace } from "./support/database";
import { extractLink, latestEmail } from "./support/mail";

const ROOT = `http://localhost:${PORT}`;

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("sign up acme2: live availability, then land signed in on acme2 with the checklist", async ({ page }) => {
  await page.goto(`${ROOT}/signup`);
  await page.getByLabel("Workspace name").fill("Acme Two");
  await expect(page.getByLabel("Subdomain")).toHaveValue("acme-two"); // pre-filled from the name
  await page.getByLabel("Subdomain").fill("acme2");
  await expect(page.getByText(`acme2.localhost:${PORT} is available.`)).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill("founder@acme2.test");
  await page.getByLabel("Password").fill("acme2-password-ok");
  await page.getByRole("button", { name: "Create workspace" }).click();

  await expect(page).toHaveURL(`http://acme2.localhost:${PORT}/?welcome=1`);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Two" })).toBeVisible();
  await expect(page.getByText("Signed in as founder@acme2.test")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Get started" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Acme Two is ready." })).toBeVisible();
  await expect(page.getByText("Verify your email address")).toBeVisible();
  // The open steps lead to where they are done.
  await expect(page.getByRole("link", { name: "Invite your teammates" })).toHaveAttribute("href", "/members");
  await expect(page.getByRole("link", { name: "Add your first customer" })).toHaveAttribute("href", "/customers/new");
  // A verification link was mailed at signup; a new one can be asked for from the checklist.
  const first = await latestEmail("founder@acme2.test", { template: "verify-email" });
  await page.getByRole("button", { name: "Send a new verification link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a new verification link to founder@acme2.test." })).toBeVisible();
  const second = await latestEmail("founder@acme2.test", { template: "verify-email", after: new Date(first.createdAt) });
  expect(second.id).not.toBe(first.id);
  await page.goto(extractLink(second, "/verify-email"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your email is verified");
  await page.goto(`http://acme2.localhost:${PORT}/`);
  await expect(page.getByText("Verify your email address")).toHaveClass(/line-through/);
  await expect(page.getByRole("button", { name: "Send a new verification link" })).toHaveCount(0);
});

test("a signed-in user creates another workspace from the root and lands in it as its owner; a taken name changes nothing", async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const maker = { email: `maker-${run}@shops.test`, password: "maker-password-1" };
  await ensureUser(maker.email, maker.password);
  // Signed out, signup points existing accounts to sign in first — and back here afterwards.
  await page.goto(`${ROOT}/signup`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${ROOT}/sign-in?callbackUrl=%2Fsignup`); // both pages have an Email field
  await signIn(page, maker.email, maker.password);
  await expect(page).toHaveURL(`${ROOT}/signup`);
  await expect(page.getByRole("heading", { level: 1, name: "Create another workspace" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${maker.email}`)).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveCount(0); // the account is the session's

  // A taken name: refused with its reason, what was typed stays, nothing is created.
  await page.getByLabel("Workspace name").fill("Second Shop");
  await page.getByLabel("Subdomain").fill("acme");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("already taken");
  await expect(page.getByLabel("Workspace name")).toHaveValue("Second Shop");

  await page.getByLabel("Subdomain").fill(`shop-${run}`);
  await expect(page.getByText(`shop-${run}.localhost:${PORT} is available.`)).toBeVisible();
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(`http://shop-${run}.localhost:${PORT}/?welcome=1`);
  await expect(page.getByRole("heading", { level: 1, name: "Second Shop" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${maker.email}`)).toBeVisible();

  await page.goto(ROOT);
  const workspaces = page.getByRole("listitem");
  await expect(workspaces).toHaveCount(1);
  await expect(workspaces.first()).toContainText(`Second Shop`);
  await expect(workspaces.first()).toContainText(`shop-${run} · owner`);
});

test("taken, reserved and invalid names are explained live, with available suggestions", async ({ page }) => {
  await page.goto(`${ROOT}/signup`);
  const subdomain = page.getByLabel("Subdomain");
  const status = page.locator("#subdomain-status");
  await subdomain.fill("acme");
  await expect(status).toContainText("already taken");
  await expect(status.getByRole("button", { name: "acme-hq" })).toBeVisible();
  await subdomain.fill("admin");
  await expect(status).toContainText("reserved");
  await subdomain.fill("-acme");
  await expect(status).toContainText("cannot start or end with a hyphen");
  await subdomain.fill("xn--80ak6aa92e");
  await expect(status).toContainText("two hyphens");
  await subdomain.fill("acme");
  await status.getByRole("button", { name: "acme-hq" }).click();
  await expect(subdomain).toHaveValue("acme-hq");
  await expect(status).toContainText("is available");
});

test("the check API: 400 for bad input, JSON answers otherwise", async ({ request }) => {
  const direct = (q: string) => `http://127.0.0.1:${PORT}/api/subdomains/check${q}`;
  const headers = { host: `localhost:${PORT}` };
  expect((await request.get(direct(""), { headers })).status()).toBe(400);
  expect((await request.get(direct(`?name=${"a".repeat(300)}`), { headers })).status()).toBe(400);
  const taken = await request.get(direct("?name=ACME"), { headers });
  expect(await taken.json()).toMatchObject({ name: "acme", available: false, reason: "This subdomain is already taken." });
});

test("sign in and out on a workspace host; sign-out is per host", async ({ page }) => {
  await page.goto(`http://${hostOf("acme")}/`);
  await expect(page).toHaveURL(`http://${hostOf("acme")}/sign-in`);
  await signIn(page, DEMO.email, "wrong password!!");
  await expect(page.locator("main").getByRole("alert")).toContainText("do not match an account");
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc.", exact: true })).toBeVisible();
  // The root host has its own (no) session.
  await page.goto(ROOT);
  await expect(page.getByRole("heading", { level: 1, name: "Tenantry" })).toBeVisible();
  await page.goto(`http://${hostOf("acme")}/`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`http://${hostOf("acme")}/sign-in`);
  await page.goto(`http://${hostOf("acme")}/`);
  await expect(page).toHaveURL(`http://${hostOf("acme")}/sign-in`);
});

test("root sign-in lists the user's workspaces; Open hands the session to the workspace host", async ({ page }) => {
  await page.goto(`${ROOT}/sign-in`);
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Your workspaces" })).toBeVisible();
  await page.getByRole("button", { name: "Open Acme Inc." }).click();
  await expect(page).toHaveURL(`http://${hostOf("acme")}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc.", exact: true })).toBeVisible();
});

test("password reset through the outbox link; the old password stops working", async ({ page }) => {
  const email = "reset-me@e2e.test";
  await createWorkspace("reset-e2e", "Reset Works", "RESET-MARKER");
  await addMember("reset-e2e", email, "old-password-123", "OWNER");
  await page.goto(`${ROOT}/forgot-password`);
  const since = new Date(Date.now() - 1000);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If that address has an account");
  const mail = await latestEmail(email, { template: "password-reset", after: since });
  const link = extractLink(mail, "/reset-password");
  expect(link.startsWith(`${ROOT}/reset-password?token=`)).toBe(true);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("new-password-456");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(`${ROOT}/sign-in?reset=1`);
  await signIn(page, email, "old-password-123");
  await expect(page.locator("main").getByRole("alert")).toBeVisible();
  await signIn(page, email, "new-password-456");
  await expect(page.getByRole("heading", { level: 1, name: "Your workspaces" })).toBeVisible();
  // The link was single use: opened again, it says so before any password is typed, and
  // leads to a new one.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This reset link is invalid or has expired" })).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(`${ROOT}/forgot-password`);
});

test("magic link: mailed with the canonical host, signs in once", async ({ page, browser }) => {
  const email = "magic@e2e.test";
  await ensureUser(email, "magic-password-123");
  await page.goto(`${ROOT}/sign-in`);
  const since = new Date(Date.now() - 1000);
  await page.getByLabel("Or get a sign-in link by email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status")).toContainText("sign-in link is on its way");
  const link = extractLink(await latestEmail(email, { template: "magic-link", after: since }), "/api/auth/callback/email");
  expect(link.startsWith(`${ROOT}/api/auth/callback/email?`)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Your workspaces" })).toBeVisible();
  // Reused in a fresh browser: refused.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await expect(second.getByRole("heading", { level: 1, name: "Your workspaces" })).toHaveCount(0);
  await other.close();
});

test("lockout after 5 failed attempts: even the right password is refused, with the same message", async ({ page }) => {
  const email = "lockme@e2e.test";
  await ensureUser(email, "right-password-1");
  await page.goto(`${ROOT}/sign-in`);
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-password-${i}`);
    await expect(page.locator("main").getByRole("alert")).toBeVisible();
  }
  await signIn(page, email, "right-password-1");
  await expect(page.locator("main").getByRole("alert")).toContainText("locked for 15 minutes");
  await expect(page.getByRole("heading", { level: 1, name: "Your workspaces" })).toHaveCount(0);
  const lockedAnswer = await page.locator("main").getByRole("alert").textContent();
  // Unknown address: the very same answer (no account enumeration, A7).
  await page.reload();
  await signIn(page, "nobody-here@e2e.test", "whatever-pass-1");
  await expect(page.locator("main").getByRole("alert")).toHaveText(lockedAnswer ?? "");
});

test("a member of another workspace gets 403 without workspace data (A1)", async ({ page }) => {
  await createWorkspace("other-co", "Other Co", "OTHER-MARKER");
  await addMember("other-co", "outsider@e2e.test", "outsider-password");
  await page.goto(`http://${hostOf("acme")}/sign-in`);
  await signIn(page, "outsider@e2e.test", "outsider-password");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this workspace");
  const res = await page.goto(`http://${hostOf("acme")}/`);
  expect(res?.status()).toBe(403);
  const html = await page.content();
  for (const secret of ["Globex", "Initech", "Customers"]) expect(html).not.toContain(secret);
});

test("a configured OAuth app appears on the root sign-in only (GitHub set, Google not)", async ({ page }) => {
  await page.goto("http://localhost:3100/sign-in");
  await expect(page.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue with Google" })).toHaveCount(0);
  await page.goto("http://acme.localhost:3100/sign-in");
  await expect(page.getByRole("button", { name: /Continue with/ })).toHaveCount(0);
});
