// Revenue history (subscription_change) against real PostgreSQL as the app role: the Stripe
// sync writes a row only when the billed state changed (the first one preceded by the backfill
// of the state before), a redelivered/no-op sync adds nothing, a founder's delete/restore moves
// MRR, and the overview computes MRR over time, churn and trial conversion from the rows.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteWorkspace, restoreWorkspace } from "@/lib/admin/tenant-actions";
import { overview } from "@/lib/admin/tenants";
import { priceIdFor } from "@/lib/billing/plans";
import { syncTenantInTransaction } from "@/lib/billing/sync";
import { crossTenant } from "@/lib/db/cross-tenant";
import { createWorkspace } from "@/lib/tenants/create-workspace";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "history-test" } as const;
let founder: { kind: "user"; userId: string; label: string };

const read = <R>(fn: Parameters<typeof crossTenant<R>>[1]) => crossTenant({ actor: system, action: "test.read", reason: "assert" }, fn, app.prisma);
const rows = (tenantId: string) =>
  read((tx) => tx.subscriptionChange.findMany({ where: { subjectTenantId: tenantId }, orderBy: [{ at: "asc" }, { id: "asc" }] }));

/** A Stripe stand-in whose customer has exactly the given subscription (the sync re-fetches it). */
function stripeWith(sub: { status: string; plan: "STARTER" | "PRO"; interval: "MONTH" | "YEAR"; seats: number } | null, customer: string): Stripe {
  const data = sub
    ? [
        {
          id: "sub_history",
          status: sub.status,
          customer,
          created: 1,
          cancel_at_period_end: false,
          ended_at: null,
          canceled_at: null,
          items: { data: [{ price: { id: priceIdFor(sub.plan, sub.interval) }, quantity: sub.seats, current_period_end: 2_000_000_000 }] },
        },
      ]
    : [];
  return { subscriptions: { list: async () => ({ data }) } } as unknown as Stripe;
}

