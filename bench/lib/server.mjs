// The bench's own production server: `next start` from the current `.next` build (built under
// the shared lock when missing, older than the sources, or made without the bench route), on
// a free port, with the bench database's app URL, a local Stripe whose webhook secret we know
// (scenario 5 signs events with it), a fresh AUTH_SECRET (sessions are minted with it), and
// TENANTRY_BENCH=1 (enables app/api/bench/baseline). Owner credentials never reach the server.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { freePort } from "../../scripts/lib/embedded-postgres.mjs";
import { ROOT } from "../../scripts/lib/database.mjs";
import { startStripeLocal } from "../../tools/stripe-local/server.mjs";

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const LOCK_FILE = process.env.TENANTRY_BENCH_LOCK || "/tmp/e2e.lock";
export const SESSION_COOKIE = "tenantry.session"; // lib/auth/index.ts

function hasFlock() {
  return spawnSync("sh", ["-c", "command -v flock"], { encoding: "utf8" }).status === 0;
}

/**
 * Runs `fn` holding the lock that guards `.next` and port 3100 (other engineers' builds and
 * e2e runs). The lock is held by a `flock … cat` child reading our stdin pipe: it is released
 * when we close the pipe, or when this process dies.
 */
export async function withE2eLock(log, fn) {
  if (!hasFlock()) {
    log("flock not found: running without the .next lock");
    return fn();
  }
  log(`waiting for ${LOCK_FILE}…`);
  const holder = spawn("flock", [LOCK_FILE, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    holder.stdout.once("data", resolve);
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new Error(`flock exited (${code}) before taking the lock`)));
  });
  log(`holding ${LOCK_FILE}`);
  try {
    return await fn();
  } finally {
    holder.stdin.end();
    await new Promise((resolve) => (holder.exitCode !== null ? resolve() : holder.once("exit", resolve)));
  }
}

/** What the build is made from: a change in any of them after BUILD_ID means a stale build. */
const SOURCES = ["app", "lib", "components", "middleware.ts", "next.config.js", "package-lock.json", "prisma/schema.prisma"];

function newestSourceMs() {
  let newest = 0;
  const visit = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) if (entry !== "generated") visit(path.join(file, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of SOURCES) visit(path.join(ROOT, source));
  return newest;
}

/** Why `.next` cannot be used as it is, or null when it can. */
function buildProblem() {
  try {
    const buildId = fs.statSync(path.join(ROOT, ".next/BUILD_ID"), { throwIfNoEntry: false });
    if (!buildId) return "no .next build";
    const routes = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/app-path-routes-manifest.json"), "utf8"));
    if (!Object.values(routes).includes("/api/bench/baseline")) return ".next has no /api/bench/baseline";
    if (newestSourceMs() > buildId.mtimeMs) return "sources changed since .next was built";
    return null;
  } catch (error) {
    return `unreadable .next (${error.message})`;
  }
}

/** Builds when `.next` is missing, stale, or predates the bench route. Call with the lock held. */
function ensureBuild(log) {
  const problem = buildProblem();
  if (!problem) return { built: false };
  log(`${problem}: npm run build…`);
  const t0 = performance.now();
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`);
  return { built: true, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}

async function waitForHealth(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}) during start-up`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s`);
}

export async function startBenchApp({ appUrl, logger }) {
  const build = ensureBuild(logger);
  const port = await freePort();
  const rootDomain = `localhost:${port}`;
  const authSecret = crypto.randomBytes(32).toString("base64url");
  const webhookSecret = `whsec_bench_${crypto.randomBytes(24).toString("hex")}`;
  const stripe = await startStripeLocal({ port: await freePort(), webhookUrl: null, webhookSecret, autoDeliver: false });
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!["DATABASE_URL", "TEST_DATABASE_URL", "APP_DB_PASSWORD"].includes(k)) env[k] = v;
  Object.assign(env, {
    NODE_ENV: "production",
    APP_DATABASE_URL: appUrl,
    AUTH_SECRET: authSecret,
    APP_ROOT_DOMAIN: rootDomain,
    ADMIN_HOST: `admin.${rootDomain}`,
    TRUST_FORWARDED_HOST: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    RESEND_API_KEY: "",
    TENANTRY_DEV_MAIL: "1",
    STRIPE_SECRET_KEY: "",
    STRIPE_LOCAL_URL: stripe.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    TENANTRY_BENCH: "1",
  });
  const output = [];
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk) => {
    output.push(chunk.toString("utf8"));
    if (output.length > 200) output.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${origin}/api/health`, child);
  } catch (error) {
    child.kill("SIGKILL");
    await stripe.stop();
    throw new Error(`${error.message}\n${output.join("").slice(-4000)}`);
  }
  logger(`app: next start on ${origin} (root ${rootDomain})${build.built ? `, built in ${build.seconds} s` : ""}`);
  return {
    origin,
    port,
    rootDomain,
    build,
    webhookSecret,
    stripe,
    hostOf: (slug) => `${slug}.${rootDomain}`,
    /** "tenantry.session=…" for `slug`'s host: a JWT as Auth.js issues it (same secret, salt, claims). */
    async cookieFor(slug, user) {
      const origin = `http://${slug}.${rootDomain}`;
      const value = await encode({
        token: { sub: user.id, name: user.name, email: user.email, uid: user.id, sv: user.session_version ?? 0, origin },
        secret: authSecret,
        salt: SESSION_COOKIE,
        maxAge: 3600,
      });
      return `${SESSION_COOKIE}=${value}`;
    },
    logTail: () => output.join("").slice(-4000),
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await new Promise((r) => child.once("exit", r));
        clearTimeout(timer);
      }
      await stripe.stop();
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** GET with an explicit Host header (fetch/undici does not send a caller's Host). Resolves { status, body }. */
export function hostGet(origin, path, headers) {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: "GET", headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
