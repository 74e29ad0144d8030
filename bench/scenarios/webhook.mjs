// Scenario 5: Stripe webhook throughput through the real handler over HTTP
// (POST /api/stripe/webhook on the bench server), events signed with the secret the server
// was started with (the stripe SDK's generateTestHeaderString, as Stripe signs them).
//   ignored     a valid, signed event of a type the handler ignores: HTTP + signature check,
//               no database (the baseline)
//   fresh       customer.subscription.updated for a bench tenant with a local-Stripe
//               customer: one audited platform transaction, stripe_event insert, re-fetch of
//               the customer's subscriptions from the local Stripe, mirror
//   duplicate   an event id already processed: the insert conflicts, 200 {duplicate: true}
//   mixed       fresh events with every Nth one a duplicate (what Stripe's retries look like)
// Afterwards: exactly one stripe_event row per distinct fresh event (idempotency held).
import crypto from "node:crypto";
import pg from "pg";
import Stripe from "stripe";
import { interleave, median, medianRatio, round3 } from "../lib/measure.mjs";

const LOCAL_STRIPE_KEY = "sk_test_tenantry_local"; // lib/config/billing.ts

export async function webhookScenario(ctx) {
  const { scale, tenants, app, ownerUrl } = ctx;
  const sdk = new Stripe(LOCAL_STRIPE_KEY);
  const local = new URL(app.stripe.url);
  const localStripe = new Stripe(LOCAL_STRIPE_KEY, { host: local.hostname, port: Number(local.port), protocol: local.protocol.replace(":", "") });
  const runId = crypto.randomBytes(4).toString("hex");

  // Bench tenants from the long tail get a customer in the local Stripe.
  const chosen = tenants.slice(-scale.webhook.tenants);
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const links = [];
  try {
    for (const t of chosen) {
      const customer = await localStripe.customers.create({ email: `bench-${t.slug}@tenantry.test`, metadata: { tenantId: t.id } });
      await owner.query("UPDATE tenant SET stripe_customer_id = $2 WHERE id = $1", [t.id, customer.id]);
      links.push({ tenantId: t.id, customerId: customer.id });
    }
  } finally {
    await owner.end();
  }

  let seq = 0;
  const delivered = [];
  function eventBody(type, link) {
    const n = ++seq;
    return {
      id: `evt_bench_${runId}_${n}`,
      object: "event",
      api_version: "2025-01-01",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object: { id: `sub_bench_${runId}_${n}`, object: "subscription", customer: link.customerId, status: "active", metadata: { tenantId: link.tenantId } } },
    };
  }
  async function post(event) {
    const payload = JSON.stringify(event);
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret: app.webhookSecret });
    const res = await fetch(`${app.origin}/api/stripe/webhook`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload });
    const body = await res.json().catch(() => ({}));
    if (res.status !== 200) throw new Error(`webhook ${event.type} ${event.id}: ${res.status} ${JSON.stringify(body)}\n${app.logTail()}`);
    return body;
  }
  const link = () => links[seq % links.length];
  const kinds = {
    async ignored() {
      const body = await post(eventBody("customer.created", link()));
      if (!body.ignored) throw new Error(`ignored event not ignored: ${JSON.stringify(body)}`);
    },
    async fresh() {
      const e = eventBody("customer.subscription.updated", link());
      const body = await post(e);
      if (!body.tenantId) throw new Error(`fresh event not applied: ${JSON.stringify(body)}`);
      delivered.push(e);
    },
    async duplicate() {
      const e = delivered[seq++ % delivered.length];
      const body = await post(e);
      if (!body.duplicate) throw new Error(`duplicate not detected: ${JSON.stringify(body)}`);
    },
  };
  let mixedCount = 0;
  kinds.mixed = async () => (++mixedCount % scale.webhook.duplicateEvery === 0 && delivered.length ? kinds.duplicate() : kinds.fresh());

  async function throughput(fn, ms, concurrency) {
    let done = 0;
    const end = performance.now() + ms;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          await fn();
          done++;
        }
      }),
    );
    return done / ((performance.now() - t0) / 1000);
  }

  for (const fn of Object.values(kinds)) await fn(); // warm-up and a first delivered event
  const variants = ["ignored", "fresh", "duplicate", "mixed"].map((name) => ({ name }));
  const eps = await interleave(variants, scale.webhook.rounds, (v) => throughput(kinds[v.name], scale.webhook.durationMs, scale.webhook.concurrency));

  // Idempotency held under load: one row per distinct fresh event.
  const check = new pg.Client({ connectionString: ownerUrl });
  await check.connect();
  const rows = (await check.query("SELECT count(*)::int AS n FROM stripe_event WHERE id LIKE $1", [`evt_bench_${runId}_%`])).rows[0].n;
  await check.end();
  const distinctFresh = new Set(delivered.map((e) => e.id)).size;
  if (rows !== distinctFresh) throw new Error(`stripe_event has ${rows} rows for ${distinctFresh} distinct events`);

  const raw = Object.fromEntries(variants.map((v) => [`${v.name}EventsPerSec`, round3(median(eps[v.name]))]));
  return {
    raw: { ...raw, concurrency: scale.webhook.concurrency, tenants: links.length, duplicateEvery: scale.webhook.duplicateEvery, distinctEventsApplied: distinctFresh, stripeEventRows: rows, perRound: eps },
    ratios: {
      fresh_vs_ignored: round3(medianRatio(eps.fresh, eps.ignored)),
      duplicate_vs_ignored: round3(medianRatio(eps.duplicate, eps.ignored)),
      mixed_vs_ignored: round3(medianRatio(eps.mixed, eps.ignored)),
    },
    targets: [],
  };
}
