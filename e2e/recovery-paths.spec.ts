// Dead ends a user can reach from the root host, each with a way out: a suspended workspace in
// the list (no Open that silently fails, a link to its own page instead), an Open refused by the
// handoff (a message, not a silent reload), and a bad or expired verification link (a new one,
// sent from the page).
import { expect, test } from "@playwright/test";
import { addMember, addSessionToBrowser, PORT, sessionCookie } from "./support/auth";
import { createWorkspace, setWorkspaceStatus, sql } from "./support/database";
import { extractLink, latestEmail } from "./support/mail";

const ROOT_HOST = `localhost:${PORT}`;
const PASSWORD = "recovery-password-1";

test("a suspended workspace in the root list links to its own page; a refused Open says why", async ({ page, context }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const [active, suspended] = [`rec-a-${run}`, `rec-s-${run}`];
  const email = `member-${run}@recovery.test`;
  await createWorkspace(active, `Active ${run}`, "A customer");
  await createWorkspace(suspended, `Paused ${run}`, "A customer");
  await addMember(active, email, PASSWORD, "MEMBER");
  await addMember(suspended, email, PASSWORD, "MEMBER");
  await setWorkspaceStatus(suspended, "SUSPENDED");
  await addSessionToBrowser(context, ROOT_HOST, await sessionCookie(ROOT_HOST, email, PASSWORD));

  await page.goto(`http://${ROOT_HOST}/`);
  await expect(page.getByRole("button", { name: `Open Active ${run}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Open Paused ${run}` })).toHaveCount(0);
  await page.getByRole("link", { name: `Why is Paused ${run} suspended?` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Paused ${run} is suspended` })).toBeVisible();

  // Suspended between listing and clicking: the handoff refuses, and the root says so.
  await page.goto(`http://${ROOT_HOST}/`);
  await setWorkspaceStatus(active, "SUSPENDED");
  await page.getByRole("button", { name: `Open Active ${run}` }).click();
  await expect(page).toHaveURL(`http://${ROOT_HOST}/?error=workspace`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That workspace could not be opened: it is not active any more, or you are no longer a member.");
});

test("a bad verification link offers a new one to a signed-in user, and sends it", async ({ page, context }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const slug = `rec-v-${run}`;
  const email = `unverified-${run}@recovery.test`;
  await createWorkspace(slug, `Verify ${run}`, "A customer");
  await addMember(slug, email, PASSWORD, "OWNER");
  await sql("UPDATE app_user SET email_verified = NULL WHERE email = $1", [email]);

  // Signed out: sign in first, and come back here.
  await page.goto(`http://${ROOT_HOST}/verify-email?token=expired-or-wrong`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is invalid or has expired");
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute("href", `/sign-in?callbackUrl=${encodeURIComponent("/verify-email")}`);

  await addSessionToBrowser(context, ROOT_HOST, await sessionCookie(ROOT_HOST, email, PASSWORD));
  await page.goto(`http://${ROOT_HOST}/verify-email?token=expired-or-wrong`);
  await expect(page.getByText(`We can send a new one to ${email}.`)).toBeVisible();
  const before = new Date();
  await page.getByRole("button", { name: "Send a new verification link" }).click();
  await expect(page.getByRole("status")).toHaveText(`We sent a new verification link to ${email}. It works once, for 24 hours.`);
  const mail = await latestEmail(email, { template: "verify-email", after: new Date(before.getTime() - 1000) });
  await page.goto(extractLink(mail, "/verify-email"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your email is verified");
  expect((await sql<{ v: boolean }>("SELECT email_verified IS NOT NULL AS v FROM app_user WHERE email = $1", [email]))[0]!.v).toBe(true);

  // Already verified: the button says so instead of mailing again.
  await page.goto(`http://${ROOT_HOST}/verify-email?token=expired-or-wrong`);
  await page.getByRole("button", { name: "Send a new verification link" }).click();
  await expect(page.getByRole("status")).toHaveText("Your email address is already verified.");
});
