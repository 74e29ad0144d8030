// Bounded soak (issue 9, threat P7): mixed traffic over many workspaces against a production
// server (`next start`, own embedded PostgreSQL, ../faults/app-server.ts) — sign-ins through
// Auth.js, CRM writes (the real createCustomerAction) and reads (the customers page, the
// workspace API), Stripe webhook deliveries (renewals and replays signed by the local Stripe).
// Then: zero errors, the heap (after a full GC) at start and end within budget, and every
// workspace's customers exactly what the generator wrote for it, row by row, nothing mixed.
//
// Duration: TENANTRY_SOAK_SECONDS (default 60; `TENANTRY_SOAK_SECONDS=600 npx vitest run
// --project server test/soak` for a longer run).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hashPasswordSync } from "../../scripts/lib/seed.mjs";
import { freePort } from "../../scripts/lib/embedded-postgres.mjs";
import { actionId, callAction, httpRequest, signIn, startAppServer, type AppServer } from "../faults/app-server";

const SECONDS = Number(process.env.TENANTRY_SOAK_SECONDS) || 60;
const TENANTS = 12;
const WORKERS = 6;
const BILLING_TENANTS = 3;
const PASSWORD = "soak-password-123";
/** Heap growth allowed between start and end, after a full GC each time. */
const HEAP_BUDGET_BYTES = 40 * 1024 * 1024;

type Tenant = { index: number; slug: string; host: string; email: string; cookie: string; subscription?: string; wrote: { name: string; email: string }[] };

let server: AppServer;
let heapPort: number;
const tenants: Tenant[] = [];

const slugOf = (i: number) => `soak-t${String(i).padStart(2, "0")}`;
const markerOf = (i: number) => `Soak T${String(i).padStart(2, "0")} `;

