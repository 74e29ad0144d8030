#!/usr/bin/env node
// `npm run bench` — the tenancy benchmark (issue 8, docs/performance.md).
//   npm run bench                  full scale: 10,000 tenants, ~1M CRM rows (seed reused)
//   npm run bench -- --smoke       tiny scale, every scenario end to end (CI); fails only on errors
//   npm run bench -- --only=2,4    a subset of scenarios (numbers as in the issue), to bench/.cache/
//   npm run bench -- --only=4 --record   …replacing those scenarios in the recorded results
// Starts its own database (embedded PostgreSQL in .bench-data/, or DATABASE_URL) and, for the
// HTTP scenarios, its own production server from the current `.next` build (built when
// missing or without the bench route), holding /tmp/e2e.lock while it uses `.next`.
// Full runs write bench/results/latest.json and the generated section of docs/performance.md;
// smoke runs write bench/.cache/smoke.json only.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { FULL, SMOKE } from "./lib/config.mjs";
import { benchDatabase, benchTenants, ensureGrowthSeed, ensureSkewedSeed, openBenchServer } from "./lib/database.mjs";
import { startBenchApp, withE2eLock } from "./lib/server.mjs";
import { writeResults } from "./lib/report.mjs";
import { hostScenario } from "./scenarios/host.mjs";
import { dataWallsScenario } from "./scenarios/data-walls.mjs";
import { httpScenario } from "./scenarios/http.mjs";
import { growthScenario } from "./scenarios/growth.mjs";
import { webhookScenario } from "./scenarios/webhook.mjs";
import { signupScenario } from "./scenarios/signup.mjs";
import { experimentVariants } from "./experiments/tenant-tx.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const onlyArg = args.find((a) => a.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice("--only=".length).split(",").map(Number)) : null;
const scale = smoke ? SMOKE : FULL;
const t0 = performance.now();
const log = (message) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);

process.chdir(ROOT); // tsx reads tsconfig.json (the @/ paths) from the working directory
register();
const importTs = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);

const SCENARIOS = [
  { id: 1, key: "hostResolution", title: "Host resolution", needsServer: false, run: hostScenario },
  { id: 2, key: "dataWalls", title: "Cost of the data walls", needsServer: false, run: dataWallsScenario },
  { id: 4, key: "growth", title: "Growth", needsServer: false, run: growthScenario },
  { id: 3, key: "http", title: "HTTP under load", needsServer: true, run: httpScenario },
  { id: 5, key: "webhook", title: "Webhook throughput", needsServer: true, run: webhookScenario },
  { id: 6, key: "signup", title: "Signup to usable workspace", needsServer: true, run: signupScenario },
].filter((s) => !only || only.has(s.id));

const startedAt = new Date();
const results = {};
let failed = false;

async function runScenario(s, ctx) {
  const t0 = performance.now();
  log(`scenario ${s.id}: ${s.title}…`);
  try {
    const result = await s.run(ctx);
    results[s.key] = { id: s.id, title: s.title, seconds: round1((performance.now() - t0) / 1000), ...result };
    // Smoke: toy sizes, so timings mean nothing; targets are shown, never judged.
    for (const t of result.targets ?? []) log(`  target ${smoke ? "(smoke, not judged)" : t.met ? "met   " : "MISSED"} ${t.name}: ${t.value} (limit ${t.limit})`);
  } catch (error) {
    failed = true;
    results[s.key] = { id: s.id, title: s.title, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    log(`  scenario ${s.id} FAILED: ${error instanceof Error ? error.stack : error}`);
  }
}

const round1 = (n) => Math.round(n * 10) / 10;

const server = await openBenchServer({ logger: log });
let exitCode = 0;
try {
  const main = await benchDatabase(server.serverUrl, scale.database, { logger: log, env: server.env });
  const seed = await ensureSkewedSeed(main.ownerUrl, scale, { logger: log });
  const { tenants, user } = await benchTenants(main.ownerUrl);
  if (tenants.length !== scale.tenants || !user) throw new Error(`seed incomplete: ${tenants.length} bench tenants`);
  const growthDbs = [];
  if (SCENARIOS.some((s) => s.id === 4)) {
    for (const n of scale.growth.steps) {
      const name = `${scale.database}_g${n}`;
      const db = await benchDatabase(server.serverUrl, name, { logger: () => {}, env: server.env });
      await ensureGrowthSeed(db.ownerUrl, n, scale.growth.customersPerTenant, { logger: log, label: name });
      growthDbs.push({ tenants: n, ...db });
    }
  }
  // Experiments for proposed lib/db/tenant.ts changes run as extra scenario-2 variants (full runs).
  const extraVariants = smoke || !SCENARIOS.some((s) => s.id === 2) ? [] : await Promise.all(experimentVariants(importTs, { appUrl: main.appUrl, ownerUrl: main.ownerUrl }));
  const ctx = { scale, smoke, ...main, tenants, user, growthDbs, importTs, log, extraVariants };

  for (const s of SCENARIOS.filter((x) => !x.needsServer)) await runScenario(s, ctx);

  const http = SCENARIOS.filter((x) => x.needsServer);
  if (http.length) {
    await withE2eLock(log, async () => {
      const app = await startBenchApp({ appUrl: main.appUrl, logger: log });
      try {
        for (const s of http) await runScenario(s, { ...ctx, app });
      } finally {
        await app.stop();
      }
    });
  }

  const report = {
    kind: scale.name,
    startedAt: startedAt.toISOString(),
    seconds: round1((Date.now() - startedAt.getTime()) / 1000),
    seed: { ...seed, tenants: tenants.length, tiers: scale.tiers, dealEvery: scale.dealEvery, dataDir: process.env.DATABASE_URL ? "DATABASE_URL" : path.relative(ROOT, server.env.TENANTRY_DATA_DIR) },
    scale,
    scenarios: results,
  };
  const written = writeResults(report, { smoke, partial: !!only, record: args.includes("--record"), failed, root: ROOT, log });
  log(`wrote ${written.join(", ")} in ${report.seconds} s`);
  if (failed) exitCode = 1;
} catch (error) {
  log(`error: ${error instanceof Error ? error.stack : error}`);
  exitCode = 1;
} finally {
  await server.stop().catch((e) => log(`could not stop the database: ${e.message}`));
}
log(failed || exitCode ? "FAILED (see the errors above)" : "done");
process.exit(exitCode);

