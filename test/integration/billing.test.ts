// Billing against real PostgreSQL and the real `stripe` SDK talking to the local Stripe
// (tools/stripe-local), whose signed webhook deliveries reach the real route handler.
// Threat-model section "Stripe" (S1–S7).
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeLocal, type StripeLocal } from "../../tools/stripe-local/server.mjs";
import { type TestDatabase, appClient, closeProcessDatabase, createTestDatabase, useAsProcessDatabase } from "../support/database";

const WEBHOOK_SECRET = "whsec_tenantry_integration_test";
const system = { kind: "system", label: "billing-test" } as const;

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let owner: pg.Client; // superuser: reads platform tables RLS hides from the app role
let local: StripeLocal;
let receiver: http.Server;
let sdk: Stripe;
let failNextDeliveries = 0; // the receiver answers 503 to this many requests

// Imported after the environment is set (the modules read it lazily, but keep it explicit).
let POST: (req: Request) => Promise<Response>;
let billing: {
  checkout: typeof import("@/lib/billing/checkout");
  portal: typeof import("@/lib/billing/portal");
  seats: typeof import("@/lib/billing/seats");
  crossTenant: typeof import("@/lib/db/cross-tenant").crossTenant;
  forTenant: typeof import("@/lib/db/tenant").forTenant;
  ForbiddenError: typeof import("@/lib/authz/permissions").ForbiddenError;
  BillingError: typeof import("@/lib/billing/errors").BillingError;
};

async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${local.url}/_control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type LocalEvent = { id: string; type: string; livemode: boolean; data: { object: { customer?: string; id: string } } };

async function pendingEventsOf(customerId: string): Promise<LocalEvent[]> {
  const { events, pending } = await control<{ events: LocalEvent[]; pending: string[] }>("events");
  return events.filter((e) => pending.includes(e.id) && e.data.object.customer === customerId);
}

function signedRequest(payload: string, { secret = WEBHOOK_SECRET, timestamp }: { secret?: string; timestamp?: number } = {}): Request {
  const header = sdk.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  return new Request("http://localhost:3000/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
}

async function tenantRow(tenantId: string) {
  return billing.forTenant(tenantId, app.prisma).tenant.findUniqueOrThrow({ where: { id: tenantId } });
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const result = await owner.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

async function createTenant(slug: string): Promise<string> {
  return billing.crossTenant({ actor: system, action: "test.setup", reason: "billing test tenant" }, async (tx) => {
    const tenant = await tx.tenant.create({ data: { slug, name: `Workspace ${slug}` } });
    const user = await tx.user.create({ data: { email: `owner@${slug}.test` } });
    await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "OWNER" } });
    return tenant.id;
  }, app.prisma);
}

/** Checkout → pay with the test card on the local Stripe; events stay pending. */
async function subscribe(tenantId: string, plan: "STARTER" | "PRO" = "PRO"): Promise<{ customerId: string; subscriptionId: string }> {
  const session = await billing.checkout.createCheckoutSession({ tenantId, role: "OWNER", plan, interval: "MONTH" });
  const completed = await control<{ customer: string; subscription: string }>(`checkout/${session.id}/complete`, { card: "4242 4242 4242 4242" });
  return { customerId: completed.customer, subscriptionId: completed.subscription };
}

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();

  receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (failNextDeliveries > 0) {
      failNextDeliveries--;
      res.writeHead(503).end();
      return;
    }
    const request = new Request(`http://localhost:3000${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    const response = await POST(request);
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`;
  local = await startStripeLocal({ webhookUrl, webhookSecret: WEBHOOK_SECRET, autoDeliver: false, retryAttempts: 3, retryBaseMs: 20 });

  useAsProcessDatabase(db);
  process.env.STRIPE_LOCAL_URL = local.url;
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  delete process.env.STRIPE_SECRET_KEY;
  sdk = new Stripe("sk_test_tenantry_local", { ...local.stripeOptions });

  ({ POST } = await import("@/app/api/stripe/webhook/route"));
  billing = {
    checkout: await import("@/lib/billing/checkout"),
    portal: await import("@/lib/billing/portal"),
    seats: await import("@/lib/billing/seats"),
    crossTenant: (await import("@/lib/db/cross-tenant")).crossTenant,
    forTenant: (await import("@/lib/db/tenant")).forTenant,
    ForbiddenError: (await import("@/lib/authz/permissions")).ForbiddenError,
    BillingError: (await import("@/lib/billing/errors")).BillingError,
  };
});

