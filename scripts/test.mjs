#!/usr/bin/env node
// The one test command (`npm test`). Runs every check in order, keeps going after a failure,
// and ends with exactly one line `N passed, N failed` for the whole run.
//
//   node scripts/test.mjs            everything: generate, typecheck, lint, supply chain,
//                                    tenancy check, vitest, next build, server tests (faults,
//                                    soak), Playwright e2e
//   node scripts/test.mjs --quick    skips next build and Playwright (local iteration)
//
// Counting: typecheck, lint, the tenancy check and the build count as one test each; vitest
// and Playwright count their own tests (from their JSON reports). `prisma generate` is setup:
// it counts only when it fails. Exits non-zero when anything failed or when no test ran.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./lib/embedded-postgres.mjs";

const root = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const unknownArgs = process.argv.slice(2).filter((a) => a !== "--quick");
if (unknownArgs.length > 0) {
  console.error(`unknown argument(s): ${unknownArgs.join(" ")}\nusage: node scripts/test.mjs [--quick]`);
  process.exit(2);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", FORCE_COLOR: process.env.FORCE_COLOR ?? "1" };
const work = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-test-"));
const bin = (p) => path.join(root, "node_modules", p);

/** @type {{ step: string, passed: number, failed: number, note?: string, seconds: number }[]} */
const results = [];
let current = null;

function run(cmd, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
    current = child;
    child.on("error", (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    console.error(`\n${signal}: stopping`);
    setTimeout(() => process.exit(130), 200).unref();
  });
}

async function step(name, fn) {
  console.log(`\n━━ ${name} ${"━".repeat(Math.max(0, 70 - name.length))}`);
  const started = Date.now();
  const r = await fn();
  results.push({ step: name, ...r, seconds: (Date.now() - started) / 1000 });
}

/** A command that is one test: exit code 0 passes. */
const single = (cmd, args, extraEnv) => async () => ((await run(cmd, args, extraEnv)) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const pkg = readJson(path.join(root, "package.json")) ?? {};

await step("prisma generate", async () => {
  const code = await run(process.execPath, ["scripts/prisma-generate.mjs"]);
  return code === 0 ? { passed: 0, failed: 0, note: "setup" } : { passed: 0, failed: 1 };
});

await step("typecheck", single(process.execPath, [bin("typescript/bin/tsc"), "--noEmit"]));

await step("lint", single("npm", ["run", "--silent", "lint"]));

// Offline advisory, pinning and lockfile check (npm audit needs a registry endpoint we lack).
await step("supply chain", single(process.execPath, ["scripts/supply-chain-check.mjs"]));

if (pkg.scripts?.["tenancy:check"]) {
  // On a throwaway embedded server (not the dev database, which `npm run dev` may hold), or
  // on DATABASE_URL when one is set.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-check-"));
  fs.chmodSync(dataDir, 0o755); // as root, the embedded server runs as `postgres`
  await step("tenancy check", single("npm", ["run", "--silent", "tenancy:check"], { TENANTRY_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) }));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Vitest projects (vitest.config.ts), counted from the JSON report. */
const vitestStep = (name, projects) => async () => {
  const out = path.join(work, `${name}.json`);
  const projectArgs = projects.flatMap((p) => ["--project", p]);
  const code = await run(process.execPath, [bin("vitest/vitest.mjs"), "run", ...projectArgs, "--reporter=default", "--reporter=json", `--outputFile=${out}`]);
  const report = readJson(out);
  if (!report) return { passed: 0, failed: 1, note: `no JSON report (exit ${code})` };
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  // A test file that failed before running any test (import error, failing hook) counts once.
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"));
  failed += brokenFiles.length;
  // A non-zero exit with nothing failed (unhandled error, global setup) still fails.
  if (code !== 0 && failed === 0) failed = 1;
  const note = brokenFiles.length > 0 ? `${brokenFiles.length} file(s) failed to run` : code !== 0 && report.numFailedTests === 0 ? `exit ${code}` : undefined;
  return { passed, failed, note };
};

await step("vitest", vitestStep("vitest", ["unit", "integration"]));

let built = false;
if (!quick) {
  await step("next build", async () => {
    const code = await run(process.execPath, [bin("next/dist/bin/next"), "build"]);
    built = code === 0;
    return built ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  });

  // Faults and soak: production servers of their own on the fresh build (issue 9).
  await step("server tests", async () => (built ? vitestStep("server", ["server"])() : { passed: 0, failed: 1, note: "not run: the build failed" }));

  await step("playwright", async () => {
    if (!built) return { passed: 0, failed: 1, note: "not run: the build failed" };
    const out = path.join(work, "playwright.json");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-e2e-"));
    fs.chmodSync(dataDir, 0o755); // as root, the embedded server runs as `postgres`
    const code = await run(process.execPath, [bin("@playwright/test/cli.js"), "test"], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: out,
      TENANTRY_E2E_DATA_DIR: dataDir,
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
    const report = readJson(out);
    if (!report?.stats) return { passed: 0, failed: 1, note: `no JSON report (exit ${code})` };
    const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
    let failed = unexpected + flaky;
    // Global errors (web server did not start, config error) with no failed test still fail.
    if (code !== 0 && failed === 0) failed = 1;
    return { passed: expected, failed };
  });
}

fs.rmSync(work, { recursive: true, force: true });

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);

console.log(`\n━━ summary${quick ? " (--quick: no build, no e2e)" : ""} ${"━".repeat(50)}`);
for (const r of results) {
  const mark = r.failed > 0 ? "FAIL" : "ok  ";
  const counts = `${r.passed} passed, ${r.failed} failed`;
  console.log(`${mark}  ${r.step.padEnd(16)} ${counts.padEnd(22)} ${r.seconds.toFixed(1).padStart(6)}s${r.note ? `  (${r.note})` : ""}`);
}
if (passed + failed === 0) console.log("no test ran");
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
