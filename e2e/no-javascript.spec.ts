// The workspace settings without JavaScript: the forms are plain posts to their server actions
// (progressive enhancement, components/ui/use-toasting-action.ts), so an owner whose browser
// runs no script can still rename the workspace and change its colour, sees each result in the
// form, and bad input is refused with its message and changes nothing.
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, hostOf, sessionCookie } from "./support/auth";
import { createWorkspace, sql } from "./support/database";

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const slug = `nojs-${RUN}`;
const OWNER = { email: `owner@nojs-${RUN}.test`, password: "owner-password-1" };

test.use({ javaScriptEnabled: false });

test.beforeAll(async () => {
  await createWorkspace(slug, "Scriptless Works", "First customer");
  await addMember(slug, OWNER.email, OWNER.password, "OWNER");
});

test("an owner without JavaScript renames the workspace and sets its colour; bad input changes nothing", async ({ page, context }) => {
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