afterAll(async () => {
  await local?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  await closeProcessDatabase();
  await app?.close();
  await owner?.end();
  await db?.drop();
});

describe("checkout", () => {
  it("10 parallel checkout attempts create ONE Stripe customer for the tenant", async () => {
    const tenantId = await createTenant("bill-race");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => billing.checkout.createCheckoutSession({ tenantId, role: "OWNER", plan: "PRO", interval: "MONTH" })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const { stripeCustomerId } = await tenantRow(tenantId);
    expect(stripeCustomerId).toMatch(/^cus_/);
    const state = await control<{ customers: { id: string; deleted?: boolean; metadata: Record<string, string> }[]; checkoutSessions: { id: string; customer: string; client_reference_id: string; success_url: string; metadata: Record<string, string> }[] }>("state");
    const live = state.customers.filter((c) => c.metadata.tenantId === tenantId && !c.deleted);
    expect(live.map((c) => c.id)).toEqual([stripeCustomerId]);
    const ids = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.id : "")));
    const sessions = state.checkoutSessions.filter((s) => ids.has(s.id));
    expect(sessions).toHaveLength(10);
    for (const s of sessions) {
      expect(s.customer).toBe(stripeCustomerId);
      expect(s.client_reference_id).toBe(tenantId);
      expect(s.metadata.tenantId).toBe(tenantId);
      expect(s.success_url.startsWith("http://bill-race.localhost:3000/billing?checkout=success")).toBe(true);
    }
  });

  it("completing checkout mirrors the subscription; a second checkout is refused", async () => {
    const tenantId = await createTenant("bill-sub");
    const { customerId, subscriptionId } = await subscribe(tenantId, "STARTER");
    // Before the webhook arrives, Stripe itself already refuses a second checkout.
    await expect(billing.checkout.createCheckoutSession({ tenantId, role: "OWNER", plan: "PRO", interval: "YEAR" })).rejects.toMatchObject({ code: "already-subscribed" });
    const pending = await pendingEventsOf(customerId);
    expect(pending.map((e) => e.type)).toEqual(["customer.subscription.created", "invoice.paid", "checkout.session.completed"]);
    const { results } = await control<{ results: { status: number }[] }>("deliver", { eventIds: pending.map((e) => e.id) });
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const row = await tenantRow(tenantId);
    expect(row).toMatchObject({ plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", stripeSubscriptionId: subscriptionId, seats: 1, cancelAtPeriodEnd: false });
    expect(row.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now());
    await expect(billing.checkout.createCheckoutSession({ tenantId, role: "OWNER", plan: "PRO", interval: "MONTH" })).rejects.toBeInstanceOf(billing.BillingError);
  });

  it("a member without billing.manage cannot start a checkout", async () => {
    const tenantId = await createTenant("bill-member");
    await expect(billing.checkout.createCheckoutSession({ tenantId, role: "MEMBER", plan: "PRO", interval: "MONTH" })).rejects.toBeInstanceOf(billing.ForbiddenError);
    expect((await tenantRow(tenantId)).stripeCustomerId).toBeNull();
  });
});

