// Data in and out, end to end (docs/data.md): CSV import with a bad row (shown, nothing
// imported, fixed, imported), CSV export download, the workspace data export with progress and
// its zip, deleting a workspace with typed confirmation and restoring it from the account
// page, and deleting an account. Each test makes its own workspace and users.
import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expect, test, type Download, type Page } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, PORT, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

const ROOT_HOST = `localhost:${PORT}`;
const PASSWORD = "data-spec-password-1";

/** A fresh workspace on the Pro trial (data export included) with a signed-in owner. */
async function ownerIn(page: Page, prefix: string) {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const slug = `${prefix}-${run}`;
  const tenantId = await createWorkspace(slug, `Data ${run}`, `Marker ${run}`);
  await sql(`UPDATE tenant SET trial_ends_at = now() + interval '30 days' WHERE id = $1`, [tenantId]);
  const email = `owner-${run}@data.test`;
  await addMember(slug, email, PASSWORD, "OWNER");
  await addSessionToBrowser(page.context(), hostOf(slug), await sessionCookie(hostOf(slug), email, PASSWORD));
  return { run, slug, tenantId, email, ws: `http://${hostOf(slug)}` };
}

const read = async (download: Download) => fs.readFileSync((await download.path())!);

test("CSV import with a bad row, then fixed; CSV export downloads the list", async ({ page }) => {
  test.setTimeout(90_000);
  const { run, tenantId, ws } = await ownerIn(page, "csv");
  await page.goto(`${ws}/customers`);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import customers" })).toBeVisible();

  const bad = `Name,E-mail,Kind,Notes\nAda ${run},ada-${run}@x.test,person,first\nBob ${run},not-an-email,person,second\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await expect(page.getByTestId("import-errors")).toContainText("Row 3, email: Enter a valid email address.");
  await expect(page.getByText("Ignored columns: “Notes”.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d+ customers$/ })).toBeDisabled();
  expect(await sql(`SELECT 1 FROM customer WHERE tenant_id = $1 AND name IN ($2, $3)`, [tenantId, `Ada ${run}`, `Bob ${run}`])).toHaveLength(0);

  const fixed = bad.replace("not-an-email", `bob-${run}@x.test`);
  await page.getByLabel("CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await expect(page.getByTestId("import-summary")).toContainText("2 rows: 2 ready, 0 with errors.");
  await page.getByRole("button", { name: "Import 2 customers" }).click();
  await expect(page).toHaveURL(/\/customers\?imported=2$/);
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 customers." })).toBeVisible();
  await expect(page.getByRole("link", { name: `Ada ${run}` })).toBeVisible();
  const names = await sql<{ name: string }>(`SELECT name FROM customer WHERE tenant_id = $1 AND name IN ($2, $3) ORDER BY name`, [tenantId, `Ada ${run}`, `Bob ${run}`]);
  expect(names.map((n) => n.name)).toEqual([`Ada ${run}`, `Bob ${run}`]);

  // Export honours the current search.
  await page.getByLabel("Search customers").fill(`Bob ${run}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/customers\?q=/);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^customers-csv-.+\.csv$/);
  const csv = (await read(download)).toString("utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("name,kind,email,phone,website,company,address,archived_at,created_at,id");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([`Bob ${run}`]);
});

