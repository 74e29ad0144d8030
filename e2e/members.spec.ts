// Members, roles and invitations end to end (issue 4): the owner invites a MEMBER and a VIEWER;
// each invitee opens the outbox link in their own browser context, creates an account and lands
// in the workspace; the UI shows each role what it may do and the server refuses the rest; role
// changes and removals take effect on the next request; revoked links die; a link used by the
// wrong signed-in address and the last owner leaving are refused with clear messages; the
// workspace switcher goes through the root host and a handoff.
import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { addMember, direct, hostOf, PORT } from "./support/auth";
import { createWorkspace, sql } from "./support/database";
import { extractLink, latestEmail } from "./support/mail";

const ROOT = `http://localhost:${PORT}`;
// Fresh names for every test run (and every --repeat-each), so a flow never meets its leftovers.
let RUN = "";
let SLUG = "";
let HOST = "";
let WS = "";
let DOMAIN = "";
let OWNER = { email: "", password: "owner-password-1" };
let MEMBER = { email: "", name: "Mia Member", password: "member-password-1" };
let VIEWER = { email: "", name: "Vic Viewer", password: "viewer-password-1" };

test.beforeEach(() => {
  RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  SLUG = `team-${RUN}`;
  HOST = hostOf(SLUG);
  WS = `http://${HOST}`;
  DOMAIN = `${SLUG}.test`;
  OWNER = { ...OWNER, email: `owner@${DOMAIN}` };
  MEMBER = { ...MEMBER, email: `member@${DOMAIN}` };
  VIEWER = { ...VIEWER, email: `viewer@${DOMAIN}` };
});

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const header = (page: Page) => page.getByRole("navigation", { name: "Primary" });

async function invite(page: Page, email: string, role: "Member" | "Viewer" | "Admin"): Promise<Request> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  const sent = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  return sent;
}