describe("billing portal", () => {
  it("opens for the caller's own customer only; members get 403; no customer → refused", async () => {
    const a = await createTenant("portal-a");
    const b = await createTenant("portal-b");
    const c = await createTenant("portal-c");
    const { customerId: customerA } = await subscribe(a);
    const { customerId: customerB } = await subscribe(b);
    const portalA = await billing.portal.createPortalSession({ tenantId: a, role: "OWNER" });
    const portalB = await billing.portal.createPortalSession({ tenantId: b, role: "OWNER" });
    expect(portalA.customerId).toBe(customerA);
    expect(portalB.customerId).toBe(customerB);
    expect(customerA).not.toBe(customerB);
    // The portal page B gets shows B's customer, never A's.
    const page = await (await fetch(portalB.url.replace("localhost", "127.0.0.1"))).text();
    expect(page).toContain("Local Stripe — test mode");
    expect(page).toContain(customerB);
    expect(page).not.toContain(customerA);
    await expect(billing.portal.createPortalSession({ tenantId: a, role: "MEMBER" })).rejects.toBeInstanceOf(billing.ForbiddenError);
    await expect(billing.portal.createPortalSession({ tenantId: c, role: "OWNER" })).rejects.toMatchObject({ code: "no-billing-account" });
  });
});

