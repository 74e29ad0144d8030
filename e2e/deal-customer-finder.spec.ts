// A workspace with more customers than the deal form lists (the 200 most recently updated):
// "Customer not in the list?" finds any other one by name, selects it, and the deal is created
// for it. The search runs on the server; the page works without JavaScript.
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

test("a new deal for a customer older than the form's list: find it, it is selected, the deal is created for it", async ({ page }) => {
  test.setTimeout(90_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const slug = `finder-${run}`;
  const host = hostOf(slug);
  const owner = { email: `owner@${slug}.test`, password: "finder-password-1" };
  const tenantId = await createWorkspace(slug, "Finder Co", `Old Timer ${run}`);
  await sql(`UPDATE customer SET updated_at = now() - interval '1 year' WHERE tenant_id = $1`, [tenantId]);
  await sql(`INSERT INTO customer (tenant_id, id, name, updated_at) SELECT $1, gen_random_uuid(), 'Recent ' || g, now() FROM generate_series(1, 210) g`, [tenantId]);
  await sql(`UPDATE tenant SET plan = 'PRO' WHERE id = $1`, [tenantId]);
  await addMember(slug, owner.email, owner.password, "OWNER");
  await addSessionToBrowser(page.context(), host, await sessionCookie(host, owner.email, owner.password));

  await page.goto(`http://${host}/deals/new`);
  const customer = page.getByLabel("Customer", { exact: true });
  await expect(customer.locator("option", { hasText: `Old Timer ${run}` })).toHaveCount(0);

  await page.getByLabel("Customer not in the list?").fill(`old timer ${run}`);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Found Old Timer ${run}: selected below.` })).toBeVisible();
  await expect(customer.locator("option:checked")).toHaveText(`Old Timer ${run}`);

  await page.getByLabel("Title").fill(`Renewal ${run}`);
  await page.getByLabel("Value").fill("900");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Renewal ${run}` })).toBeVisible();
  const [deal] = await sql<{ name: string }>(
    `SELECT c.name FROM deal d JOIN customer c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id WHERE d.tenant_id = $1 AND d.title = $2`,
    [tenantId, `Renewal ${run}`],
  );
  expect(deal?.name).toBe(`Old Timer ${run}`);
});
