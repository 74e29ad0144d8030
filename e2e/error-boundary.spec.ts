// The error boundary of a workspace page (app/sites/tenant/[slug]/error.tsx, components/ui/
// error-panel.tsx), provoked the only honest way: the database fails for this page. A
// restrictive row-level security policy that raises an error for ONE test tenant's deals (other
// tenants' reads, and the parallel tests using them, are unaffected) stands for an unexpected
// server fault. The page keeps the workspace's header, says what happened without the server's
// message, offers the reference to quote and a way home; "Try again" after the fault is gone
// shows the page.
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

test("an unexpected server error shows the error panel inside the workspace; Try again recovers", async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const slug = `fault-${run}`;
  const host = hostOf(slug);
  const ws = `http://${host}`;
  const tenantId = await createWorkspace(slug, `Fault ${run}`, `Customer ${run}`);
  await addMember(slug, `owner@${slug}.test`, "owner-password-1", "OWNER");
  await addSessionToBrowser(page.context(), host, await sessionCookie(host, `owner@${slug}.test`, "owner-password-1"));
  const [deal] = await sql<{ id: string }>(
    `INSERT INTO deal (tenant_id, id, customer_id, title, value_cents, updated_at)
     SELECT $1, gen_random_uuid(), id, $2, 150000, now() FROM customer WHERE tenant_id = $1 LIMIT 1 RETURNING id`,
    [tenantId, `Renewal ${run}`],
  );

  const policy = `e2e_fault_${run}`;
  await sql(`CREATE OR REPLACE FUNCTION e2e_injected_fault() RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected fault: e2e error-boundary test'; END $$`);
  await sql(`CREATE POLICY ${policy} ON deal AS RESTRICTIVE FOR SELECT USING (tenant_id <> '${tenantId}'::uuid OR e2e_injected_fault())`);
  try {
    await page.goto(`${ws}/deals/${deal!.id}`);
    const panel = page.getByRole("alert").filter({ hasText: "Something went wrong" });
    await expect(panel.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(panel).toContainText("Nothing you saved was lost");
    await expect(panel.locator("code")).toHaveText(/\S+/); // the digest support can look up
    await expect(page.getByText("injected fault")).toHaveCount(0); // the server's message stays on the server
    await expect(panel.getByRole("link", { name: "Back to the workspace home" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("navigation").first()).toBeVisible(); // the workspace's header stays
  } finally {
    await sql(`DROP POLICY IF EXISTS ${policy} ON deal`);
    await sql(`DROP FUNCTION IF EXISTS e2e_injected_fault()`);
  }

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Renewal ${run}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
});