describe("webhook", () => {
  it("the same event delivered ten times in parallel has one effect", async () => {
    const tenantId = await createTenant("bill-dup");
    const { customerId, subscriptionId } = await subscribe(tenantId);
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    await control("renew", { subscription: subscriptionId, outcome: "failed" });
    const failed = (await pendingEventsOf(customerId)).find((e) => e.type === "invoice.payment_failed")!;
    const payload = JSON.stringify(failed);
    const responses = await Promise.all(Array.from({ length: 10 }, () => POST(signedRequest(payload))));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Record<string, unknown>[];
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(bodies.filter((b) => b.duplicate === true)).toHaveLength(9);
    expect(await count("SELECT count(*) AS n FROM stripe_event WHERE id = $1", [failed.id])).toBe(1);
    expect(await count("SELECT count(*) AS n FROM platform_audit_event WHERE action = 'stripe.webhook' AND data->>'eventId' = $1", [failed.id])).toBe(1);
    expect(await count("SELECT count(*) AS n FROM email_message WHERE template = 'payment-failed' AND \"to\" = $1", ["owner@bill-dup.test"])).toBe(1);
    const row = await tenantRow(tenantId);
    expect(row.subscriptionStatus).toBe("PAST_DUE");
    expect(row.pastDueSince).not.toBeNull();
    // The local Stripe's own duplicate switch: ten more deliveries in parallel change nothing.
    const { results } = await control<{ results: { status: number }[] }>("deliver", { eventIds: [failed.id], duplicate: 10, parallel: true });
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await count("SELECT count(*) AS n FROM email_message WHERE template = 'payment-failed' AND \"to\" = $1", ["owner@bill-dup.test"])).toBe(1);
  });

  it("a lifecycle delivered in reverse ends in the same state as in order", async () => {
    async function lifecycle(slug: string, order: "in-order" | "reverse") {
      const tenantId = await createTenant(slug);
      const { customerId, subscriptionId } = await subscribe(tenantId);
      await control("renew", { subscription: subscriptionId, outcome: "failed" }); // → past_due
      await control("renew", { subscription: subscriptionId, outcome: "paid" }); // → active
      await sdk.subscriptions.cancel(subscriptionId); // → deleted
      const events = await pendingEventsOf(customerId);
      const types = events.map((e) => e.type);
      expect(types[0]).toBe("customer.subscription.created");
      expect(types.filter((t) => t === "customer.subscription.updated")).toHaveLength(2);
      expect(types.at(-1)).toBe("customer.subscription.deleted");
      const { results } = await control<{ results: { status: number }[] }>("deliver", { eventIds: events.map((e) => e.id), order });
      expect(results.every((r) => r.status === 200)).toBe(true);
      return tenantRow(tenantId);
    }
    const inOrder = await lifecycle("life-fwd", "in-order");
    const reversed = await lifecycle("life-rev", "reverse");
    const pick = (row: typeof inOrder) => ({
      plan: row.plan,
      billingInterval: row.billingInterval,
      subscriptionStatus: row.subscriptionStatus,
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      seats: row.seats,
      pastDueSince: row.pastDueSince,
      ended: row.subscriptionEndedAt !== null,
    });
    expect(pick(reversed)).toEqual(pick(inOrder));
    expect(pick(inOrder)).toEqual({ plan: "PRO", billingInterval: "MONTH", subscriptionStatus: "CANCELED", cancelAtPeriodEnd: false, seats: 1, pastDueSince: null, ended: true });
  });

  it("a forged or tampered signature, or a stale timestamp → 400 and nothing changes", async () => {
    const tenantId = await createTenant("bill-forge");
    const { customerId } = await subscribe(tenantId);
    const events = await pendingEventsOf(customerId);
    const created = events.find((e) => e.type === "customer.subscription.created")!;
    const payload = JSON.stringify(created);
    const tampered = payload.replace('"status":"active"', '"status":"canceled"');
    expect(tampered).not.toBe(payload);
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const attempts = [
      new Request("http://localhost/api/stripe/webhook", { method: "POST", body: tampered, headers: { "stripe-signature": header } }),
      signedRequest(payload, { secret: "whsec_someone_else" }),
      signedRequest(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload }),
    ];
    for (const request of attempts) {
      const response = await POST(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "invalid signature" });
    }
    expect(await count("SELECT count(*) AS n FROM stripe_event WHERE id = $1", [created.id])).toBe(0);
    expect((await tenantRow(tenantId)).subscriptionStatus).toBeNull();
    // The genuine delivery still works afterwards.
    expect((await POST(signedRequest(payload))).status).toBe(200);
    expect((await tenantRow(tenantId)).subscriptionStatus).toBe("ACTIVE");
  });

  it("rejects an event whose livemode does not match the key; ignores unknown types", async () => {
    const tenantId = await createTenant("bill-live");
    const { customerId } = await subscribe(tenantId);
    const created = (await pendingEventsOf(customerId)).find((e) => e.type === "customer.subscription.created")!;
    const live = { ...created, id: `${created.id}_live`, livemode: true };
    const response = await POST(signedRequest(JSON.stringify(live)));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/livemode/);
    expect(await count("SELECT count(*) AS n FROM stripe_event WHERE id = $1", [live.id])).toBe(0);
    expect((await tenantRow(tenantId)).subscriptionStatus).toBeNull();

    const unknown = { ...created, id: `${created.id}_x`, type: "charge.refund.updated" };
    const ignored = await POST(signedRequest(JSON.stringify(unknown)));
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ received: true, ignored: true });
  });

  it("retries a failed delivery with backoff until it succeeds", async () => {
    const tenantId = await createTenant("bill-retry");
    const { customerId } = await subscribe(tenantId);
    const events = await pendingEventsOf(customerId);
    failNextDeliveries = 2; // the first event's first two attempts fail
    const { results } = await control<{ results: { status: number }[] }>("deliver", { eventIds: events.map((e) => e.id) });
    expect(results.every((r) => r.status === 200)).toBe(true);
    const state = await control<{ deliveries: { eventId: string; status: number; attempt: number }[] }>("state");
    const first = state.deliveries.filter((d) => d.eventId === events[0]!.id);
    expect(first.map((d) => [d.attempt, d.status])).toEqual([[1, 503], [2, 503], [3, 200]]);
    expect((await tenantRow(tenantId)).subscriptionStatus).toBe("ACTIVE");
  });
});