/** A fresh browser context opens the invitation link, creates the account and lands in the workspace. */
async function acceptAsNewUser(browser: Browser, person: { email: string; name: string; password: string }): Promise<Page> {
  const mail = await latestEmail(person.email, { template: "invitation" });
  const link = extractLink(mail, "/invite/");
  expect(link.startsWith(`${WS}/invite/`)).toBe(true);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link); // signed out: the invitation page is not behind the membership gate
  await expect(page.getByRole("heading", { level: 1, name: "Join Team Works" })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(person.email);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Choose a password").fill(person.password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  await expect(page).toHaveURL(`${WS}/`, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Team Works" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${person.email}`)).toBeVisible();
  return page;
}

test("invite a member and a viewer, accept as new users, roles enforced, removal and revocation take effect", async ({ page, browser }) => {
  test.setTimeout(120_000);
  page.on("dialog", (dialog) => void dialog.accept());
  await createWorkspace(SLUG, "Team Works", "TEAM-MARKER");
  await addMember(SLUG, OWNER.email, OWNER.password, "OWNER");

  // The owner signs in on the workspace host; the header has Home, Members and Billing.
  await page.goto(`${WS}/sign-in`);
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page.getByRole("heading", { level: 1, name: "Team Works" })).toBeVisible();
  for (const name of ["Home", "Members", "Billing"]) await expect(header(page).getByRole("link", { name })).toBeVisible();
  await header(page).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(`${WS}/members`);

  await invite(page, MEMBER.email, "Member");
  const viewerInvite = await invite(page, VIEWER.email, "Viewer");
  // A refused invitation keeps what was typed, to be corrected.
  await page.getByLabel("Email address").fill(OWNER.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `${OWNER.email} is already a member of this workspace.` })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(OWNER.email);
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("ADMIN");

  // Both invitees create their accounts from the outbox links, each in its own browser.
  const member = await acceptAsNewUser(browser, MEMBER);
  const viewer = await acceptAsNewUser(browser, VIEWER);

  // A member sees no billing, no invite form and no role controls.
  await expect(header(member).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(header(member).getByRole("link", { name: "Billing" })).toHaveCount(0);
  await member.goto(`${WS}/members`);
  await expect(member.getByText("You are a member of this workspace.")).toBeVisible();
  await expect(member.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(member.getByRole("combobox")).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Remove" })).toHaveCount(0);

  // Neither does a viewer; and replaying the owner's invite action with the viewer's session is refused.
  await viewer.goto(`${WS}/members`);
  await expect(viewer.getByText("You are a viewer of this workspace.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(viewer.getByRole("combobox")).toHaveCount(0);
  const mailsBefore = await sql(`SELECT 1 FROM email_message WHERE "to" = $1`, [VIEWER.email]);
  const viewerCookies = (await viewer.context().cookies(`${WS}/`)).map((c) => `${c.name}=${c.value}`).join("; ");
  const replay = await viewer.context().request.post(direct("/members"), {
    headers: {
      host: HOST,
      origin: WS,
      cookie: viewerCookies,
      accept: "text/x-component",
      "next-action": viewerInvite.headers()["next-action"]!,
      "content-type": viewerInvite.headers()["content-type"]!,
    },
    data: viewerInvite.postDataBuffer()!,
  });
  expect(await replay.text()).toContain("Only owners and admins can invite members.");
  expect(await sql(`SELECT 1 FROM email_message WHERE "to" = $1`, [VIEWER.email])).toHaveLength(mailsBefore.length);

  // The owner makes the member an admin: their next page shows it.
  await page.reload();
  const memberRow = page.getByRole("listitem").filter({ hasText: MEMBER.email });
  await memberRow.getByLabel(`Role of ${MEMBER.name} (${MEMBER.email})`).selectOption({ label: "Admin" });
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await memberRow.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200); // the action has committed (the row re-renders with a new form)
  await member.reload();
  await expect(member.getByText("You are an admin of this workspace.")).toBeVisible();
  await expect(member.getByRole("button", { name: "Send invitation" })).toBeVisible();
  await expect(header(member).getByRole("link", { name: "Billing" })).toBeVisible();

  // Removing the viewer ends their access: the next request is a 403 with no workspace data.
  const viewerRow = page.getByRole("listitem").filter({ hasText: VIEWER.email });
  await viewerRow.getByRole("button", { name: "Remove" }).click();
  await expect(viewerRow).toHaveCount(0);
  const gone = await viewer.goto(`${WS}/`);
  expect(gone?.status()).toBe(403);
  await expect(viewer.getByRole("heading", { level: 1, name: "You do not have access to this workspace" })).toBeVisible();
  await expect(viewer.getByText("TEAM-MARKER")).toHaveCount(0);
  expect((await viewer.goto(`${WS}/members`))?.status()).toBe(403);
  // Settings sections too: the workspace's 403 with a way out, not "not available to your role".
  expect((await viewer.goto(`${WS}/settings/data`))?.status()).toBe(403);
  await expect(viewer.getByRole("heading", { level: 1, name: "You do not have access to this workspace" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(viewer.getByText("This section is not available to your role")).toHaveCount(0);

  // A revoked invitation's link is dead.
  await invite(page, `later@${DOMAIN}`, "Member");
  const revokedLink = extractLink(await latestEmail(`later@${DOMAIN}`, { template: "invitation" }), "/invite/");
  const laterRow = page.getByRole("listitem").filter({ hasText: `later@${DOMAIN}` });
  await laterRow.getByRole("button", { name: "Revoke" }).click();
  await expect(laterRow).toHaveCount(0);
  await viewer.goto(revokedLink); // a signed-in non-member may open invitation pages
  await expect(viewer.getByText("This invitation was revoked.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);

  // An invitation opened by a different signed-in address is refused, clearly.
  await invite(page, `someone-else@${DOMAIN}`, "Viewer");
  const otherLink = extractLink(await latestEmail(`someone-else@${DOMAIN}`, { template: "invitation" }), "/invite/");
  await member.goto(otherLink);
  await expect(member.locator("main").getByRole("alert")).toContainText(
    `You are signed in as ${MEMBER.email}. This invitation is for someone-else@${DOMAIN}`,
  );
  await expect(member.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  // …with a way out: sign out, then sign in with the invited address and come back to it.
  await member.getByRole("button", { name: `Sign out and sign in as someone-else@${DOMAIN}` }).click();
  await expect(member).toHaveURL(`${WS}/sign-in?callbackUrl=${encodeURIComponent(new URL(otherLink).pathname)}`);

  // The last owner is offered neither leaving nor a lower role, and is told why.
  const ownerRow = page.getByRole("listitem").filter({ hasText: OWNER.email });
  await expect(ownerRow.getByText("You are the only owner. To leave, first make someone else an owner (or transfer ownership).")).toBeVisible();
  await expect(ownerRow.getByRole("button", { name: "Leave workspace" })).toHaveCount(0);
  await expect(ownerRow.getByRole("combobox")).toHaveCount(0);
  await expect(page.getByText("You are an owner of this workspace.")).toBeVisible();
});

test("the workspace switcher lists the user's other workspaces and opens one through the root and a handoff", async ({ page }) => {
  const [one, two, none] = ["one", "two", "none"].map((n) => `sw${n}-${RUN}`) as [string, string, string];
  const user = { email: `switcher@${DOMAIN}`, password: "switch-password-1" };
  await createWorkspace(one, "Switch One", "ONE-MARKER");
  await createWorkspace(two, "Switch Two", "TWO-MARKER");
  await createWorkspace(none, "Switch None", "NONE-MARKER");
  await addMember(one, user.email, user.password, "OWNER");
  await addMember(two, user.email, user.password, "VIEWER");

  await page.goto(`http://${hostOf(one)}/sign-in`);
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { level: 1, name: "Switch One" })).toBeVisible();
  await header(page).getByText("Switch workspace").click();
  const others = page.getByRole("list", { name: "Your other workspaces" });
  await expect(others.getByRole("link")).toHaveCount(1); // not this one, not one they are not in
  await others.getByRole("link", { name: /Switch Two/ }).click();

  // Not signed in at the root yet: sign in there, then the handoff lands in switch-two.
  await expect(page).toHaveURL(new RegExp(`^${ROOT}/sign-in\\?callbackUrl=`));
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(`http://${hostOf(two)}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Switch Two" })).toBeVisible();
  // A viewer: no Billing link.
  await expect(header(page).getByRole("link", { name: "Billing" })).toHaveCount(0);

  // Signed in at the root now: switching back is immediate.
  await header(page).getByText("Switch workspace").click();
  await page.getByRole("list", { name: "Your other workspaces" }).getByRole("link", { name: /Switch One/ }).click();
  await expect(page).toHaveURL(`http://${hostOf(one)}/`);

  // ?open= for a workspace the user is not in: no handoff, a message on the root.
  await page.goto(`${ROOT}/?open=${none}`);
  await expect(page.locator("main").getByRole("alert")).toContainText("not a member");
});
