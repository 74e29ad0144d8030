// A plan limit reached, in the browser (issue 7, "Proof"): a Free workspace with 100 customers
// (the Free plan's limit) cannot add a 101st — the form shows the limit's message and keeps what
// was typed — and a CSV import that would pass the limit is blocked at its preview. Nothing is
// written either way.
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

const LIMIT_MESSAGE = /Your Free plan allows 100 customers\..*can upgrade on the Billing page\./;

test("a Free workspace at its 100 customers: the 101st is refused with the limit's message, by the form and by a CSV import", async ({ page }) => {
  test.setTimeout(90_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const slug = `limit-${run}`;
  const host = hostOf(slug);
  const owner = { email: `owner@${slug}.test`, password: "limit-password-1" };
  const tenantId = await createWorkspace(slug, "Limit Co", "Customer 1");
  await sql(
    `INSERT INTO customer (tenant_id, id, name, updated_at) SELECT $1, gen_random_uuid(), 'Customer ' || g, now() FROM generate_series(2, 100) g`,
    [tenantId],
  );
  await sql(`UPDATE tenant SET plan = 'FREE', trial_ends_at = NULL WHERE id = $1`, [tenantId]);
  await addMember(slug, owner.email, owner.password, "OWNER");
  await addSessionToBrowser(page.context(), host, await sessionCookie(host, owner.email, owner.password));
  const customers = async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM customer WHERE tenant_id = $1`, [tenantId]))[0]!.n);

  await page.goto(`http://${host}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill(`One too many ${run}`);
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText(LIMIT_MESSAGE)).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`One too many ${run}`);
  expect(await customers()).toBe(100);

  await page.goto(`http://${host}/customers/import`);
  await page.getByLabel("CSV file").setInputFiles({ name: "more.csv", mimeType: "text/csv", buffer: Buffer.from(`name\nExtra A ${run}\nExtra B ${run}\n`) });
  await expect(page.getByText(LIMIT_MESSAGE)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d+ customers$/ })).toBeDisabled();
  expect(await customers()).toBe(100);
});

test("a Free workspace's seats: pending invitations count, the Members and Billing pages say so, and the refusal says how to free one", async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const slug = `seats-${run}`;
  const host = hostOf(slug);
  const owner = { email: `owner@${slug}.test`, password: "seats-password-1" };
  const tenantId = await createWorkspace(slug, "Seat Co", "Customer 1");
  await sql(`UPDATE tenant SET plan = 'FREE', trial_ends_at = NULL WHERE id = $1`, [tenantId]);
  await addMember(slug, owner.email, owner.password, "OWNER");
  await addSessionToBrowser(page.context(), host, await sessionCookie(host, owner.email, owner.password));
  await page.goto(`http://${host}/members`);
  for (const who of ["a", "b"]) {
    await page.getByLabel("Email address").fill(`${who}@${slug}.test`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${who}@${slug}.test.`)).toBeVisible();
  }
  await expect(page.getByTestId("seat-usage")).toHaveText("Seats: 3 of 3 in use (1 member, 2 pending invitations).");
  await page.getByLabel("Email address").fill(`c@${slug}.test`);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your Free plan allows 3 members." })).toContainText(
    "2 pending invitations hold seats: revoke one on the Members page to free a seat.",
  );
  await expect(page.getByLabel("Email address")).toHaveValue(`c@${slug}.test`);
  expect(await sql("SELECT 1 FROM invitation WHERE tenant_id = $1 AND email = $2", [tenantId, `c@${slug}.test`])).toHaveLength(0);

  await page.goto(`http://${host}/billing`);
  await expect(page.getByTestId("usage-seats")).toHaveText("1 of 3");
  await expect(page.getByTestId("usage-pending")).toHaveText("+ 2 pending invitations, counted against the limit");
});
