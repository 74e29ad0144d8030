// Customers end to end (issue 7, docs/crm.md): the demo owner creates a customer (a field error
// first), finds it by search, edits, archives and restores it; a VIEWER sees the list and the
// customer page without any create/edit controls, and replaying the owner's create action with
// the viewer's session is refused by the server.
import { expect, test, type Page, type Request } from "@playwright/test";
import { addMember, addSessionToBrowser, DEMO, direct, hostOf, sessionCookie } from "./support/auth";
import { sql } from "./support/database";

const HOST = hostOf("acme");
const WS = `http://${HOST}`;

test("an owner manages a customer; a viewer can only read, and the server refuses their writes", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Zephyr ${run}`;
  await addSessionToBrowser(page.context(), HOST, await sessionCookie(HOST, DEMO.email, DEMO.password));
  page.on("dialog", (dialog) => void dialog.accept());

  // Create: the header links to Customers; a bad email is shown next to its field.
  await page.goto(`${WS}/`);
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await page.getByRole("link", { name: "New customer" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New customer" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email (optional)").fill("not-an-email");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Email (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name); // what was typed stays
  await page.getByLabel("Email (optional)").fill(`buyer-${run}@zephyr.test`);
  await page.getByLabel("Company (optional)").fill("Zephyr Holdings");
  const created: Promise<Request> = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Create customer" }).click();
  const createRequest = await created;
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`${name} was added.`)).toBeVisible();
  expect(page.url()).toMatch(/\/customers\/[0-9a-f-]{36}\?created=1$/);
  const customerUrl = page.url().replace(/\?.*$/, "");

  // Find it by search (case-insensitive, by email).
  await page.goto(`${WS}/customers`);
  await page.getByLabel("Search customers").fill(`BUYER-${run.toUpperCase()}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/customers\?q=/);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.getByRole("link", { name }).click();

  // Edit.
  await page.getByLabel("Name", { exact: true }).fill(`${name} Ltd`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `${name} Ltd` })).toBeVisible();

  // Archive: it leaves the active list and shows under "Archived"; then restore.
  await page.getByRole("button", { name: "Archive customer" }).click();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: `${name} Ltd was archived.` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore customer" })).toBeVisible();
  await expect(page.getByText(/^Archived /)).toBeVisible();
  await page.goto(`${WS}/customers?q=${run}`);
  await expect(page.getByRole("heading", { name: "No customers match" })).toBeVisible();
  await page.getByRole("link", { name: "Archived", exact: true }).click();
  await expect(page.getByRole("link", { name: `${name} Ltd` })).toBeVisible();
  await page.getByRole("link", { name: `${name} Ltd` }).click();
  await page.getByRole("button", { name: "Restore customer" }).click();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: `${name} Ltd was restored.` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive customer" })).toBeVisible();
  const [row] = await sql<{ name: string; archived_at: Date | null }>(
    `SELECT c.name, c.archived_at FROM customer c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = 'acme' AND c.email = $1`,
    [`buyer-${run}@zephyr.test`],
  );
  expect(row).toEqual({ name: `${name} Ltd`, archived_at: null });
  const audit = await sql<{ action: string }>(
    `SELECT a.action FROM audit_log a JOIN tenant t ON t.id = a.tenant_id WHERE t.slug = 'acme' AND a.target_type = 'customer'
       AND a.target_id = $1 ORDER BY a.created_at, a.id`,
    [customerUrl.split("/").at(-1)],
  );
  expect(audit.map((a) => a.action)).toEqual(["customer.create", "customer.update", "customer.archive", "customer.restore"]);

  // A viewer reads the list and the customer, with no create/edit/archive controls.
  const viewerEmail = `viewer-${run}@acme.test`;
  await addMember("acme", viewerEmail, "viewer-password-1", "VIEWER");
  const viewerCookie = await sessionCookie(HOST, viewerEmail, "viewer-password-1");
  const viewerContext = await browser.newContext();
  await addSessionToBrowser(viewerContext, HOST, viewerCookie);
  const viewer: Page = await viewerContext.newPage();
  await viewer.goto(`${WS}/customers?q=${run}`);
  await expect(viewer.getByRole("link", { name: `${name} Ltd` })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New customer" })).toHaveCount(0);
  await viewer.goto(customerUrl);
  await expect(viewer.getByRole("heading", { level: 1, name: `${name} Ltd` })).toBeVisible();
  await expect(viewer.getByRole("main").getByRole("button")).toHaveCount(0);
  await expect(viewer.getByRole("main").getByRole("textbox")).toHaveCount(0);
  await viewer.goto(`${WS}/customers/new`);
  await expect(viewer.getByText("Only owners, admins and members can create customers.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Create customer" })).toHaveCount(0);

  // Replaying the owner's create action with the viewer's session: refused, nothing written.
  const replay = await viewerContext.request.post(direct("/customers/new"), {
    headers: {
      host: HOST,
      origin: WS,
      cookie: viewerCookie,
      accept: "text/x-component",
      "next-action": createRequest.headers()["next-action"]!,
      "content-type": createRequest.headers()["content-type"]!,
    },
    data: createRequest.postDataBuffer()!,
  });
  expect(await replay.text()).toContain("Only owners, admins and members can create customers.");
  const count = await sql<{ n: string }>(
    `SELECT count(*) AS n FROM customer c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = 'acme' AND c.email = $1`,
    [`buyer-${run}@zephyr.test`],
  );
  expect(Number(count[0]!.n)).toBe(1);
  await viewerContext.close();
});
