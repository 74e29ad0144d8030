// A production server of our own for the fault and soak tests: `node scripts/run-app.mjs start`
// (the production build in .next — run `npm run build` first, and hold /tmp/e2e.lock when
// sharing the machine) on a free port, against an embedded PostgreSQL this process owns, so a
// test can stop and restart the database under the running app. Never the shared e2e server.
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Database = {
  /** Owner (superuser) URL of the app's database `tenantry`. */
  ownerUrl: string;
  /** Fast shutdown: sessions are ended, new connections refused. */
  stop(): Promise<void>;
  /** Starts the same data directory again on the same port. */
  start(): Promise<void>;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
};

export type AppServer = {
  url: string;
  port: number;
  /** The local Stripe run-app.mjs started (its /_control API; it signs and delivers webhooks). */
  stripeLocalUrl: string;
  db: Database;
  /** run-app.mjs (the supervisor); Next.js is its child. */
  supervisor: ChildProcess;
  /** Pid of the `next start` process (for /proc/<pid>/status). */
  nextPid(): number | null;
  output(): string;
  /** SIGTERM to the supervisor; resolves with its exit code. */
  terminate(): Promise<number | null>;
  /** Stops the server (if still running) and the database, removes the data directory. */
  close(): Promise<void>;
};

async function startDatabase(dir: string): Promise<Database> {
  const port = await freePort();
  const dataDir = path.join(dir, "pg");
  let server = await startEmbeddedPostgres({ dataDir, port });
  const ownerUrl = server.url.replace(/\/postgres$/, "/tenantry");
  return {
    ownerUrl,
    stop: () => server.stop(),
    async start() {
      server = await startEmbeddedPostgres({ dataDir, port });
    },
    async query(text, params = []) {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up (${child.exitCode}):\n${output().slice(-3000)}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not become healthy within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
}

/** Starts the database and the app; `env` adds to (or overrides) the server's environment. */
export async function startAppServer({ env = {}, seed = false }: { env?: Record<string, string>; seed?: boolean } = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-faults-"));
  fs.chmodSync(dir, 0o755); // as root, the embedded server runs as `postgres`
  const db = await startDatabase(dir);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const stripePort = await freePort();
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !["APP_DATABASE_URL", "APP_DB_PASSWORD", "TEST_DATABASE_URL", "NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"].includes(name)) childEnv[name] = value;
  }
  Object.assign(childEnv, {
    DATABASE_URL: db.ownerUrl,
    TENANTRY_DATA_DIR: dir,
    APP_ROOT_DOMAIN: `localhost:${port}`,
    ADMIN_HOST: `admin.localhost:${port}`,
    TRUST_FORWARDED_HOST: "false",
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    RESEND_API_KEY: "",
    TENANTRY_DEV_MAIL: "1",
    TENANTRY_JOBS: "off",
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    STRIPE_LOCAL_PORT: String(stripePort),
    STRIPE_WEBHOOK_URL: `http://127.0.0.1:${port}/api/stripe/webhook`,
    ...env,
  });
  let log = "";
  const supervisor = spawn(process.execPath, ["scripts/run-app.mjs", "start", "--port", String(port), ...(seed ? [] : ["--no-seed"])], {
    cwd: ROOT,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const append = (chunk: Buffer) => {
    log += chunk.toString("utf8");
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  supervisor.stdout!.on("data", append);
  supervisor.stderr!.on("data", append);
  const exited = new Promise<number | null>((resolve) => supervisor.once("exit", (code) => resolve(code)));
  const output = () => log;
  try {
    await waitForHealth(url, supervisor, output);
  } catch (error) {
    supervisor.kill("SIGKILL");
    await db.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const nextPid = (): number | null => {
    // The supervisor's child running next/dist/bin/next.
    try {
      const children = fs.readFileSync(`/proc/${supervisor.pid}/task/${supervisor.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      for (const pid of children) {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (cmd.includes("next")) return Number(pid);
      }
    } catch {
      // gone
    }
    return null;
  };

  const terminate = async () => {
    if (supervisor.exitCode === null) supervisor.kill("SIGTERM");
    return exited;
  };
  return {
    url,
    port,
    stripeLocalUrl: `http://127.0.0.1:${stripePort}`,
    db,
    supervisor,
    nextPid,
    output,
    terminate,
    async close() {
      if (supervisor.exitCode === null) {
        supervisor.kill("SIGTERM");
        const timer = setTimeout(() => supervisor.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await db.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type HttpResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string; setCookies: string[] };

/**
 * One HTTP request to 127.0.0.1:`port` with an explicit Host header (fetch cannot set Host).
 * `body` as a string or Buffer; resolves for any status, rejects on a network error or after
 * `timeoutMs`.
 */
export function httpRequest(
  port: number,
  { method = "GET", path: urlPath = "/", headers = {}, body, timeoutMs = 30_000 }: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = res.headers["set-cookie"] ?? [];
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), setCookies: raw.map((c) => c.split(";")[0]!) });
      });
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms: ${method} ${urlPath}`)));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A session cookie ("tenantry.session=…") for `host`, through Auth.js's CSRF + credentials callback. */
export async function signIn(port: number, host: string, email: string, password: string): Promise<string | null> {
  const csrf = await httpRequest(port, { path: "/api/auth/csrf", headers: { host } });
  if (csrf.status !== 200) throw new Error(`csrf: ${csrf.status} ${csrf.body.slice(0, 200)}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await httpRequest(port, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { host, cookie: csrf.setCookies.join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
  });
  return response.setCookies.find((c) => c.startsWith("tenantry.session=")) ?? null;
}

/** The id of a server action in the build the server runs (.next/server/server-reference-manifest.json). */
export function actionId(exportedName: string, file?: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName && (!file || v.filename === file));
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found[0];
}

/**
 * Calls a `(prevState, formData)` server action the way React's client does (multipart, the
 * form's fields under the `_1_` prefix, arguments in field `0`). Returns the response; the
 * action's result is in the RSC body.
 */
export function callAction(
  port: number,
  { host, path: urlPath, id, fields, cookie, origin = `http://${host}` }: { host: string; path: string; id: string; fields: Record<string, string>; cookie?: string; origin?: string | null },
): Promise<HttpResponse> {
  const boundary = `----tenantry${crypto.randomBytes(8).toString("hex")}`;
  const parts: string[] = [];
  const add = (name: string, value: string) => parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`);
  for (const [name, value] of Object.entries(fields)) add(`_1_${name}`, value);
  add("0", JSON.stringify(["$undefined", "$K1"]));
  const body = `${parts.join("")}--${boundary}--\r\n`;
  const headers: Record<string, string> = { host, accept: "text/x-component", "next-action": id, "content-type": `multipart/form-data; boundary=${boundary}` };
  if (origin) headers.origin = origin;
  if (cookie) headers.cookie = cookie;
  return httpRequest(port, { method: "POST", path: urlPath, headers, body });
}