describe("seats", () => {
  it("keeps the subscription quantity equal to the member count", async () => {
    const tenantId = await createTenant("bill-seats");
    const { customerId, subscriptionId } = await subscribe(tenantId);
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    await billing.crossTenant({ actor: system, action: "test.setup", reason: "add a member" }, async (tx) => {
      const user = await tx.user.create({ data: { email: "second@bill-seats.test" } });
      await tx.membership.create({ data: { tenantId, userId: user.id, role: "MEMBER" } });
    }, app.prisma);
    expect(await billing.seats.syncSeats(tenantId)).toEqual({ updated: true, quantity: 2 });
    expect((await sdk.subscriptions.retrieve(subscriptionId)).items.data[0]!.quantity).toBe(2);
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    expect((await tenantRow(tenantId)).seats).toBe(2);
    expect(await billing.seats.syncSeats(tenantId)).toEqual({ updated: false, quantity: 2 });
  });
});

describe("limits where they bite", () => {
  it("a Free workspace cannot add its 101st customer; the message says what to do", async () => {
    const tenantId = await createTenant("bill-limit");
    const { assertCanAddCustomer } = await import("@/lib/billing/enforce");
    const db = billing.forTenant(tenantId, app.prisma);
    await db.customer.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ tenantId, name: `c${i}` })) });
    await expect(db.$transaction((tx) => assertCanAddCustomer(tx))).rejects.toThrow(/^Your Free plan allows 100 customers\. .* can upgrade on the Billing page\.$/);
    // The card-less trial (Pro) lifts it.
    await db.tenant.update({ where: { id: tenantId }, data: { trialEndsAt: new Date(Date.now() + 86_400_000) } });
    await expect(db.$transaction((tx) => assertCanAddCustomer(tx))).resolves.toBeUndefined();
  });

  it("a workspace canceled past the grace period is read-only; seats check says why", async () => {
    const tenantId = await createTenant("bill-readonly");
    const { assertWorkspaceWritable } = await import("@/lib/billing/enforce");
    const db = billing.forTenant(tenantId, app.prisma);
    await db.tenant.update({ where: { id: tenantId }, data: { plan: "PRO", subscriptionStatus: "CANCELED", subscriptionEndedAt: new Date(Date.now() - 8 * 86_400_000) } });
    await expect(db.$transaction((tx) => assertWorkspaceWritable(tx))).rejects.toMatchObject({ code: "read-only" });
    const check = await db.$transaction((tx) => billing.seats.seatLimitCheck(tx));
    expect(check).toMatchObject({ ok: false });
    expect((check as { message: string }).message).toMatch(/read-only/);
  });
});

