#!/usr/bin/env node
// `npm run dev` / `npm start`: node scripts/run-app.mjs dev|start [--port N] [--no-seed] [next args…]
//
// 1. database: DATABASE_URL (owner) when set, else the embedded PostgreSQL in .data/postgres;
//    migrations (real Prisma CLI), the app role's login, the idempotent demo seed
//    (scripts/lib/database.mjs);
// 2. Next.js (`next dev|start -p PORT`) with APP_DATABASE_URL and WITHOUT DATABASE_URL: the
//    web process never holds the owner's credentials;
// 3. without STRIPE_SECRET_KEY: the local Stripe (tools/stripe-local/) in this process on
//    STRIPE_LOCAL_PORT or a free port, delivering signed events to Next's webhook route with a
//    generated secret (STRIPE_LOCAL_URL and STRIPE_WEBHOOK_SECRET are passed to Next.js).
//    Never when real keys are set. See docs/billing.md;
// 4. SIGINT/SIGTERM/SIGHUP: stop Next.js, then the embedded database; exit with Next's code.
//
// A second run on the same data directory fails with a clear message instead of sharing the
// server (see scripts/lib/embedded-postgres.mjs); point DATABASE_URL at it to share.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { freePort, isPortFree } from "./lib/embedded-postgres.mjs";
import { startStripeLocal } from "../tools/stripe-local/server.mjs";
import { ROOT, bootstrapDatabase, log } from "./lib/database.mjs";

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const NEXT_STOP_TIMEOUT_MS = 10_000;

function usage(message) {
  if (message) log(message);
  log("usage: node scripts/run-app.mjs dev|start [--port N] [--no-seed] [extra next args]");
  process.exit(2);
}

function parseArgs(argv) {
  const [mode, ...rest] = argv;
  if (mode !== "dev" && mode !== "start") usage(mode ? `unknown mode: ${mode}` : undefined);
  let port = process.env.PORT || "3000";
  let seed = true;
  const nextArgs = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--port" || arg === "-p") port = rest[++i] ?? usage("--port needs a value");
    else if (arg.startsWith("--port=")) port = arg.slice("--port=".length);
    else if (arg === "--no-seed") seed = false;
    else nextArgs.push(arg);
  }
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) usage(`not a port: ${port}`);
  return { mode, port: portNumber, seed, nextArgs };
}

const { mode, port, seed, nextArgs } = parseArgs(process.argv.slice(2));

// Threat A6: production never runs without AUTH_SECRET (sessions would be forgeable or, with
// some Auth.js versions, checks would pass). `npm run dev` generates a per-checkout secret in
// $TENANTRY_DATA_DIR/auth-secret instead (lib/config/auth.ts).
if (mode === "start" && !(process.env.AUTH_SECRET ?? "").trim()) {
  console.error("[run-app] AUTH_SECRET is required for `npm start` (production). Generate one: openssl rand -base64 32");
  process.exit(1);
}

let db = null; // { stop } once the database is up
let stripeLocal = null; // the local Stripe, when STRIPE_SECRET_KEY is unset
let next = null; // the Next.js child process
let stopping = false;

async function stopAndExit(code) {
  await stripeLocal?.stop().catch(() => {});
  try {
    await db?.stop();
  } catch (error) {
    log(`could not stop the database cleanly: ${error.message}`);
  }
  process.exit(code);
}

function onSignal(signal) {
  if (stopping) return; // already on the way out; each step has its own timeout
  stopping = true;
  log(`${signal}: stopping${next ? " Next.js, then" : ""} the database…`);
  if (!next) {
    // Still bootstrapping (a Prisma CLI child got a terminal's Ctrl-C too). The embedded server
    // is stopped by stop(), or by its exit hook if it is still starting.
    void stopAndExit(128 + os.constants.signals[signal]);
    return;
  }
  // A terminal's Ctrl-C already reached Next.js (same process group); a signal sent to us
  // alone (kill, a supervisor) did not: forward it either way.
  next.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  const timer = setTimeout(() => {
    log(`Next.js did not exit within ${NEXT_STOP_TIMEOUT_MS / 1000} s: killing it`);
    next.kill("SIGKILL");
  }, NEXT_STOP_TIMEOUT_MS);
  timer.unref();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => onSignal(signal));

try {
  if (!(await isPortFree(port))) throw new Error(`port ${port} is already in use: stop what uses it or pass --port N (or PORT=N)`);
  const database = await bootstrapDatabase({ seed });
  db = database;
  if (stopping) await stopAndExit(130); // a signal arrived while the last step was finishing

  const env = { ...process.env, APP_DATABASE_URL: database.appUrl, NEXT_TELEMETRY_DISABLED: "1" };
  // Owner and superuser credentials stay in this process.
  for (const name of ["DATABASE_URL", "TEST_DATABASE_URL", "APP_DB_PASSWORD"]) delete env[name];
  env.NODE_ENV = mode === "dev" ? "development" : "production";

  if (!process.env.STRIPE_SECRET_KEY?.trim()) {
    const stripePort = Number(process.env.STRIPE_LOCAL_PORT || (await freePort()));
    const webhookSecret = `whsec_local_${crypto.randomBytes(24).toString("hex")}`;
    stripeLocal = await startStripeLocal({
      port: stripePort,
      webhookUrl: process.env.STRIPE_WEBHOOK_URL || `http://127.0.0.1:${port}/api/stripe/webhook`,
      webhookSecret,
      log,
    });
    env.STRIPE_LOCAL_URL = stripeLocal.url;
    env.STRIPE_WEBHOOK_SECRET = webhookSecret;
    log(`local Stripe (test mode, no STRIPE_SECRET_KEY) on ${stripeLocal.publicUrl}`);
  }

  log(`next ${mode} on http://localhost:${port}`);
  next = spawn(process.execPath, [NEXT_BIN, mode, "-p", String(port), ...nextArgs], { cwd: ROOT, env, stdio: "inherit" });
  next.once("error", (error) => {
    log(`could not start Next.js: ${error.message}`);
    void stopAndExit(1);
  });
  next.once("exit", (code, signal) => {
    const exitCode = code ?? 128 + (os.constants.signals[signal] ?? 0);
    if (!stopping) log(`Next.js exited (${signal ?? `code ${code}`}); stopping the database`);
    stopping = true;
    void stopAndExit(exitCode);
  });
} catch (error) {
  log(`error: ${error.message}`);
  await stopAndExit(1);
}
