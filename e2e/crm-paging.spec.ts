// A customer with more notes and deals than its page shows at once: every note stays reachable
// (older pages by keyset), and the deals table shows all of that customer's deals.
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

test("a long customer history: older notes page by page, and all deals in the filtered table", async ({ page, context }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const slug = `paging-${run}`;
  const email = `owner-${run}@paging.test`;
  const tenantId = await createWorkspace(slug, `Paging ${run}`, `Big Client ${run}`);
  await addMember(slug, email, "paging-password-1", "OWNER");
  const [customer] = await sql<{ id: string }>("SELECT id FROM customer WHERE tenant_id = $1 AND name = $2", [tenantId, `Big Client ${run}`]);
  // 105 notes, a minute apart (note 1 the oldest); 53 deals.
  await sql(
    `INSERT INTO note (tenant_id, id, customer_id, body, created_at, updated_at)
     SELECT $1, gen_random_uuid(), $2, 'note ' || i, now() - ((200 - i) || ' minutes')::interval, now() FROM generate_series(1, 105) AS i`,
    [tenantId, customer!.id],
  );
  await sql(
    `INSERT INTO deal (tenant_id, id, customer_id, title, created_at, updated_at)
     SELECT $1, gen_random_uuid(), $2, 'deal ' || i, now() - ((200 - i) || ' minutes')::interval, now() FROM generate_series(1, 53) AS i`,
    [tenantId, customer!.id],
  );
  await addSessionToBrowser(context, hostOf(slug), await sessionCookie(hostOf(slug), email, "paging-password-1"));
  const ws = `http://${hostOf(slug)}`;

  await page.goto(`${ws}/customers/${customer!.id}`);
  await expect(page.getByText("note 105", { exact: true })).toBeVisible();
  await expect(page.getByText("note 5", { exact: true })).toBeHidden();
  await page.getByRole("link", { name: "Older notes →" }).click();
  await expect(page.getByText("note 5", { exact: true })).toBeVisible();
  await expect(page.getByText("note 1", { exact: true })).toBeVisible();
  await expect(page.getByText("note 6", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Older notes →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Newest notes" }).click();
  await expect(page.getByText("note 105", { exact: true })).toBeVisible();

  await expect(page.getByRole("link", { name: "deal 53", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "deal 1", exact: true })).toHaveCount(0); // the page shows the newest 50
  await page.getByRole("link", { name: `All deals of Big Client ${run} in the deals table →` }).click();
  await expect(page).toHaveURL(`${ws}/deals?view=table&customer=${customer!.id}`);
  await expect(page.getByText(`Deals of Big Client ${run}`, { exact: true })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(50); // the first page of 53
  await page.getByRole("link", { name: "Show every customer's deals" }).click();
  await expect(page).toHaveURL(`${ws}/deals?view=table`);
});