describe("wired into signup and the members domain", () => {
  async function ownerCtx(tenantId: string, mailed: string[] = []) {
    const db = billing.forTenant(tenantId, app.prisma);
    const owner = await db.membership.findFirstOrThrow({ where: { role: "OWNER" }, include: { user: { select: { email: true } } } });
    return {
      db,
      actor: { userId: owner.userId, role: "OWNER" as const, label: owner.user.email },
      mailer: async ({ to, url }: { to: string; url: string }) => void mailed.push(`${to} ${url}`),
    };
  }

  it("a new workspace starts on the documented trial (TRIAL_DAYS of Pro, card-less)", async () => {
    const { createWorkspace } = await import("@/lib/tenants/create-workspace");
    const before = Date.now();
    const result = await createWorkspace({ workspaceName: "Trial Co", subdomain: "bill-trial", email: "owner@bill-trial.test", password: "a long password" }, app.prisma);
    if (!result.ok) throw new Error(result.message);
    const tenant = await tenantRow(result.tenantId);
    expect(tenant).toMatchObject({ plan: "FREE", subscriptionStatus: null, stripeCustomerId: null });
    const days = (tenant.trialEndsAt!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);
    const { entitlementsFor } = await import("@/lib/billing/plans");
    expect(entitlementsFor(tenant)).toMatchObject({ source: "trial", plan: { id: "PRO" }, limits: { seats: 100, customers: null } });
  });

  it("a read-only workspace refuses member invitations with the read-only message; reads still work", async () => {
    const tenantId = await createTenant("bill-ro-invite");
    const { inviteMember, listMembers, MembersError } = await import("@/lib/members");
    const mailed: string[] = [];
    const ctx = await ownerCtx(tenantId, mailed);
    await ctx.db.tenant.update({ where: { id: tenantId }, data: { plan: "STARTER", subscriptionStatus: "CANCELED", subscriptionEndedAt: new Date(Date.now() - 8 * 86_400_000) } });
    const refusal = inviteMember(ctx, { email: "new@bill-ro-invite.test", role: "MEMBER" });
    await expect(refusal).rejects.toBeInstanceOf(MembersError);
    await expect(refusal).rejects.toThrow(
      "This workspace is read-only because its subscription has ended. An owner can choose a plan on the Billing page to restore full access.",
    );
    expect(mailed).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM invitation WHERE tenant_id = $1", [tenantId])).toBe(0);
    expect((await listMembers(ctx)).members).toHaveLength(1); // reads work
  });

  it("the seat limit refuses an invitation over the plan with what to do; the trial lifts it", async () => {
    const tenantId = await createTenant("bill-seat-limit");
    const { inviteMember } = await import("@/lib/members");
    const ctx = await ownerCtx(tenantId);
    await inviteMember(ctx, { email: "a@bill-seat-limit.test", role: "MEMBER" });
    await inviteMember(ctx, { email: "b@bill-seat-limit.test", role: "MEMBER" }); // 1 member + 2 pending = Free's 3
    await expect(inviteMember(ctx, { email: "c@bill-seat-limit.test", role: "MEMBER" })).rejects.toThrow(
      /^Your Free plan allows 3 members\. Owners and admins can upgrade on the Billing page\. 2 pending invitations hold seats: revoke one on the Members page to free a seat\.$/,
    );
    await ctx.db.tenant.update({ where: { id: tenantId }, data: { trialEndsAt: new Date(Date.now() + 86_400_000) } });
    await expect(inviteMember(ctx, { email: "c@bill-seat-limit.test", role: "MEMBER" })).resolves.toMatchObject({ email: "c@bill-seat-limit.test" });
  });

  it("accepting an invitation and removing a member keep the Stripe quantity equal to the members (after commit)", async () => {
    const tenantId = await createTenant("bill-seat-sync");
    const { customerId, subscriptionId } = await subscribe(tenantId, "STARTER");
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    const { inviteMember, acceptInvitation, removeMember } = await import("@/lib/members");
    const mailed: string[] = [];
    const ctx = await ownerCtx(tenantId, mailed);
    await inviteMember(ctx, { email: "joiner@bill-seat-sync.test", role: "MEMBER" });
    const token = mailed[0]!.split("/invite/")[1]!;
    const joiner = await billing.crossTenant({ actor: system, action: "test.setup", reason: "invited user" }, (tx) =>
      tx.user.create({ data: { email: "joiner@bill-seat-sync.test" } }), app.prisma);
    const accepted = await acceptInvitation({ db: ctx.db, user: { id: joiner.id, email: joiner.email } }, token);
    expect((await sdk.subscriptions.retrieve(subscriptionId)).items.data[0]!.quantity).toBe(2);
    await removeMember(ctx, { membershipId: accepted.membershipId });
    expect((await sdk.subscriptions.retrieve(subscriptionId)).items.data[0]!.quantity).toBe(1);
  });

  it("a Stripe failure while syncing seats is logged, and the membership change stands", async () => {
    const tenantId = await createTenant("bill-seat-fail");
    const { customerId } = await subscribe(tenantId, "STARTER");
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    const ctx = await ownerCtx(tenantId);
    const member = await billing.crossTenant({ actor: system, action: "test.setup", reason: "add a member" }, async (tx) => {
      const user = await tx.user.create({ data: { email: "gone@bill-seat-fail.test" } });
      return tx.membership.create({ data: { tenantId, userId: user.id, role: "MEMBER" } });
    }, app.prisma);
    // The mirror names a subscription Stripe does not know: the sync's retrieve fails (404).
    await ctx.db.tenant.update({ where: { id: tenantId }, data: { stripeSubscriptionId: "sub_missing" } });
    const { removeMember } = await import("@/lib/members");
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    try {
      await expect(removeMember(ctx, { membershipId: member.id })).resolves.toBeUndefined();
    } finally {
      console.error = original;
    }
    expect(errors.some((e) => e.includes("[billing] seat sync"))).toBe(true);
    expect(await ctx.db.membership.count()).toBe(1);
  });
});

