#!/usr/bin/env node
// Local Stripe: an HTTP server speaking the subset of the Stripe API Tenantry uses, for
// development and tests without Stripe keys or internet (docs/billing.md, "Local Stripe").
// The app talks to it with the real `stripe` SDK (host/port/protocol options).
//
//   API (form-encoded bodies with bracket notation, like api.stripe.com; any sk_test_ key):
//     customers: create, retrieve, update, delete, list
//     prices: list, retrieve (seeded from ./prices.mjs)
//     checkout/sessions: create (mode=subscription), retrieve
//     billing_portal/sessions: create
//     subscriptions: retrieve, list (customer, status), update (items quantity/price,
//                    cancel_at_period_end, metadata), cancel (DELETE)
//     invoices: retrieve, list (customer, subscription)
//   Pages (clearly labelled test mode):
//     GET /checkout/<id>   card 4242 4242 4242 4242 succeeds; 4000 0000 0000 0341 is declined
//     GET /portal/<id>     change plan, cancel at period end, resume, update card (0341: the
//                          card is saved but the next renewal fails)
//   Control (tests, scripts): GET /_control/state, GET /_control/events,
//     POST /_control/settings {autoDeliver, webhookUrl, webhookSecret, retryAttempts, retryBaseMs}
//     POST /_control/deliver  {order: "in-order"|"reverse"|"shuffle", duplicate: n,
//                              parallel: bool, eventIds: [...], all: bool}
//     POST /_control/advance-clock {seconds|days}   renews or ends due subscriptions
//     POST /_control/renew {subscription, outcome: "paid"|"failed"}
//     POST /_control/checkout/<id>/complete {card}
//     POST /_control/subscription-status {subscription, status}
//     POST /_control/reset
// Events are signed with the webhook secret (Stripe-Signature: t=…,v1=HMAC-SHA256) and
// POSTed to the webhook URL, retried with exponential backoff on anything but 2xx.
//
// CLI: node tools/stripe-local/server.mjs [--port N]   (env STRIPE_LOCAL_PORT,
//      STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET)
import crypto from "node:crypto";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { LOCAL_PRICES, LOCAL_PRODUCTS } from "./prices.mjs";

export const API_VERSION = "local";
const DAY = 86_400;
const CARD_OK = "4242424242424242";
const CARD_DECLINED_ON_CHARGE = "4000000000000341";
const CARD_DECLINED = "4000000000000002";

// ─── Form bodies: a[b][0][c]=v → { a: { b: [ { c: "v" } ] } } (what qs.parse does) ───

export function parseForm(text) {
  const root = {};
  if (!text) return root;
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const rawKey = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    const path = match ? [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])] : [rawKey];
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let key = path[i];
      if (key === "__proto__" || key === "constructor" || key === "prototype") break;
      const last = i === path.length - 1;
      if (key === "" && Array.isArray(node)) key = String(node.length);
      if (last) {
        node[key] = value;
      } else {
        if (node[key] === undefined || typeof node[key] !== "object") node[key] = /^\d*$/.test(path[i + 1]) ? [] : {};
        node = node[key];
      }
    }
  }
  return root;
}

const bool = (v) => v === true || v === "true";
const int = (v, fallback) => (v === undefined || v === "" ? fallback : Number.parseInt(v, 10));
const digits = (card) => String(card ?? "").replace(/\D/g, "");
const escapeHtml = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

class StripeError extends Error {
  constructor(status, message, { type = "invalid_request_error", code, param } = {}) {
    super(message);
    this.status = status;
    this.body = { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } };
  }
}
const notFound = (what, id) => new StripeError(404, `No such ${what}: '${id}'`, { code: "resource_missing", param: "id" });

