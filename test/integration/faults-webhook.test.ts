// Fault injection in the Stripe webhook (issue 9, threat S7): the handler crashes half-way —
// after the event id is recorded and the tenant's subscription is mirrored, before commit —
// on a delivery that goes through the real route handler. Nothing of it may remain, the answer
// must make Stripe retry (5xx), and the local Stripe's retry must apply the event exactly once.
// The fault point is `injectFault("webhook-after-effect")` in lib/billing/webhook.ts, active only
// under NODE_ENV=test with TENANTRY_TEST_FAULT set.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeLocal, type StripeLocal } from "../../tools/stripe-local/server.mjs";
import { type TestDatabase, appClient, closeProcessDatabase, createTestDatabase, useAsProcessDatabase } from "../support/database";

const WEBHOOK_SECRET = "whsec_tenantry_faults_test";
const system = { kind: "system", label: "faults-test" } as const;

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let owner: pg.Client;
let local: StripeLocal;
let receiver: http.Server;
let POST: (req: Request) => Promise<Response>;
let crossTenant: typeof import("@/lib/db/cross-tenant").crossTenant;
let checkout: typeof import("@/lib/billing/checkout");

/** Deliveries that run with the fault switched on, and what the database held after each. */
let faultyDeliveries = 0;
type Snapshot = { status: number; body: string; events: number; audits: number; subscriptionStatus: string | null };
const afterFault: Snapshot[] = [];
let watchTenant = "";
let watchEvent = "";
let pretendProduction = false;

async function snapshot(status: number, body: string): Promise<Snapshot> {
  const events = await owner.query<{ n: string }>("SELECT count(*) AS n FROM stripe_event WHERE id = $1", [watchEvent]);
  const audits = await owner.query<{ n: string }>(
    "SELECT count(*) AS n FROM platform_audit_event WHERE action = 'stripe.webhook' AND data->>'eventId' = $1",
    [watchEvent],
  );
  const tenant = await owner.query<{ subscription_status: string | null }>("SELECT subscription_status FROM tenant WHERE id = $1", [watchTenant]);
  return { status, body, events: Number(events.rows[0]!.n), audits: Number(audits.rows[0]!.n), subscriptionStatus: tenant.rows[0]!.subscription_status };
}

async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${local.url}/_control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://localhost:3000${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    const faulty = faultyDeliveries > 0;
    if (faulty) {
      faultyDeliveries--;
      process.env.TENANTRY_TEST_FAULT = "webhook-after-effect";
    }
    const env = process.env as Record<string, string | undefined>;
    if (pretendProduction) env.NODE_ENV = "production";
    let response: Response;
    try {
      response = await POST(request);
    } finally {
      delete process.env.TENANTRY_TEST_FAULT;
      env.NODE_ENV = "test";
    }
    const text = await response.text();
    if (faulty) afterFault.push(await snapshot(response.status, text));
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(text);
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`;
  local = await startStripeLocal({ webhookUrl, webhookSecret: WEBHOOK_SECRET, autoDeliver: false, retryAttempts: 4, retryBaseMs: 20 });
  useAsProcessDatabase(db);
  process.env.STRIPE_LOCAL_URL = local.url;
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  delete process.env.STRIPE_SECRET_KEY;
  ({ POST } = await import("@/app/api/stripe/webhook/route"));
  ({ crossTenant } = await import("@/lib/db/cross-tenant"));
  checkout = await import("@/lib/billing/checkout");
});

afterAll(async () => {
  await local?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  await closeProcessDatabase();
  await app?.close();
  await owner?.end();
  await db?.drop();
});

describe("webhook fault injection (S7)", () => {
  it("a handler that fails half-way leaves nothing, answers 5xx, and Stripe's retry applies it exactly once", async () => {
    const tenantId = await crossTenant({ actor: system, action: "test.setup", reason: "faults test tenant" }, async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug: "fault-hook", name: "Fault hook" } });
      const user = await tx.user.create({ data: { email: "owner@fault-hook.test" } });
      await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "OWNER" } });
      return tenant.id;
    }, app.prisma);
    const session = await checkout.createCheckoutSession({ tenantId, role: "OWNER", plan: "PRO", interval: "MONTH" });
    const completed = await control<{ customer: string }>(`checkout/${session.id}/complete`, { card: "4242 4242 4242 4242" });
    type LocalEvent = { id: string; type: string; data: { object: { customer?: string } } };
    const { events, pending } = await control<{ events: LocalEvent[]; pending: string[] }>("events");
    const created = events.find((e) => pending.includes(e.id) && e.type === "customer.subscription.created" && e.data.object.customer === completed.customer)!;
    expect(created).toBeDefined();
    watchTenant = tenantId;
    watchEvent = created.id;
    expect((await snapshot(0, "")).subscriptionStatus).not.toBe("ACTIVE");

    faultyDeliveries = 2; // the first two attempts crash half-way; the third runs clean
    const { results } = await control<{ results: { status: number }[] }>("deliver", { eventIds: [created.id] });
    expect(results.map((r) => r.status)).toEqual([200]);

    // After each crash: a 5xx (so Stripe retries), no event id, no audit row, no effect.
    expect(afterFault).toHaveLength(2);
    for (const s of afterFault) {
      expect(s.status).toBe(500);
      expect(JSON.parse(s.body)).toEqual({ error: "processing failed" });
      expect(s).toMatchObject({ events: 0, audits: 0 });
      expect(s.subscriptionStatus).not.toBe("ACTIVE");
    }
    const state = await control<{ deliveries: { eventId: string; status: number; attempt: number }[] }>("state");
    expect(state.deliveries.filter((d) => d.eventId === created.id).map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 500], [3, 200]]);

    // The retry applied it once: one event row (processed), one audit row, the effect.
    const done = await snapshot(200, "");
    expect(done).toMatchObject({ events: 1, audits: 1, subscriptionStatus: "ACTIVE" });
    const processed = await owner.query<{ processed_at: Date | null }>("SELECT processed_at FROM stripe_event WHERE id = $1", [created.id]);
    expect(processed.rows[0]!.processed_at).not.toBeNull();

    // A late duplicate of the same event changes nothing more.
    const again = await control<{ results: { status: number }[] }>("deliver", { eventIds: [created.id] });
    expect(again.results.map((r) => r.status)).toEqual([200]);
    expect(await snapshot(200, "")).toMatchObject({ events: 1, audits: 1, subscriptionStatus: "ACTIVE" });
  });

  it("the fault switch does nothing outside NODE_ENV=test", async () => {
    const { events, pending } = await control<{ events: { id: string; type: string }[]; pending: string[] }>("events");
    const next = events.find((e) => pending.includes(e.id) && e.type === "invoice.paid")!;
    expect(next).toBeDefined();
    watchEvent = next.id;
    afterFault.length = 0;
    faultyDeliveries = 1;
    pretendProduction = true;
    try {
      const { results } = await control<{ results: { status: number }[] }>("deliver", { eventIds: [next.id] });
      expect(results.map((r) => r.status)).toEqual([200]);
    } finally {
      pretendProduction = false;
    }
    expect(afterFault).toHaveLength(1);
    expect(afterFault[0]).toMatchObject({ status: 200, events: 1, audits: 1 });
  });
});
