// Faults against a real production server (`next start` via scripts/run-app.mjs) on its own
// embedded PostgreSQL (./app-server.ts), issue 9:
//   - the database stops in the middle of a load run and comes back;
//   - the pool is exhausted by slow (lock-blocked) queries;
//   - SIGTERM while a slow request is in flight.
// Needs the production build (`npm run build`); scripts/test.mjs runs it after the build.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionId, callAction, httpRequest, signIn, startAppServer, type AppServer, type HttpResponse } from "./app-server";

const DEMO = { email: "demo@acme.test", password: "demo-password-123" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const UNAVAILABLE = "Service temporarily unavailable";

async function unlimited(server: AppServer) {
  // Enough room for the load run's customers whatever the demo plan is.
  await server.db.query(`UPDATE tenant SET plan_overrides = '{"limits":{"customers":1000000}}' WHERE slug = 'acme'`);
}

describe("the database stops in the middle of a load run and comes back", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({ seed: true });
    await unlimited(server);
  }, 180_000);
  afterAll(async () => server?.close(), 60_000);

  it("answers 503 with a clear page (HTML) or JSON while it is down, recovers by itself, and keeps every acknowledged write", async () => {
    const host = `acme.localhost:${server.port}`;
    const cookie = (await signIn(server.port, host, DEMO.email, DEMO.password))!;
    expect(cookie).toBeTruthy();
    const create = actionId("createCustomerAction");
    type Sample = { kind: "write" | "page" | "api"; at: number; end: number; status: number | "network"; body: string; name?: string; acknowledged?: boolean };
    const samples: Sample[] = [];
    let running = true;
    let n = 0;

    async function worker(w: number) {
      while (running) {
        const kind = (["write", "page", "api"] as const)[n % 3]!;
        const name = `Outage ${w}-${n++}`;
        const at = Date.now();
        let response: HttpResponse | null = null;
        try {
          if (kind === "write") response = await callAction(server.port, { host, path: "/customers/new", id: create, fields: { name }, cookie });
          else if (kind === "page") response = await httpRequest(server.port, { path: "/customers", headers: { host, cookie } });
          else response = await httpRequest(server.port, { path: "/api/health", headers: { host } });
        } catch {
          response = null;
        }
        samples.push({
          kind,
          at,
          end: Date.now(),
          status: response?.status ?? "network",
          body: response?.body ?? "",
          name: kind === "write" ? name : undefined,
          acknowledged: kind === "write" && response?.status === 200 && /"ok":true/.test(response.body),
        });
        await sleep(20);
      }
    }

    const workers = Array.from({ length: 4 }, (_, w) => worker(w));
    await sleep(3_000);
    const stoppedAt = Date.now();
    await server.db.stop();
    const stopDone = Date.now();
    await sleep(4_000);
    const restartAt = Date.now();
    await server.db.start();
    const restarted = Date.now();
    await sleep(5_000);
    running = false;
    await Promise.all(workers);

    const before = samples.filter((s) => s.end < stoppedAt);
    const down = samples.filter((s) => s.at > stopDone + 500 && s.end < restartAt); // settled outage
    const after = samples.filter((s) => s.at > restarted + 2_000);
    const transition = samples.filter((s) => !before.includes(s) && !down.includes(s) && !after.includes(s));

    // Before: everything works.
    expect(before.length).toBeGreaterThan(10);
    expect(before.filter((s) => s.status !== 200)).toEqual([]);
    expect(before.filter((s) => s.kind === "write").every((s) => s.acknowledged)).toBe(true);

    // While down: only 503s, with a clear message, Retry-After, HTML for pages, JSON for /api.
    expect(down.length).toBeGreaterThan(10);
    expect(down.filter((s) => s.status !== 503).map((s) => `${s.kind} ${s.status} ${s.body.slice(0, 80)}`)).toEqual([]);
    for (const s of down.filter((x) => x.kind === "page")) expect(s.body).toMatch(/<h1>Service temporarily unavailable<\/h1>/);
    for (const s of down.filter((x) => x.kind === "write")) expect(JSON.parse(s.body)).toEqual({ error: expect.stringContaining(UNAVAILABLE) });
    for (const s of down.filter((x) => x.kind === "api")) expect(JSON.parse(s.body)).toMatchObject({ database: "down" });

    // The edges (requests in flight while the server stopped or started): 200, 503, or a 500
    // for a request whose connection was cut mid-query — never a hang or a dropped connection.
    expect(transition.filter((s) => s.status === "network")).toEqual([]);
    const transitionStatuses = new Set(transition.map((s) => s.status));
    for (const status of transitionStatuses) expect([200, 500, 503]).toContain(status);

    // Recovered by itself (same process, no restart).
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((s) => s.status !== 200).map((s) => `${s.kind} ${s.status}`)).toEqual([]);
    expect(server.supervisor.exitCode).toBeNull();

    // Every acknowledged write is in the database, once.
    const acknowledged = samples.filter((s) => s.acknowledged).map((s) => s.name!);
    expect(acknowledged.length).toBeGreaterThan(5);
    const rows = await server.db.query<{ name: string; n: string }>(
      `SELECT c.name, count(*) AS n FROM customer c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = 'acme' AND c.name LIKE 'Outage %' GROUP BY c.name`,
    );
    const stored = new Map(rows.map((r) => [r.name, Number(r.n)]));
    expect(acknowledged.filter((name) => stored.get(name) !== 1)).toEqual([]);
    console.info(
      `[faults] outage run: ${samples.length} requests; before ${before.length}, down ${down.length} (all 503), edges ${transition.length} ` +
        `(${[...transitionStatuses].join("/")}), after ${after.length}; ${acknowledged.length} acknowledged writes, all stored`,
    );
  }, 60_000);
});

