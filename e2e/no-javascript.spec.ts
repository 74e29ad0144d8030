// The workspace without JavaScript: forms are plain posts to their server actions (progressive
// enhancement, components/ui/use-toasting-action.ts), so a member whose browser runs no script
// signs in, adds a customer, changes settings, starts Checkout and deletes an account, sees each
// result in the form, and bad input is refused with its message and changes nothing. Where an
// action sends the user on (sign-in, a created customer, Stripe), the page offers "Continue"
// (components/auth/follow-redirect.tsx).
// Limit (docs/ui.md): a page whose data arrives after the first flush streams it behind the
// workspace's loading boundary, and only script reveals it.
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, PORT, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const slug = `nojs-${RUN}`;
const slug2 = `nojs2-${RUN}`;
const OWNER = { email: `owner@nojs-${RUN}.test`, password: "owner-password-1" };
const ROOT_HOST = `localhost:${PORT}`;

test.use({ javaScriptEnabled: false });

/** Each test's own workspace, made by the test itself (a beforeAll runs once per worker). */
async function workspace(s: string) {
  await createWorkspace(s, "Scriptless Works", "First customer");
  await addMember(s, OWNER.email, OWNER.password, "OWNER");
}

test("an owner without JavaScript renames the workspace and sets its colour; bad input changes nothing", async ({ page, context }) => {
  await workspace(slug);
  await addSessionToBrowser(context, hostOf(slug), await sessionCookie(hostOf(slug), OWNER.email, OWNER.password));
  await page.goto(`http://${hostOf(slug)}/settings`);
  await expect(page.getByRole("banner").getByText("Scriptless Works")).toBeVisible();

  await page.getByLabel("Workspace name").fill("Plain Post Works");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The workspace is now called “Plain Post Works”." })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Plain Post Works")).toBeVisible();
  expect((await sql<{ name: string }>("SELECT name FROM tenant WHERE slug = $1", [slug]))[0]!.name).toBe("Plain Post Works");

  await page.getByLabel("Workspace name").fill("   ");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /name/i })).toBeVisible();
  expect((await sql<{ name: string }>("SELECT name FROM tenant WHERE slug = $1", [slug]))[0]!.name).toBe("Plain Post Works");

  await page.locator('input[type="color"]').fill("#00aa55");
  await page.getByRole("button", { name: "Save colour" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accent colour set to #00aa55." })).toBeVisible();
  expect((await sql<{ accent_color: string }>("SELECT accent_color FROM tenant WHERE slug = $1", [slug]))[0]!.accent_color).toBe("#00aa55");
});

test("a member without JavaScript signs in and adds a customer, following Continue after each", async ({ page }) => {
  await workspace(slug2);
  const ws = `http://${hostOf(slug2)}`;
  await page.goto(`${ws}/customers/new`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email", { exact: true }).fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${ws}/customers/new`);

  await page.getByLabel("Name", { exact: true }).fill("Noscript Buyer");
  await page.getByLabel("Email (optional)").fill("not-an-email");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Noscript Buyer"); // what was typed stays
  expect(await sql("SELECT 1 FROM customer c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = $1 AND c.name = 'Noscript Buyer'", [slug2])).toHaveLength(0);

  await page.getByLabel("Email (optional)").fill("buyer@noscript.test");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\?created=1$/);
  const [created] = await sql<{ id: string }>("SELECT c.id FROM customer c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = $1 AND c.name = 'Noscript Buyer' AND c.email = 'buyer@noscript.test'", [slug2]);
  expect(page.url()).toContain(`/customers/${created!.id}?`);
  // (The customer page itself streams behind the workspace's loading boundary: without script
  // its content may stay in the hidden streamed part — docs/ui.md.)
});

test("an owner without JavaScript starts Checkout from the billing page, following Continue", async ({ page, context }) => {
  const slug3 = `nojs3-${RUN}`;
  await workspace(slug3);
  await addSessionToBrowser(context, hostOf(slug3), await sessionCookie(hostOf(slug3), OWNER.email, OWNER.password));
  await page.goto(`http://${hostOf(slug3)}/billing`);
  await page.getByRole("button", { name: "Pro monthly" }).click();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/checkout\/[A-Za-z0-9_]+$/);
  await expect(page.getByText("Local Stripe — test mode")).toBeVisible();
});

test("a member without JavaScript deletes their account: a wrong password changes nothing; then signed out", async ({ page, context }) => {
  const slug4 = `nojs4-${RUN}`;
  await workspace(slug4);
  const email = `leaver@nojs-${RUN}.test`;
  await addMember(slug4, email, OWNER.password, "MEMBER");
  await addSessionToBrowser(context, ROOT_HOST, await sessionCookie(ROOT_HOST, email, OWNER.password));
  await page.goto(`http://${ROOT_HOST}/account`);
  await page.getByLabel(/Type your e-mail address/).fill(email);
  await page.getByLabel("Your password").fill("not the password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That password is not correct." })).toBeVisible();
  expect(await sql("SELECT 1 FROM app_user WHERE email = $1", [email])).toHaveLength(1);

  await page.getByLabel(/Type your e-mail address/).fill(email);
  await page.getByLabel("Your password").fill(OWNER.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(`http://${ROOT_HOST}/?account=deleted`);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  expect(await sql("SELECT 1 FROM app_user WHERE email = $1", [email])).toHaveLength(0);
});