test("workspace data export runs with progress and downloads a zip", async ({ page }) => {
  test.setTimeout(90_000);
  const { run, tenantId, ws } = await ownerIn(page, "exp");
  await sql(
    `INSERT INTO customer (tenant_id, id, name, updated_at) SELECT $1, gen_random_uuid(), 'Bulk ' || g, now() FROM generate_series(1, 3000) g`,
    [tenantId],
  );
  await page.goto(`${ws}/settings`);
  await page.getByRole("link", { name: "Data export" }).click();
  await expect(page.getByRole("heading", { name: "Data export" })).toBeVisible();
  await page.getByRole("button", { name: "Export workspace data" }).click();
  await expect(page.getByRole("progressbar", { name: "Export progress" })).toBeVisible();
  const link = page.getByRole("link", { name: /Download zip/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent("download");
  await link.click();
  const files = unzipSync(new Uint8Array(await read(await downloading)));
  expect(Object.keys(files)).toContain("customers.csv");
  const customers = JSON.parse(strFromU8(files["customers.json"]!)) as { name: string }[];
  expect(customers).toHaveLength(3001);
  expect(customers.map((c) => c.name)).toContain(`Marker ${run}`);
  const [row] = await sql<{ status: string; progress: number }>(`SELECT status, progress FROM data_export WHERE tenant_id = $1`, [tenantId]);
  expect(row).toEqual({ status: "DONE", progress: 100 });
});

test("an owner deletes a workspace with typed confirmation and restores it from the account page", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug, email, ws } = await ownerIn(page, "del");
  await addSessionToBrowser(page.context(), ROOT_HOST, await sessionCookie(ROOT_HOST, email, PASSWORD));
  await page.goto(`${ws}/settings/danger`);
  const button = page.getByRole("button", { name: "Delete this workspace" });
  await expect(button).toBeDisabled();
  await page.getByLabel(`Type ${slug} to confirm`).fill("something else");
  await expect(button).toBeDisabled();
  await page.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await button.click();

  await expect(page).toHaveURL(`http://${ROOT_HOST}/account?deleted=${slug}`);
  await expect(page.getByText(`The workspace ${slug} was deleted.`)).toBeVisible();
  const [tenant] = await sql<{ status: string; deleted_by: string }>(`SELECT status, deleted_by FROM tenant WHERE slug = $1`, [slug]);
  expect(tenant).toEqual({ status: "DELETED", deleted_by: "owner" });
  const response = await page.goto(`${ws}/customers`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This workspace has been deleted" })).toBeVisible();
  await page.goto(`http://${ROOT_HOST}/account`);

  await page.getByRole("button", { name: `Restore Data ${slug.slice(4)}` }).click();
  await expect(page.locator('[data-toast="success"]')).toHaveText(new RegExp(`The workspace ${slug} is back.`));
  await expect(page.getByRole("button", { name: /^Restore / })).toHaveCount(0);
  const [restored] = await sql<{ status: string }>(`SELECT status FROM tenant WHERE slug = $1`, [slug]);
  expect(restored!.status).toBe("ACTIVE");
  await page.goto(`${ws}/customers`);
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
});

test("a user deletes their own account", async ({ page }) => {
  test.setTimeout(60_000);
  const { slug } = await ownerIn(page, "acct");
  const email = `leaver-${Date.now().toString(36)}@data.test`;
  await addMember(slug, email, PASSWORD, "MEMBER");
  await addSessionToBrowser(page.context(), ROOT_HOST, await sessionCookie(ROOT_HOST, email, PASSWORD));
  await page.goto(`http://${ROOT_HOST}/`);
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  const button = page.getByRole("button", { name: "Delete my account" });
  await page.getByLabel(/Type your e-mail address/).fill(email);
  await page.getByLabel("Your password").fill("not the password");
  await button.click();
  await expect(page.getByRole("alert").filter({ hasText: "That password is not correct." })).toBeVisible();
  await page.getByLabel("Your password").fill(PASSWORD);
  await button.click();
  await expect(page).toHaveURL(`http://${ROOT_HOST}/?account=deleted`);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  expect(await sql(`SELECT 1 FROM app_user WHERE email = $1`, [email])).toHaveLength(0);
});

test("roles: a viewer neither imports nor exports, an admin exports CSV but not the workspace", async ({ browser }) => {
  test.setTimeout(60_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const slug = `roles-${run}`;
  await createWorkspace(slug, `Roles ${run}`, `Marker ${run}`);
  const ws = `http://${hostOf(slug)}`;
  const as = async (role: string) => {
    const email = `${role.toLowerCase()}-${run}@data.test`;
    await addMember(slug, email, PASSWORD, role);
    const context = await browser.newContext();
    await addSessionToBrowser(context, hostOf(slug), await sessionCookie(hostOf(slug), email, PASSWORD));
    return context.newPage();
  };

  const viewer = await as("VIEWER");
  await viewer.goto(`${ws}/customers`);
  await expect(viewer.getByRole("link", { name: `Marker ${run}` })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await viewer.goto(`${ws}/customers/import`);
  await expect(viewer.getByRole("alert").filter({ hasText: "Only owners, admins and members can create customers." })).toBeVisible();
  await expect(viewer.getByLabel("CSV file")).toHaveCount(0);
  const refused = await viewer.goto(`${ws}/customers/export`);
  expect(refused!.status()).toBe(403);
  const posted = await viewer.evaluate(async () => {
    const r = await fetch("/customers/import/rows", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "import", rows: [{ row: 2, name: "Sneaky" }] }) });
    return { status: r.status, body: (await r.json()) as { message: string } };
  });
  expect(posted).toEqual({ status: 403, body: { ok: false, message: "Only owners, admins and members can create customers." } });

  const admin = await as("ADMIN");
  await admin.goto(`${ws}/customers`);
  await expect(admin.getByRole("link", { name: "Export CSV" })).toBeVisible();
  const page = await admin.goto(`${ws}/settings/data`);
  expect(page!.status()).toBe(403);
  expect((await admin.goto(`${ws}/settings/danger`))!.status()).toBe(403);
});
