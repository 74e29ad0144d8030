// Billing end to end (issue 5) against the local Stripe that run-app.mjs starts for the e2e
// server (playwright.config.ts: STRIPE_LOCAL_PORT, webhooks to this server, GRACE_DAYS=0):
// a new workspace on its trial upgrades through Checkout, sees Pro limits, downgrades in the
// portal, a failed renewal makes it past_due (banner, e-mail), a paid one recovers it, and a
// cancellation at period end leaves it read-only (reads work, writes explain why). A member
// sees no billing.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, PORT, sessionCookie } from "./support/auth";
import { sql } from "./support/database";
import { latestEmail } from "./support/mail";

const ROOT = `http://localhost:${PORT}`;

function stripeUrl(path: string): string {
  const port = process.env.TENANTRY_E2E_STRIPE_PORT;
  if (!port) throw new Error("TENANTRY_E2E_STRIPE_PORT is not set: run through playwright.config.ts");
  return `http://127.0.0.1:${port}${path}`;
}

async function control(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(stripeUrl(`/_control/${path}`), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`local Stripe ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function subscriptionOf(slug: string): Promise<string> {
  const [row] = await sql<{ id: string | null }>(`SELECT stripe_subscription_id AS id FROM tenant WHERE slug = $1`, [slug]);
  if (!row?.id) throw new Error(`${slug} has no subscription`);
  return row.id;
}

/** Reloads `path` until `check` passes (webhooks arrive asynchronously). */
async function eventually(page: Page, url: string, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
}

async function openPortal(page: Page, billing: string) {
  await page.goto(billing);
  await page.getByRole("button", { name: "Manage billing" }).click();
  await expect(page).toHaveURL(/\/portal\/[A-Za-z0-9_]+$/);
  await expect(page.getByText("Local Stripe — test mode")).toBeVisible();
}

test("a new workspace: trial → Pro through Checkout → Starter in the portal → past_due → recovered → canceled and read-only", async ({ page }) => {
  test.setTimeout(150_000);
  const slug = `bill-${crypto.randomBytes(3).toString("hex")}`;
  const owner = `owner@${slug}.test`;
  const home = `http://${hostOf(slug)}/`;
  const billing = `http://${hostOf(slug)}/billing`;
  const banner = page.getByTestId("billing-banner");

  // Sign up: the workspace starts on the documented 14-day card-less trial of Pro.
  await page.goto(`${ROOT}/signup`);
  await page.getByLabel("Workspace name").fill("Billing Journey");
  await page.getByLabel("Subdomain").fill(slug);
  await page.getByLabel("Email", { exact: true }).fill(owner);
  await page.getByLabel("Password").fill("billing-password-ok");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(`${home}?welcome=1`);
  await expect(banner).toHaveAttribute("data-kind", "trial");
  await expect(banner).toContainText("Your free trial of Pro ends in 14 days.");

  // Upgrade through Checkout (the local Stripe's test page, card 4242…).
  await page.goto(billing);
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(banner).toHaveCount(0); // not on the Billing page itself
  await page.getByRole("button", { name: "Pro monthly" }).click();
  await expect(page).toHaveURL(/\/checkout\/[A-Za-z0-9_]+$/);
  await expect(page.getByText("Local Stripe — test mode")).toBeVisible();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(new RegExp(`^${billing.replace(/[.]/g, "\\.")}\\?checkout=success`));
  await eventually(page, billing, async () => {
    await expect(page.getByText(/Subscription: Active · renews on/)).toBeVisible({ timeout: 500 });
  });
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("usage-seats")).toHaveText("1 of 100");
  await expect(page.getByTestId("usage-customers")).toHaveText("0 of unlimited");
  await expect(page.getByRole("button", { name: "Pro monthly" })).toHaveCount(0); // one subscription per tenant
  await page.goto(home);
  await expect(banner).toHaveCount(0); // paid: no trial banner

  // Downgrade to Starter in the billing portal, and return to the billing page.
  await openPortal(page, billing);
  await page.getByLabel("Change plan").selectOption("price_starter_monthly");
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByRole("status")).toHaveText("Plan changed.");
  await page.getByRole("link", { name: "Return to Tenantry" }).click();
  await expect(page).toHaveURL(billing);
  await eventually(page, billing, async () => {
    await expect(page.getByTestId("current-plan")).toHaveText("Starter", { timeout: 500 });
  });
  await expect(page.getByTestId("usage-seats")).toHaveText("1 of 10");

  // A failed renewal: a card that fails on the next charge, then the renewal → past_due.
  await openPortal(page, billing);
  await page.getByLabel("Payment card").fill("4000 0000 0000 0341");
  await page.getByRole("button", { name: "Update card" }).click();
  await expect(page.getByRole("status")).toHaveText("Card updated.");
  const subscription = await subscriptionOf(slug);
  const failedAt = new Date(Date.now() - 1000);
  await control("renew", { subscription });
  await eventually(page, home, async () => {
    await expect(banner).toHaveAttribute("data-kind", "past-due", { timeout: 500 });
  });
  await expect(banner).toContainText("The last payment for the Starter plan failed.");
  await expect(banner.getByRole("link", { name: "Go to Billing" })).toHaveAttribute("href", "/billing");
  const mail = await latestEmail(owner, { template: "payment-failed", after: failedAt });
  expect(mail.text).toContain("/billing");
  await page.goto(billing);
  await expect(page.getByText("Subscription: Past due")).toBeVisible();

  // Recovery: the renewal is paid (a good card) → active, banner gone.
  await control("renew", { subscription, outcome: "paid" });
  await eventually(page, home, async () => {
    await expect(banner).toHaveCount(0, { timeout: 500 });
  });
  await page.goto(billing);
  await expect(page.getByText(/Subscription: Active/)).toBeVisible();

  // Cancel at period end in the portal, then the local Stripe's clock passes the period end
  // (GRACE_DAYS=0): the workspace is read-only, reads work, writes are refused with the reason.
  await openPortal(page, billing);
  await page.getByRole("button", { name: "Cancel at period end" }).click();
  await expect(page.getByRole("status")).toHaveText("Your subscription will be canceled at the end of the period.");
  await eventually(page, billing, async () => {
    await expect(page.getByText(/Subscription: Active · ends on/)).toBeVisible({ timeout: 500 });
  });
  const canceledAt = new Date(Date.now() - 1000);
  await control("advance-clock", { days: 40 });
  await eventually(page, home, async () => {
    await expect(banner).toHaveAttribute("data-kind", "read-only", { timeout: 500 });
  });
  await expect(banner).toContainText("This workspace is read-only because its subscription has ended.");
  await latestEmail(owner, { template: "subscription-canceled", after: canceledAt });

  await page.goto(`http://${hostOf(slug)}/members`);
  await expect(page.getByText(owner).first()).toBeVisible(); // reads still work
  await page.getByLabel("Email address").fill(`new@${slug}.test`);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const inviteForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Send invitation" }) });
  await expect(inviteForm.getByRole("alert")).toContainText(
    "This workspace is read-only because its subscription has ended.",
  );
  const [invited] = await sql<{ n: string }>(`SELECT count(*) AS n FROM invitation i JOIN tenant t ON t.id = i.tenant_id WHERE t.slug = $1`, [slug]);
  expect(Number(invited!.n)).toBe(0);
  await page.goto(billing);
  await expect(page.getByText("Subscription: Canceled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pro monthly" })).toBeVisible(); // subscribing again lifts it
});

test("a MEMBER sees no billing: no Billing page content, no portal button, no past-due banner", async ({ page, context }) => {
  const email = `member-billing-${crypto.randomBytes(3).toString("hex")}@acme.test`;
  await addMember("acme", email, "member-password-ok", "MEMBER");
  await addSessionToBrowser(context, hostOf("acme"), await sessionCookie(hostOf("acme"), email, "member-password-ok"));
  await page.goto(`http://${hostOf("acme")}/billing`);
  await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  await expect(page.getByText("Only owners and admins can see billing.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Manage billing" })).toHaveCount(0);
  await expect(page.getByTestId("current-plan")).toHaveCount(0);
  await page.goto(`http://${hostOf("acme")}/`);
  await expect(page.getByTestId("billing-banner")).toHaveCount(0); // the trial banner is for owners and admins
});