function memory(): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: heapPort, path: "/" }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve(JSON.parse(body) as NodeJS.MemoryUsage));
      })
      .on("error", reject);
  });
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function control<T = Record<string, unknown>>(pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.stripeLocalUrl}/_control/${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  heapPort = await freePort();
  const probe = path.resolve(import.meta.dirname, "heap-probe.mjs");
  server = await startAppServer({
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --import ${probe}`.trim(), SOAK_HEAP_PORT: String(heapPort) },
  });
  const hash = hashPasswordSync(PASSWORD);
  for (let i = 0; i < TENANTS; i++) {
    const slug = slugOf(i);
    const email = `owner@${slug}.test`;
    await server.db.query(
      `WITH t AS (
         INSERT INTO tenant (id, slug, name, status, plan_overrides, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'ACTIVE', '{"limits":{"customers":1000000}}', now()) RETURNING id),
       u AS (
         INSERT INTO app_user (id, email, password_hash, email_verified, updated_at) VALUES (gen_random_uuid(), $3, $4, now(), now()) RETURNING id)
       INSERT INTO membership (tenant_id, id, user_id, role, updated_at) SELECT t.id, gen_random_uuid(), u.id, 'OWNER', now() FROM t, u`,
      [slug, `Soak ${i}`, email, hash],
    );
    const host = `${slug}.localhost:${server.port}`;
    const cookie = await signIn(server.port, host, email, PASSWORD);
    if (!cookie) throw new Error(`sign-in failed for ${email}`);
    tenants.push({ index: i, slug, host, email, cookie, wrote: [] });
  }
  // Subscriptions for a few workspaces through the real checkout action and the local Stripe:
  // their renewals and replays are the soak's webhook traffic.
  const checkout = actionId("checkoutAction");
  for (const t of tenants.slice(0, BILLING_TENANTS)) {
    const response = await callAction(server.port, { host: t.host, path: "/billing", id: checkout, fields: { plan: "PRO", interval: "MONTH" }, cookie: t.cookie });
    const session = /checkout\/(cs_[A-Za-z0-9_]+)/.exec(response.body)?.[1];
    if (!session) throw new Error(`no checkout session for ${t.slug}: ${response.status} ${response.body.slice(-400)}`);
    const completed = await control<{ subscription: string }>(`checkout/${session}/complete`, { card: "4242 4242 4242 4242" });
    t.subscription = completed.subscription;
  }
}, 240_000);

afterAll(async () => server?.close(), 60_000);

it(`${SECONDS} s of mixed traffic over ${TENANTS} workspaces: zero errors, heap within budget, every workspace's data intact and unmixed`, async () => {
  const create = actionId("createCustomerAction");
  const errors: string[] = [];
  const counts = { signIn: 0, write: 0, page: 0, api: 0, webhook: 0 };
  const latencies: number[] = [];
  let seq = 0;

  // Warm-up: every route once per workspace, so the start figure includes compiled code.
  for (const t of tenants) {
    await httpRequest(server.port, { path: "/customers", headers: { host: t.host, cookie: t.cookie } });
    await httpRequest(server.port, { path: "/api/workspace", headers: { host: t.host, cookie: t.cookie } });
  }
  const nextPid = server.nextPid()!;
  const heapStart = await memory();
  const rssStart = rssOf(nextPid);

  const foreignMarker = (t: Tenant, body: string) => {
    for (const m of body.matchAll(/Soak T(\d\d) /g)) if (Number(m[1]) !== t.index) return m[0];
    return null;
  };

  async function step(): Promise<void> {
    const t = tenants[Math.floor(Math.random() * tenants.length)]!;
    const roll = Math.random();
    const started = Date.now();
    if (roll < 0.08) {
      counts.signIn++;
      const cookie = await signIn(server.port, t.host, t.email, PASSWORD);
      if (!cookie) errors.push(`sign-in ${t.slug}: no session`);
      else t.cookie = cookie;
    } else if (roll < 0.45) {
      counts.write++;
      const n = seq++;
      const row = { name: `${markerOf(t.index)}#${n}`, email: `c${n}@${t.slug}.test` };
      const response = await callAction(server.port, { host: t.host, path: "/customers/new", id: create, fields: { name: row.name, email: row.email }, cookie: t.cookie });
      if (response.status === 200 && /"ok":true/.test(response.body)) t.wrote.push(row);
      else errors.push(`create ${t.slug} ${row.name}: ${response.status} ${response.body.slice(-200)}`);
    } else if (roll < 0.8) {
      counts.page++;
      const response = await httpRequest(server.port, { path: `/customers?q=${encodeURIComponent("Soak")}`, headers: { host: t.host, cookie: t.cookie } });
      if (response.status !== 200) errors.push(`list ${t.slug}: ${response.status}`);
      const foreign = foreignMarker(t, response.body);
      if (foreign) errors.push(`list ${t.slug} shows another workspace's customer (${foreign})`);
    } else if (roll < 0.93) {
      counts.api++;
      const response = await httpRequest(server.port, { path: "/api/workspace", headers: { host: t.host, cookie: t.cookie } });
      const body = response.status === 200 ? (JSON.parse(response.body) as { workspace?: { slug?: string } }) : null;
      if (body?.workspace?.slug !== t.slug) errors.push(`api ${t.slug}: ${response.status} ${response.body.slice(0, 200)}`);
    } else {
      counts.webhook++;
      const billed = tenants.filter((x) => x.subscription);
      const b = billed[Math.floor(Math.random() * billed.length)]!;
      // A renewal (new signed events, delivered by the local Stripe) or a replay of everything.
      if (Math.random() < 0.5) await control("renew", { subscription: b.subscription, outcome: "paid" });
      else await control("deliver", { all: true, duplicate: 1 });
    }
    latencies.push(Date.now() - started);
  }

  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (Date.now() < deadline) {
        try {
          await step();
        } catch (error) {
          errors.push(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );

  // Webhooks: every delivery (first attempts and retries) answered 2xx.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const state = await control<{ deliveries: { eventId: string; status: number }[] }>("state");
  const failedDeliveries = state.deliveries.filter((d) => d.status < 200 || d.status >= 300);
  expect(failedDeliveries).toEqual([]);
  expect(state.deliveries.length).toBeGreaterThan(0);

  const heapEnd = await memory();
  const rssEnd = rssOf(nextPid);
  expect(errors.slice(0, 20)).toEqual([]);

  // Every workspace holds exactly what the generator wrote for it: row by row, nothing else.
  const rows = await server.db.query<{ slug: string; name: string; email: string | null }>(
    `SELECT t.slug, c.name, c.email FROM customer c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug LIKE 'soak-t%' ORDER BY t.slug, c.name`,
  );
  for (const t of tenants) {
    const stored = rows.filter((r) => r.slug === t.slug).map((r) => `${r.name} <${r.email}>`).sort();
    const wrote = t.wrote.map((r) => `${r.name} <${r.email}>`).sort();
    expect(stored, t.slug).toEqual(wrote);
  }
  // Audit trail: one customer.create entry per write, in the writer's workspace.
  const audits = await server.db.query<{ slug: string; n: string }>(
    `SELECT t.slug, count(*) AS n FROM audit_log a JOIN tenant t ON t.id = a.tenant_id WHERE t.slug LIKE 'soak-t%' AND a.action = 'customer.create' GROUP BY t.slug`,
  );
  for (const t of tenants) expect(Number(audits.find((a) => a.slug === t.slug)?.n ?? 0), t.slug).toBe(t.wrote.length);
  // The subscribed workspaces are ACTIVE after all the renewals and replays.
  const billed = await server.db.query<{ subscription_status: string }>(`SELECT subscription_status FROM tenant WHERE slug = ANY($1)`, [tenants.filter((t) => t.subscription).map((t) => t.slug)]);
  expect(billed.map((b) => b.subscription_status)).toEqual(billed.map(() => "ACTIVE"));

  const writes = tenants.reduce((n, t) => n + t.wrote.length, 0);
  const sorted = [...latencies].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.info(
    `[soak] ${SECONDS} s, ${TENANTS} workspaces, ${WORKERS} workers: ${latencies.length} operations ` +
      `(${counts.signIn} sign-ins, ${counts.write} writes, ${counts.page} pages, ${counts.api} API reads, ${counts.webhook} webhook triggers → ${state.deliveries.length} deliveries); ` +
      `${writes} customers verified row by row; latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${sorted.at(-1)} ms; ` +
      `heapUsed ${mb(heapStart.heapUsed)} → ${mb(heapEnd.heapUsed)} MB, VmRSS ${mb(rssStart)} → ${mb(rssEnd)} MB`,
  );
  expect(heapEnd.heapUsed - heapStart.heapUsed).toBeLessThan(HEAP_BUDGET_BYTES);
  expect(writes).toBeGreaterThan(TENANTS);
}, (SECONDS + 120) * 1000);