describe("pool exhaustion and graceful shutdown", () => {
  let server: AppServer;
  const STATEMENT_TIMEOUT_MS = 4_000;
  beforeAll(async () => {
    server = await startAppServer({
      seed: true,
      env: { DB_POOL_MAX: "2", DB_CONNECTION_TIMEOUT_MS: "2000", DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS), DB_PROBE_TIMEOUT_MS: "1000" },
    });
  }, 180_000);
  afterAll(async () => server?.close(), 60_000);

  /** Holds an ACCESS EXCLUSIVE lock on `customer` until release(): the app's reads of it block. */
  async function lockCustomers() {
    const owner = new pg.Client({ connectionString: server.db.ownerUrl });
    await owner.connect();
    await owner.query("BEGIN");
    await owner.query("LOCK TABLE customer IN ACCESS EXCLUSIVE MODE");
    return {
      async release() {
        await owner.query("COMMIT");
        await owner.end();
      },
    };
  }

  const appConnections = () =>
    server.db.query<{ state: string | null; wait_event_type: string | null; query: string }>(
      `SELECT state, wait_event_type, query FROM pg_stat_activity WHERE application_name = 'tenantry-app'`,
    );

  it("a pool filled by slow queries answers new requests promptly with 503; the statement timeout ends the slow ones", async () => {
    const host = `acme.localhost:${server.port}`;
    const cookie = (await signIn(server.port, host, DEMO.email, DEMO.password))!;
    expect((await httpRequest(server.port, { path: "/customers", headers: { host, cookie } })).status).toBe(200);

    const lock = await lockCustomers();
    try {
      const slowStarted = Date.now();
      const slow = [0, 1].map(() => httpRequest(server.port, { path: "/customers", headers: { host, cookie } }).then((r) => ({ ...r, ms: Date.now() - slowStarted })));
      // Both pool connections are now waiting on the lock.
      for (let i = 0; i < 50 && (await appConnections()).filter((c) => c.wait_event_type === "Lock").length < 2; i++) await sleep(100);
      expect((await appConnections()).filter((c) => c.wait_event_type === "Lock")).toHaveLength(2);

      const started = Date.now();
      const page = await httpRequest(server.port, { path: "/customers", headers: { host, cookie }, timeoutMs: 10_000 });
      const pageMs = Date.now() - started;
      const health = await httpRequest(server.port, { path: "/api/health", timeoutMs: 10_000 });
      const healthMs = Date.now() - started - pageMs;
      expect(page.status).toBe(503);
      expect(page.headers["retry-after"]).toBe("5");
      expect(page.body).toContain(UNAVAILABLE);
      expect(pageMs).toBeLessThan(2_500);
      expect(health.status).toBe(503);
      expect(healthMs).toBeLessThan(3_000);

      // statement_timeout cancels the blocked queries: they end (with an error) instead of hanging.
      const ended = await Promise.all(slow);
      for (const r of ended) {
        // The page streams (loading.tsx): its 200 head is out before the query fails, so the
        // failure arrives in the stream as the error boundary's digest ($RX); or a 5xx.
        expect(r.status >= 500 || /\$RX\("B:\d+","\d+"\)/.test(r.body), `status ${r.status}: ${r.body.slice(-300)}`).toBe(true);
        expect(r.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 3_000);
        expect(r.body).not.toMatch(/at \w+ \(|\/work\/|node_modules/); // no stack trace or paths
      }
      expect((await appConnections()).filter((c) => c.wait_event_type === "Lock")).toEqual([]);
      console.info(`[faults] pool of 2 exhausted: a new page answered 503 in ${pageMs} ms, /api/health in ${healthMs} ms; slow requests ended after ${ended.map((r) => r.ms).join(", ")} ms`);
    } finally {
      await lock.release();
    }
    // And it recovers by itself.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await httpRequest(server.port, { path: "/customers", headers: { host, cookie } })).status;
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
    expect((await appConnections()).filter((c) => c.state === "idle in transaction")).toEqual([]);
  }, 60_000);

  it("SIGTERM: an in-flight request finishes with 200, new connections are refused, no connection is left behind", async () => {
    const host = `acme.localhost:${server.port}`;
    const cookie = (await signIn(server.port, host, DEMO.email, DEMO.password))!;
    const lock = await lockCustomers();
    let released = false;
    try {
      const slow = httpRequest(server.port, { path: "/customers", headers: { host, cookie } });
      for (let i = 0; i < 50 && (await appConnections()).filter((c) => c.wait_event_type === "Lock").length < 1; i++) await sleep(100);
      expect((await appConnections()).filter((c) => c.wait_event_type === "Lock")).toHaveLength(1);

      const exited = server.terminate();
      await sleep(500);
      // The listening socket is closed: a new connection is refused.
      await expect(httpRequest(server.port, { path: "/api/health", timeoutMs: 3_000 })).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
      expect(server.supervisor.exitCode).toBeNull(); // still draining

      await lock.release();
      released = true;
      const response = await slow;
      expect(response.status).toBe(200);
      expect(response.body).toContain("Customers");
      const code = await exited;
      expect(code).not.toBeNull();
    } finally {
      if (!released) await lock.release();
    }
    // The pool's connections ended with the process; nothing idle in a transaction.
    let left = await appConnections();
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await sleep(100);
      left = await appConnections();
    }
    expect(left).toEqual([]);
  }, 60_000);
});
