// Screenshots of the main pages in the light and the dark theme (issue 7, "Proof"), written to
// e2e/screenshots/ (git-ignored) on every e2e run for a person to look at. Each page is also
// checked: it renders its main heading, the theme cookie really switches the theme (the body's
// background differs), and the phone width has no horizontal scrolling.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { addSessionToBrowser, DEMO, hostOf, PORT, sessionCookie } from "./support/auth";

const OUT = path.join(import.meta.dirname, "screenshots");
const HOST = hostOf("acme");
const ROOT = `http://localhost:${PORT}`;
const WS = `http://${HOST}`;

const PAGES: Array<{ name: string; url: string; signedIn: boolean }> = [
  { name: "root-home", url: `${ROOT}/`, signedIn: false },
  { name: "root-signup", url: `${ROOT}/signup`, signedIn: false },
  { name: "root-sign-in", url: `${ROOT}/sign-in`, signedIn: false },
  { name: "workspace-dashboard", url: `${WS}/`, signedIn: true },
  { name: "workspace-customers", url: `${WS}/customers`, signedIn: true },
  { name: "workspace-deals", url: `${WS}/deals`, signedIn: true },
  { name: "workspace-members", url: `${WS}/members`, signedIn: true },
  { name: "workspace-billing", url: `${WS}/billing`, signedIn: true },
  { name: "workspace-settings", url: `${WS}/settings`, signedIn: true },
];

async function bodyBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

test.beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));

for (const viewport of [
  { label: "desktop", width: 1280, height: 900 },
  { label: "phone", width: 390, height: 844 },
]) {
  test(`main pages in light and dark (${viewport.label})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const cookie = await sessionCookie(HOST, DEMO.email, DEMO.password);
    const backgrounds: Record<string, string> = {};
    for (const theme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport });
      await context.addCookies([
        { name: "theme", value: theme, domain: "localhost", path: "/" },
        { name: "theme", value: theme, domain: "acme.localhost", path: "/" },
      ]);
      await addSessionToBrowser(context, HOST, cookie);
      const page = await context.newPage();
      for (const entry of PAGES) {
        const response = await page.goto(entry.url);
        expect(response?.status(), entry.name).toBe(200);
        await expect(page.locator("html"), entry.name).toHaveClass(new RegExp(`\\b${theme}\\b`));
        await expect(page.getByRole("heading", { level: 1 }).first(), entry.name).toBeVisible();
        if (viewport.label === "phone") {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${entry.name} scrolls sideways on a phone`).toBeLessThanOrEqual(1);
        }
        backgrounds[`${entry.name}:${theme}`] = await bodyBackground(page);
        await page.screenshot({ path: path.join(OUT, `${entry.name}-${viewport.label}-${theme}.png`), fullPage: true });
      }
      await context.close();
    }
    for (const entry of PAGES) {
      expect(backgrounds[`${entry.name}:light`], `${entry.name}: the dark theme changes the page`).not.toBe(backgrounds[`${entry.name}:dark`]);
    }
  });
}