export function signPayload(payload, secret, timestamp) {
  const signature = crypto.createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Starts the server. Returns { url, port, stop(), stripeOptions } where stripeOptions are the
 * SDK's host/port/protocol. `webhookUrl`/`webhookSecret` may be set later through settings.
 */
export async function startStripeLocal({
  port = 0,
  host = "127.0.0.1",
  publicHost = "localhost",
  webhookUrl = null,
  webhookSecret = null,
  autoDeliver = true,
  retryAttempts = 6,
  retryBaseMs = 500,
  log = () => {},
} = {}) {
  const settings = { webhookUrl, webhookSecret, autoDeliver, retryAttempts, retryBaseMs };
  let state;
  let clockOffset = 0;
  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  let counter = 0;
  const newId = (prefix) => `${prefix}_${Date.now().toString(36)}${(++counter).toString(36)}${crypto.randomBytes(6).toString("hex")}`;

  function reset() {
    state = {
      customers: new Map(),
      prices: new Map(),
      products: new Map(),
      checkoutSessions: new Map(),
      portalSessions: new Map(),
      subscriptions: new Map(),
      invoices: new Map(),
      events: [], // every event ever created, in order
      pending: [], // not yet delivered (autoDeliver off)
      deliveries: [], // { eventId, attempt, status }
    };
    clockOffset = 0;
    for (const product of LOCAL_PRODUCTS) {
      state.products.set(product.id, { id: product.id, object: "product", name: product.name, active: true, metadata: { plan: product.plan }, livemode: false });
    }
    for (const p of LOCAL_PRICES) {
      state.prices.set(p.id, {
        id: p.id,
        object: "price",
        active: true,
        currency: "usd",
        unit_amount: p.unit_amount,
        product: p.product,
        type: "recurring",
        recurring: { interval: p.interval, interval_count: 1, usage_type: "licensed" },
        lookup_key: p.id.replace(/^price_/, ""),
        metadata: { plan: p.plan },
        livemode: false,
        created: now(),
      });
    }
  }
  reset();

  const clone = (o) => structuredClone(o);

  // ─── events and delivery ───

  let deliveryChain = Promise.resolve();

  function emit(type, object, previousAttributes) {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: now(),
      data: { object: clone(object), ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    state.events.push(event);
    if (settings.autoDeliver) {
      deliveryChain = deliveryChain.then(() => deliverWithRetry(event)).catch(() => {});
    } else {
      state.pending.push(event);
    }
    return event;
  }

  async function deliverOnce(event) {
    if (!settings.webhookUrl || !settings.webhookSecret) return { status: 0, error: "no webhook URL or secret configured" };
    const payload = JSON.stringify(event, null, 2);
    const header = signPayload(payload, settings.webhookSecret, Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(settings.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks) tenantry-local" },
        body: payload,
        signal: AbortSignal.timeout(20_000),
      });
      const body = await response.text().catch(() => "");
      return { status: response.status, body };
    } catch (error) {
      return { status: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function deliverWithRetry(event) {
    let result;
    for (let attempt = 1; attempt <= Math.max(1, settings.retryAttempts); attempt++) {
      result = await deliverOnce(event);
      state.deliveries.push({ eventId: event.id, type: event.type, attempt, status: result.status });
      if (result.status >= 200 && result.status < 300) return result;
      if (!settings.webhookUrl || !settings.webhookSecret) return result;
      log(`[stripe-local] ${event.type} ${event.id}: ${result.status || result.error}; retry ${attempt}`);
      if (attempt < settings.retryAttempts) await new Promise((r) => setTimeout(r, settings.retryBaseMs * 2 ** (attempt - 1)));
    }
    return result;
  }

  async function deliverControl(body) {
    let events;
    if (Array.isArray(body.eventIds) && body.eventIds.length > 0) {
      events = body.eventIds.map((id) => state.events.find((e) => e.id === id)).filter(Boolean);
      state.pending = state.pending.filter((e) => !body.eventIds.includes(e.id));
    } else if (bool(body.all)) {
      events = [...state.events];
      state.pending = [];
    } else {
      events = state.pending;
      state.pending = [];
    }
    events = [...events];
    if (body.order === "reverse") events.reverse();
    else if (body.order === "shuffle") {
      for (let i = events.length - 1; i > 0; i--) {
        const j = crypto.randomInt(i + 1);
        [events[i], events[j]] = [events[j], events[i]];
      }
    }
    const times = Math.max(1, int(body.duplicate, 1));
    const jobs = [];
    for (const event of events) for (let n = 0; n < times; n++) jobs.push(event);
    const run = (event) => (bool(body.retry ?? true) ? deliverWithRetry(event) : deliverOnce(event)).then((r) => ({ eventId: event.id, type: event.type, status: r.status }));
    if (bool(body.parallel)) return Promise.all(jobs.map(run));
    const results = [];
    for (const event of jobs) results.push(await run(event));
    return results;
  }

  // ─── resources ───

  function customer(id) {
    const c = state.customers.get(id);
    if (!c || c.deleted) throw notFound("customer", id);
    return c;
  }
  function price(id) {
    const p = state.prices.get(id);
    if (!p) throw notFound("price", id);
    return p;
  }
  function subscription(id) {
    const s = state.subscriptions.get(id);
    if (!s) throw notFound("subscription", id);
    return s;
  }
  const periodLength = (p) => (p.recurring.interval === "year" ? 365 * DAY : 30 * DAY);
  const list = (items, url) => ({ object: "list", data: items.map(clone), has_more: false, url });

  function createCustomer(params) {
    const c = {
      id: newId("cus"),
      object: "customer",
      created: now(),
      email: params.email ?? null,
      name: params.name ?? null,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      livemode: false,
      invoice_settings: { default_payment_method: null },
      // local only: the saved test card's number
      _card: null,
    };
    state.customers.set(c.id, c);
    emit("customer.created", publicCustomer(c));
    return c;
  }
  function publicCustomer(c) {
    const rest = { ...c };
    delete rest._card;
    return rest;
  }

  function createInvoice(sub, { paid, reason }) {
    const item = sub.items.data[0];
    const amount = item.price.unit_amount * item.quantity;
    const inv = {
      id: newId("in"),
      object: "invoice",
      customer: sub.customer,
      status: paid ? "paid" : "open",
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      currency: "usd",
      billing_reason: reason,
      attempt_count: 1,
      attempted: true,
      next_payment_attempt: paid ? null : now() + 3 * DAY,
      created: now(),
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      livemode: false,
      parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: clone(sub.metadata) }, quote_details: null },
      lines: { object: "list", data: [{ id: newId("il"), object: "line_item", amount, currency: "usd", quantity: item.quantity, pricing: { price_details: { price: item.price.id } } }], has_more: false },
      hosted_invoice_url: null,
    };
    state.invoices.set(inv.id, inv);
    sub.latest_invoice = inv.id;
    return inv;
  }

  function changed(sub, before) {
    const previous = {};
    for (const key of ["status", "cancel_at_period_end", "cancel_at", "canceled_at", "ended_at", "pause_collection"]) {
      if (JSON.stringify(before[key]) !== JSON.stringify(sub[key])) previous[key] = before[key];
    }
    if (JSON.stringify(before.items) !== JSON.stringify(sub.items)) previous.items = before.items;
    return previous;
  }

  function updateSubscription(sub, mutate, eventType = "customer.subscription.updated") {
    const before = clone(sub);
    mutate(sub);
    const previous = changed(sub, before);
    if (Object.keys(previous).length > 0) emit(eventType, sub, previous);
    return sub;
  }

  function createSubscription({ customerId, priceId, quantity, metadata }) {
    const p = price(priceId);
    const start = now();
    const sub = {
      id: newId("sub"),
      object: "subscription",
      customer: customerId,
      status: "active",
      created: start,
      start_date: start,
      billing_cycle_anchor: start,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: null,
      trial_end: null,
      pause_collection: null,
      collection_method: "charge_automatically",
      currency: "usd",
      metadata: metadata ?? {},
      livemode: false,
      latest_invoice: null,
      items: { object: "list", data: [], has_more: false, url: "" },
    };
    sub.items.url = `/v1/subscription_items?subscription=${sub.id}`;
    sub.items.data.push({
      id: newId("si"),
      object: "subscription_item",
      subscription: sub.id,
      price: clone(p),
      quantity,
      created: start,
      current_period_start: start,
      current_period_end: start + periodLength(p),
      metadata: {},
    });
    state.subscriptions.set(sub.id, sub);
    const invoice = createInvoice(sub, { paid: true, reason: "subscription_create" });
    emit("customer.subscription.created", sub);
    emit("invoice.paid", invoice);
    return sub;
  }

  function endSubscription(sub) {
    return updateSubscription(
      sub,
      (s) => {
        s.status = "canceled";
        s.canceled_at ??= now();
        s.ended_at = now();
      },
      "customer.subscription.deleted",
    );
  }

  /** One renewal attempt: charges the customer's saved card, moves the period on success. */
  function renew(sub, outcome) {
    if (sub.status === "canceled" || sub.status === "incomplete_expired") throw new StripeError(400, `subscription ${sub.id} has ended`);
    const c = state.customers.get(sub.customer);
    const paid = outcome ? outcome === "paid" : digits(c?._card) !== CARD_DECLINED_ON_CHARGE;
    const item = sub.items.data[0];
    // Stripe moves the period forward when the renewal invoice is created, paid or not.
    const due = item.current_period_end <= now();
    updateSubscription(sub, (s) => {
      const it = s.items.data[0];
      if (due || outcome) {
        const length = periodLength(it.price);
        it.current_period_start = it.current_period_end <= now() ? it.current_period_end : now();
        it.current_period_end = it.current_period_start + length;
      }
      s.status = paid ? "active" : "past_due";
    });
    const invoice = createInvoice(sub, { paid, reason: "subscription_cycle" });
    emit(paid ? "invoice.paid" : "invoice.payment_failed", invoice);
    return { subscription: sub, invoice, item };
  }

  function advanceClock(seconds) {
    clockOffset += seconds;
    const results = [];
    for (const sub of state.subscriptions.values()) {
      if (["canceled", "incomplete_expired", "unpaid", "paused"].includes(sub.status)) continue;
      const item = sub.items.data[0];
      if (item.current_period_end > now()) continue;
      if (sub.cancel_at_period_end) {
        endSubscription(sub);
        results.push({ subscription: sub.id, outcome: "canceled" });
      } else {
        const { invoice } = renew(sub);
        results.push({ subscription: sub.id, outcome: invoice.status === "paid" ? "paid" : "failed" });
      }
    }
    return results;
  }

  function completeCheckout(session, card) {
    if (session.status !== "open") throw new StripeError(400, `checkout session ${session.id} is ${session.status}`);
    const number = digits(card);
    if (number === CARD_DECLINED_ON_CHARGE || number === CARD_DECLINED) {
      throw new StripeError(402, "Your card was declined. (test card)", { type: "card_error", code: "card_declined" });
    }
    if (number.length < 12) throw new StripeError(402, "Your card number is incomplete.", { type: "card_error", code: "incomplete_number" });
    let c = session.customer ? customer(session.customer) : null;
    if (!c) c = createCustomer({ email: session.customer_email ?? null, metadata: {} });
    c._card = number;
    c.invoice_settings.default_payment_method = `pm_card_${number.slice(-4)}`;
    const line = session._line_items[0];
    const sub = createSubscription({ customerId: c.id, priceId: line.price, quantity: int(line.quantity, 1), metadata: session._subscription_metadata });
    session.status = "complete";
    session.payment_status = "paid";
    session.customer = c.id;
    session.subscription = sub.id;
    emit("checkout.session.completed", publicSession(session));
    return session;
  }

  function publicSession(s) {
    const rest = { ...s };
    delete rest._line_items;
    delete rest._subscription_metadata;
    return rest;
  }

  function createCheckoutSession(params) {
    if (params.mode !== "subscription") throw new StripeError(400, "The local Stripe supports mode=subscription only", { param: "mode" });
    for (const key of ["success_url", "cancel_url"]) if (!params[key]) throw new StripeError(400, `Missing required param: ${key}.`, { param: key });
    const lineItems = Array.isArray(params.line_items) ? params.line_items : Object.values(params.line_items ?? {});
    if (lineItems.length !== 1) throw new StripeError(400, "Exactly one line item is supported", { param: "line_items" });
    price(lineItems[0].price);
    if (params.customer) customer(params.customer);
    const id = newId("cs_test");
    const session = {
      id,
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      payment_status: "unpaid",
      customer: params.customer ?? null,
      customer_email: params.customer_email ?? null,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      subscription: null,
      url: `${publicUrl()}/checkout/${id}`,
      created: now(),
      expires_at: now() + DAY,
      livemode: false,
      _line_items: lineItems,
      _subscription_metadata: params.subscription_data?.metadata ?? {},
    };
    state.checkoutSessions.set(id, session);
    return session;
  }

  function updateSubscriptionFromParams(sub, params) {
    if (sub.status === "canceled") throw new StripeError(400, "A canceled subscription can only update its cancellation_details and metadata.");
    return updateSubscription(sub, (s) => {
      if (params.cancel_at_period_end !== undefined) {
        s.cancel_at_period_end = bool(params.cancel_at_period_end);
        s.cancel_at = s.cancel_at_period_end ? s.items.data[0].current_period_end : null;
        s.canceled_at = s.cancel_at_period_end ? now() : null;
      }
      if (params.metadata) s.metadata = { ...s.metadata, ...params.metadata };
      const items = Array.isArray(params.items) ? params.items : Object.values(params.items ?? {});
      for (const change of items) {
        const item = change.id ? s.items.data.find((i) => i.id === change.id) : s.items.data[0];
        if (!item) throw new StripeError(400, `No such subscription item: '${change.id}'`, { param: "items" });
        if (change.price) item.price = clone(price(change.price));
        if (change.quantity !== undefined) {
          const q = int(change.quantity, NaN);
          if (!Number.isInteger(q) || q < 1) throw new StripeError(400, "Invalid quantity", { param: "items[0][quantity]" });
          item.quantity = q;
        }
      }
    });
  }

  // ─── API router ───

  async function api(method, path, params) {
    let segments = path.split("/").filter(Boolean).slice(1); // after "v1"
    if (segments[0] === "checkout" || segments[0] === "billing_portal") segments = [`${segments[0]}/${segments[1]}`, ...segments.slice(2)];
    const [resource, id, sub] = segments;
    const r = `${method} ${resource}${id ? "/:id" : ""}${sub ? `/${sub}` : ""}`;
    switch (r) {
      case "POST customers":
        return publicCustomer(createCustomer(params));
      case "GET customers": {
        let items = [...state.customers.values()].filter((c) => !c.deleted);
        if (params.email) items = items.filter((c) => c.email === params.email);
        return list(items.map(publicCustomer).slice(0, int(params.limit, 10)), "/v1/customers");
      }
      case "GET customers/:id":
        return publicCustomer(customer(id));
      case "POST customers/:id": {
        const c = customer(id);
        for (const key of ["email", "name", "description"]) if (params[key] !== undefined) c[key] = params[key];
        if (params.metadata) c.metadata = { ...c.metadata, ...params.metadata };
        emit("customer.updated", publicCustomer(c));
        return publicCustomer(c);
      }
      case "DELETE customers/:id": {
        const c = customer(id);
        c.deleted = true;
        for (const s of state.subscriptions.values()) if (s.customer === id && s.status !== "canceled") endSubscription(s);
        emit("customer.deleted", publicCustomer(c));
        return { id, object: "customer", deleted: true };
      }
      case "GET prices": {
        let items = [...state.prices.values()];
        if (params.active !== undefined) items = items.filter((p) => p.active === bool(params.active));
        const keys = params.lookup_keys ? Object.values(params.lookup_keys) : null;
        if (keys) items = items.filter((p) => keys.includes(p.lookup_key));
        return list(items, "/v1/prices");
      }
      case "GET prices/:id":
        return clone(price(id));
      case "POST checkout/sessions":
        return publicSession(createCheckoutSession(params));
      case "GET checkout/sessions/:id": {
        const s = state.checkoutSessions.get(id);
        if (!s) throw notFound("checkout.session", id);
        return clone(publicSession(s));
      }
      case "POST billing_portal/sessions": {
        const c = customer(params.customer);
        const session = {
          id: newId("bps"),
          object: "billing_portal.session",
          customer: c.id,
          return_url: params.return_url ?? null,
          created: now(),
          livemode: false,
          url: "",
        };
        session.url = `${publicUrl()}/portal/${session.id}`;
        state.portalSessions.set(session.id, session);
        return clone(session);
      }
      case "GET subscriptions": {
        let items = [...state.subscriptions.values()];
        if (params.customer) items = items.filter((s) => s.customer === params.customer);
        const status = params.status ?? "active";
        if (status !== "all") items = items.filter((s) => (status === "active" ? !["canceled", "incomplete_expired"].includes(s.status) : s.status === status));
        items.sort((a, b) => b.created - a.created);
        return list(items.slice(0, int(params.limit, 10)), "/v1/subscriptions");
      }
      case "GET subscriptions/:id":
        return clone(subscription(id));
      case "POST subscriptions/:id":
        return clone(updateSubscriptionFromParams(subscription(id), params));
      case "POST subscriptions/:id/resume": {
        const s = subscription(id);
        if (s.status !== "paused") throw new StripeError(400, "Only a paused subscription can be resumed");
        updateSubscription(s, (x) => void (x.status = "active"), "customer.subscription.resumed");
        return clone(s);
      }
      case "DELETE subscriptions/:id": {
        const s = subscription(id);
        if (s.status === "canceled") throw new StripeError(400, `This subscription is already canceled.`);
        return clone(endSubscription(s));
      }
      case "GET invoices": {
        let items = [...state.invoices.values()];
        if (params.customer) items = items.filter((i) => i.customer === params.customer);
        if (params.subscription) items = items.filter((i) => i.parent.subscription_details.subscription === params.subscription);
        items.sort((a, b) => b.created - a.created);
        return list(items.slice(0, int(params.limit, 10)), "/v1/invoices");
      }
      case "GET invoices/:id": {
        const inv = state.invoices.get(id);
        if (!inv) throw notFound("invoice", id);
        return clone(inv);
      }
    }
    throw new StripeError(404, `Unrecognized request URL (${method}: ${path}). The local Stripe implements only what Tenantry uses.`);
  }

  // ─── pages ───

  const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Local Stripe (test mode)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#ffb020;color:#000;padding:.6rem 1rem;border-radius:.4rem;font-weight:600;margin-bottom:1.5rem}
.card{border:1px solid #ddd;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0}
label{display:block;margin:.6rem 0 .2rem;font-weight:500}input,select{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin-top:.8rem;border-radius:.4rem;border:1px solid #635bff;background:#635bff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#635bff}.error{color:#b00020;font-weight:600}.muted{color:#666;font-size:.9rem}</style></head>
<body><div class="banner" role="note">Local Stripe — test mode. No real payment is taken.</div>${body}</body></html>`;

  const money = (cents) => `$${(cents / 100).toFixed(2)}`;
  const date = (s) => new Date(s * 1000).toISOString().slice(0, 10);

  function checkoutPage(session, error) {
    const line = session._line_items[0];
    const p = price(line.price);
    const qty = int(line.quantity, 1);
    return page(
      "Checkout",
      `<h1>Subscribe</h1>
<div class="card"><p><strong>${escapeHtml(state.products.get(p.product)?.name ?? p.product)}</strong> — ${money(p.unit_amount)} per seat / ${escapeHtml(p.recurring.interval)}</p>
<p>${qty} seat${qty === 1 ? "" : "s"}: <strong>${money(p.unit_amount * qty)}</strong> / ${escapeHtml(p.recurring.interval)}</p></div>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
${session.status !== "open" ? `<p>This checkout session is ${escapeHtml(session.status)}.</p>` : `<form method="post" action="/checkout/${escapeHtml(session.id)}">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242">
<p class="muted">Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0341 and 4000 0000 0000 0002 are declined.</p>
<button type="submit">Subscribe</button></form>
<p><a href="${escapeHtml(session.cancel_url)}">Cancel and return</a></p>`}`,
    );
  }

  function portalPage(session, message) {
    const c = customer(session.customer);
    const subs = [...state.subscriptions.values()].filter((s) => s.customer === c.id && !["canceled", "incomplete_expired"].includes(s.status));
    const options = [...state.prices.values()]
      .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(state.products.get(p.product)?.name ?? p.product)} — ${money(p.unit_amount)} / ${escapeHtml(p.recurring.interval)}</option>`)
      .join("");
    const subHtml = subs.length
      ? subs
          .map((s) => {
            const item = s.items.data[0];
            const sid = escapeHtml(s.id);
            return `<div class="card" data-subscription="${sid}"><p><strong>${escapeHtml(state.products.get(item.price.product)?.name ?? "")}</strong> (${escapeHtml(item.price.recurring.interval)}ly), ${item.quantity} seat(s) — status <strong data-status>${escapeHtml(s.status)}</strong></p>
<p>${s.cancel_at_period_end ? `Cancels on ${date(item.current_period_end)}.` : `Renews on ${date(item.current_period_end)}.`}</p>
<form method="post" action="/portal/${escapeHtml(session.id)}/change-plan"><input type="hidden" name="subscription" value="${sid}"><label for="price-${sid}">Change plan</label><select id="price-${sid}" name="price">${options}</select><button type="submit">Change plan</button></form>
${s.cancel_at_period_end
  ? `<form method="post" action="/portal/${escapeHtml(session.id)}/resume"><input type="hidden" name="subscription" value="${sid}"><button type="submit">Resume subscription</button></form>`
  : `<form method="post" action="/portal/${escapeHtml(session.id)}/cancel"><input type="hidden" name="subscription" value="${sid}"><button type="submit" class="secondary">Cancel at period end</button></form>`}
</div>`;
          })
          .join("")
      : "<p>No active subscription.</p>";
    return page(
      "Billing portal",
      `<h1>Billing portal</h1><p class="muted">Customer ${escapeHtml(c.email ?? c.id)}</p>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ""}${subHtml}
<div class="card"><form method="post" action="/portal/${escapeHtml(session.id)}/card"><label for="card">Payment card</label>
<input id="card" name="card" inputmode="numeric" autocomplete="off" placeholder="4242 4242 4242 4242">
<p class="muted">Saved card: ${c._card ? `•••• ${escapeHtml(c._card.slice(-4))}` : "none"}. 4000 0000 0000 0341 is saved, but the next renewal fails.</p>
<button type="submit">Update card</button></form></div>
${session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return to Tenantry</a></p>` : ""}`,
    );
  }

  function portalAction(session, action, form) {
    const c = customer(session.customer);
    if (action === "card") {
      const number = digits(form.card);
      if (number.length < 12 || number === CARD_DECLINED) throw new StripeError(402, "Your card was declined. (test card)", { type: "card_error" });
      c._card = number;
      c.invoice_settings.default_payment_method = `pm_card_${number.slice(-4)}`;
      emit("customer.updated", publicCustomer(c));
      return "Card updated.";
    }
    const s = subscription(form.subscription);
    if (s.customer !== c.id) throw new StripeError(403, "That subscription belongs to another customer.");
    if (action === "change-plan") {
      updateSubscriptionFromParams(s, { items: [{ id: s.items.data[0].id, price: form.price }] });
      return "Plan changed.";
    }
    if (action === "cancel") {
      updateSubscriptionFromParams(s, { cancel_at_period_end: "true" });
      return "Your subscription will be canceled at the end of the period.";
    }
    if (action === "resume") {
      updateSubscriptionFromParams(s, { cancel_at_period_end: "false" });
      return "Your subscription was resumed.";
    }
    throw new StripeError(404, "Unknown portal action");
  }

  // ─── HTTP ───

  let address = null;
  const publicUrl = () => `http://${publicHost}:${address.port}`;

  async function readBody(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return Buffer.concat(chunks).toString("utf8");
  }

  function send(res, status, body, headers = {}) {
    const isHtml = typeof body === "string";
    res.writeHead(status, { "content-type": isHtml ? "text/html; charset=utf-8" : "application/json", "request-id": newId("req"), ...headers });
    res.end(isHtml ? body : JSON.stringify(body));
  }

  async function control(method, path, body) {
    const [, , name, id, sub] = path.split("/");
    if (method === "GET" && name === "state") {
      return {
        clock: now(),
        settings: { ...settings, webhookSecret: settings.webhookSecret ? "(set)" : null },
        customers: [...state.customers.values()].map((c) => ({ ...publicCustomer(c), card: c._card })),
        subscriptions: [...state.subscriptions.values()],
        checkoutSessions: [...state.checkoutSessions.values()].map(publicSession),
        invoices: [...state.invoices.values()],
        pending: state.pending.map((e) => e.id),
        deliveries: state.deliveries,
      };
    }
    if (method === "GET" && name === "events") return { events: state.events, pending: state.pending.map((e) => e.id) };
    if (method === "GET" && name === "health") return { ok: true };
    if (method !== "POST") throw new StripeError(404, "Unknown control endpoint");
    switch (name) {
      case "settings":
        if (body.autoDeliver !== undefined) settings.autoDeliver = bool(body.autoDeliver);
        if (body.webhookUrl !== undefined) settings.webhookUrl = body.webhookUrl || null;
        if (body.webhookSecret !== undefined) settings.webhookSecret = body.webhookSecret || null;
        if (body.retryAttempts !== undefined) settings.retryAttempts = int(body.retryAttempts, 6);
        if (body.retryBaseMs !== undefined) settings.retryBaseMs = int(body.retryBaseMs, 500);
        return { ...settings, webhookSecret: settings.webhookSecret ? "(set)" : null };
      case "deliver":
        await deliveryChain;
        return { results: await deliverControl(body) };
      case "advance-clock": {
        const seconds = body.seconds !== undefined ? Number(body.seconds) : Number(body.days ?? 0) * DAY;
        if (!Number.isFinite(seconds) || seconds < 0) throw new StripeError(400, "seconds/days must be a non-negative number");
        return { clock: now(), results: advanceClock(seconds) };
      }
      case "renew": {
        const s = subscription(body.subscription);
        const outcome = body.outcome === "failed" || body.outcome === "payment_failed" ? "failed" : body.outcome === "paid" ? "paid" : undefined;
        const { invoice } = renew(s, outcome);
        return { subscription: clone(s), invoice: clone(invoice) };
      }
      case "subscription-status": {
        const s = subscription(body.subscription);
        const allowed = ["active", "past_due", "unpaid", "paused", "canceled", "trialing", "incomplete", "incomplete_expired"];
        if (!allowed.includes(body.status)) throw new StripeError(400, "unknown status");
        if (body.status === "canceled") return clone(endSubscription(s));
        const type = body.status === "paused" ? "customer.subscription.paused" : s.status === "paused" ? "customer.subscription.resumed" : "customer.subscription.updated";
        updateSubscription(s, (x) => void (x.status = body.status), type);
        return clone(s);
      }
      case "checkout": {
        if (sub !== "complete") break;
        const session = state.checkoutSessions.get(id);
        if (!session) throw notFound("checkout.session", id);
        return clone(publicSession(completeCheckout(session, body.card ?? CARD_OK)));
      }
      case "reset":
        await deliveryChain;
        reset();
        return { ok: true };
    }
    throw new StripeError(404, "Unknown control endpoint");
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://local");
    const method = req.method ?? "GET";
    const raw = method === "GET" || method === "HEAD" ? "" : await readBody(req);
    const path = url.pathname;
    try {
      if (path.startsWith("/v1/")) {
        const auth = req.headers.authorization ?? "";
        if (!/^Bearer (sk|rk)_test_\S+$/.test(auth)) {
          throw new StripeError(401, "Invalid API Key provided (the local Stripe accepts sk_test_ keys only).", { type: "authentication_error" });
        }
        const params = method === "GET" || method === "DELETE" ? parseForm(url.search.slice(1)) : parseForm(raw);
        return send(res, 200, await api(method, path, params));
      }
      if (path.startsWith("/_control/")) {
        const type = req.headers["content-type"] ?? "";
        const body = raw ? (type.includes("json") ? JSON.parse(raw) : parseForm(raw)) : {};
        return send(res, 200, await control(method, path, body));
      }
      const checkout = /^\/checkout\/([A-Za-z0-9_]+)$/.exec(path);
      if (checkout) {
        const session = state.checkoutSessions.get(checkout[1]);
        if (!session) return send(res, 404, page("Not found", "<p>No such checkout session.</p>"));
        if (method === "GET") return send(res, 200, checkoutPage(session));
        try {
          completeCheckout(session, parseForm(raw).card);
        } catch (error) {
          if (error instanceof StripeError) return send(res, 402, checkoutPage(session, error.message));
          throw error;
        }
        const target = session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id);
        return send(res, 303, "", { location: target });
      }
      const portal = /^\/portal\/([A-Za-z0-9_]+)(?:\/(change-plan|cancel|resume|card))?$/.exec(path);
      if (portal) {
        const session = state.portalSessions.get(portal[1]);
        if (!session) return send(res, 404, page("Not found", "<p>No such portal session.</p>"));
        if (method === "GET" && !portal[2]) return send(res, 200, portalPage(session));
        if (method === "POST" && portal[2]) {
          try {
            return send(res, 200, portalPage(session, portalAction(session, portal[2], parseForm(raw))));
          } catch (error) {
            if (error instanceof StripeError) return send(res, error.status, portalPage(session, error.message));
            throw error;
          }
        }
      }
      if (path === "/") return send(res, 200, page("Local Stripe", "<h1>Local Stripe</h1><p>Tenantry's stand-in for the Stripe API. See docs/billing.md.</p>"));
      return send(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } });
    } catch (error) {
      if (error instanceof StripeError) return send(res, error.status, error.body);
      if (error instanceof SyntaxError) return send(res, 400, { error: { type: "invalid_request_error", message: "Invalid JSON body" } });
      log(`[stripe-local] ${method} ${path}: ${error instanceof Error ? error.stack : error}`);
      return send(res, 500, { error: { type: "api_error", message: "local Stripe internal error" } });
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  address = server.address();
  const url = `http://${host}:${address.port}`;
  return {
    url,
    port: address.port,
    publicUrl: publicUrl(),
    stripeOptions: { host, port: address.port, protocol: "http" },
    /** Waits for queued automatic deliveries to finish. */
    idle: () => deliveryChain,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ─── CLI ───

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argPort = process.argv.indexOf("--port");
  const port = Number(argPort > 0 ? process.argv[argPort + 1] : process.env.STRIPE_LOCAL_PORT || 12111);
  const server = await startStripeLocal({
    port,
    webhookUrl: process.env.STRIPE_WEBHOOK_URL || "http://127.0.0.1:3000/api/stripe/webhook",
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || null,
    log: (line) => console.error(line),
  });
  console.log(`[stripe-local] listening on ${server.url} (pages at ${server.publicUrl})`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