const sync = (tenantId: string, stripe: Stripe, now: Date) =>
  crossTenant({ actor: system, action: "billing.sync", reason: "test" }, (tx) => syncTenantInTransaction(tx, tenantId, { stripe, now }), app.prisma);

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  const user = await crossTenant({ actor: system, action: "test.setup", reason: "fixtures" }, (tx) =>
    tx.user.create({ data: { email: "founder@tenantry.test", emailVerified: new Date(), isPlatformAdmin: true } }),
  app.prisma);
  founder = { kind: "user", userId: user.id, label: "founder@tenantry.test" };
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("revenue history", () => {
  it("one row per real change of the billed state, with the state before as backfill", async () => {
    const created = await createWorkspace({ workspaceName: "Ledger", subdomain: "ledger-co", email: "owner@ledger.test", password: "a long password" }, app.prisma);
    if (!created.ok) throw new Error("workspace");
    const id = created.tenantId;
    const createdAt = (await read((tx) => tx.tenant.findUniqueOrThrow({ where: { id } }))).createdAt;
    await read((tx) => tx.tenant.update({ where: { id }, data: { stripeCustomerId: "cus_history" } }));

    const t1 = new Date(Date.now() + 1_000);
    await sync(id, stripeWith({ status: "trialing", plan: "STARTER", interval: "MONTH", seats: 3 }, "cus_history"), t1);
    // The backfill (the free state since creation) and the trial.
    expect((await rows(id)).map((r) => [r.at.getTime(), r.plan, r.status, r.mrrCents, r.trialing])).toEqual([
      [createdAt.getTime(), "FREE", null, 0, false],
      [t1.getTime(), "STARTER", "TRIALING", 0, true],
    ]);

    // A redelivered event / a repeated sync: same state, no row.
    await sync(id, stripeWith({ status: "trialing", plan: "STARTER", interval: "MONTH", seats: 3 }, "cus_history"), new Date(t1.getTime() + 1_000));
    expect(await rows(id)).toHaveLength(2);

    const t2 = new Date(t1.getTime() + 2_000);
    await sync(id, stripeWith({ status: "active", plan: "STARTER", interval: "MONTH", seats: 3 }, "cus_history"), t2);
    const t3 = new Date(t1.getTime() + 3_000);
    await sync(id, stripeWith({ status: "active", plan: "PRO", interval: "YEAR", seats: 2 }, "cus_history"), t3);
    // Starter $12 × 3 = 3600; Pro yearly $290 × 2 / 12 = 4833.33 → 4833.
    expect((await rows(id)).slice(2).map((r) => [r.at.getTime(), r.plan, r.billingInterval, r.status, r.seats, r.mrrCents, r.trialing])).toEqual([
      [t2.getTime(), "STARTER", "MONTH", "ACTIVE", 3, 3600, false],
      [t3.getTime(), "PRO", "YEAR", "ACTIVE", 2, 4833, false],
    ]);

    // The founder deletes the workspace (it leaves revenue) and restores it (it is back).
    const t4 = new Date(t1.getTime() + 4_000);
    expect((await deleteWorkspace(founder, id, "test", t4, app.prisma)).ok).toBe(true);
    const t5 = new Date(t1.getTime() + 5_000);
    expect((await restoreWorkspace(founder, id, "test", t5, app.prisma)).ok).toBe(true);
    expect((await rows(id)).slice(4).map((r) => [r.at.getTime(), r.status, r.mrrCents])).toEqual([
      [t4.getTime(), null, 0],
      [t5.getTime(), "ACTIVE", 4833],
    ]);

    // Canceled in Stripe: MRR 0.
    const t6 = new Date(t1.getTime() + 6_000);
    await sync(id, stripeWith(null, "cus_history"), t6);
    expect((await rows(id)).at(-1)).toMatchObject({ plan: "FREE", status: null, mrrCents: 0 });
    expect(await rows(id)).toHaveLength(7);
  });

  it("the overview's MRR series, churn and trial conversion come from the rows (and the backfill)", async () => {
    const now = new Date(Date.now() + 60_000);
    const day = 86_400_000;
    const make = async (slug: string) => {
      const c = await createWorkspace({ workspaceName: slug, subdomain: slug, email: `owner@${slug}.test`, password: "a long password" }, app.prisma);
      if (!c.ok) throw new Error(slug);
      return c.tenantId;
    };
    const paying = await make("hist-paying"); // paying 40 days ago, canceled 10 days ago: churned
    const stays = await make("hist-stays"); // paying 40 days ago, still paying
    const noHistory = await make("hist-plain"); // no rows: its current state counts (backfill)
    await read(async (tx) => {
      // Leave only these fixtures in the KPIs: the first test's workspace is canceled already.
      await tx.subscriptionChange.createMany({
        data: [
          { subjectTenantId: paying, plan: "STARTER", status: "ACTIVE", billingInterval: "MONTH", seats: 1, mrrCents: 1200, at: new Date(now.getTime() - 40 * day) },
          { subjectTenantId: paying, plan: "FREE", status: null, mrrCents: 0, at: new Date(now.getTime() - 10 * day) },
          { subjectTenantId: stays, plan: "PRO", status: "ACTIVE", billingInterval: "MONTH", seats: 1, mrrCents: 2900, at: new Date(now.getTime() - 40 * day) },
        ],
      });
      await tx.tenant.update({ where: { id: noHistory }, data: { plan: "STARTER", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", seats: 2, billingSyncedAt: new Date(now.getTime() - 5 * day) } });
      // The app's own trials: hist-paying's ended 20 days ago (it was paying then: converted);
      // hist-stays' ended 2 days ago (paying: converted); hist-plain's ended 3 days ago, before
      // its paid state counts from 5 days ago (converted). The first test's workspace: its app
      // trial ends in the future (not counted), but its Stripe trial ended into a paid
      // subscription seconds ago (converted).
      await tx.tenant.update({ where: { id: paying }, data: { trialEndsAt: new Date(now.getTime() - 20 * day) } });
      await tx.tenant.update({ where: { id: stays }, data: { trialEndsAt: new Date(now.getTime() - 2 * day) } });
      await tx.tenant.update({ where: { id: noHistory }, data: { trialEndsAt: new Date(now.getTime() - 3 * day) } });
    });
    const o = await overview(founder, now, app.prisma);
    expect(o.mrr).toHaveLength(90);
    // Today: stays 2900 + plain 2 × 1200 (backfill) = 5300; the first test's workspace is at 0.
    expect(o.mrr.at(-1)!.mrrCents).toBe(5300);
    // 20 days ago: paying 1200 + stays 2900 (plain's backfill starts 5 days ago).
    expect(o.mrr.at(-21)!.mrrCents).toBe(4100);
    // 30 days ago, paying: hist-paying and hist-stays; hist-paying churned.
    expect(o.churn).toMatchObject({ payingAtStart: 2, churned: 1, rate: 0.5, startMrrCents: 4100, lostMrrCents: 1200 });
    expect(o.conversion).toEqual({ ended: 4, converted: 4, rate: 1 });
  });
});