describe("a deleted workspace stops billing", () => {
  it("deleting stops the renewal at Stripe (mirrored by the webhook), a restore does not resume it, and the purge cancels what is still live", async () => {
    const tenantId = await createTenant("bill-deleted");
    const { customerId, subscriptionId } = await subscribe(tenantId, "STARTER");
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    const ownerId = (await owner.query<{ user_id: string }>("SELECT user_id FROM membership WHERE tenant_id = $1 AND role = 'OWNER'", [tenantId])).rows[0]!.user_id;
    const { deleteWorkspaceAsOwner, restoreWorkspaceAsOwner } = await import("@/lib/workspace/deletion");
    const { stopRenewalOfDeletedWorkspaces } = await import("@/lib/billing/deleted-workspaces");
    const { purgeDeletedWorkspaces } = await import("@/lib/workspace/purge");
    const who = { userId: ownerId, label: "owner@bill-deleted.test" };
    const quiet = { client: app.prisma, mail: async () => undefined };

    expect((await deleteWorkspaceAsOwner(who, tenantId, "bill-deleted", quiet)).ok).toBe(true);
    expect((await sdk.subscriptions.retrieve(subscriptionId)).cancel_at_period_end).toBe(true);
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    expect(await tenantRow(tenantId)).toMatchObject({ status: "DELETED", cancelAtPeriodEnd: true, subscriptionStatus: "ACTIVE" });
    // The hourly retry finds nothing left to stop.
    expect(await stopRenewalOfDeletedWorkspaces({ client: app.prisma })).toEqual([]);

    // Restored: the workspace is back, the subscription still ends (resuming is the owner's call).
    expect((await restoreWorkspaceAsOwner(who, tenantId, { client: app.prisma })).ok).toBe(true);
    expect((await sdk.subscriptions.retrieve(subscriptionId)).cancel_at_period_end).toBe(true);

    // Deleted again and past the grace period: the purge cancels the subscription first.
    expect((await deleteWorkspaceAsOwner(who, tenantId, "bill-deleted", quiet)).ok).toBe(true);
    const purged = await purgeDeletedWorkspaces(new Date(Date.now() + 400 * 86_400_000), { client: app.prisma });
    expect(purged).toContain("bill-deleted");
    expect((await sdk.subscriptions.retrieve(subscriptionId)).status).toBe("canceled");
    expect(await count("SELECT count(*) AS n FROM tenant WHERE id = $1", [tenantId])).toBe(0);
  });

  it("a purge waits while Stripe cannot cancel a live subscription", async () => {
    const tenantId = await createTenant("bill-deleted-wait");
    const { customerId } = await subscribe(tenantId, "STARTER");
    await control("deliver", { eventIds: (await pendingEventsOf(customerId)).map((e) => e.id) });
    // The mirror names a subscription Stripe does not know: the cancel fails, nothing is purged.
    await owner.query("UPDATE tenant SET status = 'DELETED', deleted_at = now(), purge_after = now(), stripe_subscription_id = 'sub_missing_purge' WHERE id = $1", [tenantId]);
    const { purgeDeletedWorkspaces } = await import("@/lib/workspace/purge");
    const original = console.error;
    console.error = () => {};
    try {
      expect(await purgeDeletedWorkspaces(new Date(Date.now() + 1000), { client: app.prisma })).not.toContain("bill-deleted-wait");
    } finally {
      console.error = original;
    }
    expect(await count("SELECT count(*) AS n FROM tenant WHERE id = $1", [tenantId])).toBe(1);
  });
});
