// The trial-ending e-mail for the app's own trial: due workspaces only, each owner once, even
// when the job runs on several instances at the same time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossTenant } from "@/lib/db/cross-tenant";
import { sendTrialEndingReminders } from "@/lib/billing/trial-reminders";
import type { BillingNotification } from "@/lib/billing/notify";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const now = new Date("2026-12-01T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  await crossTenant({ actor: { kind: "system", label: "test" }, action: "test.setup", reason: "fixtures" }, async (tx) => {
    const owner = await tx.user.create({ data: { email: "owner@trial.test" } });
    const coOwner = await tx.user.create({ data: { email: "co-owner@trial.test" } });
    const member = await tx.user.create({ data: { email: "member@trial.test" } });
    const fixtures = [
      { slug: "due-soon", trialEndsAt: days(2) },
      { slug: "later", trialEndsAt: days(10) },
      { slug: "ended", trialEndsAt: days(-1) },
      { slug: "paying", trialEndsAt: days(1), subscriptionStatus: "ACTIVE" as const },
      { slug: "suspended", trialEndsAt: days(1), status: "SUSPENDED" as const },
    ];
    for (const f of fixtures) {
      const tenant = await tx.tenant.create({ data: { name: f.slug, ...f } });
      await tx.membership.create({ data: { tenantId: tenant.id, userId: owner.id, role: "OWNER" } });
      if (f.slug === "due-soon") {
        await tx.membership.create({ data: { tenantId: tenant.id, userId: coOwner.id, role: "OWNER" } });
        await tx.membership.create({ data: { tenantId: tenant.id, userId: member.id, role: "MEMBER" } });
      }
    }
  }, app.prisma);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("trial-ending reminders", () => {
  it("mail the owners of workspaces whose own trial ends within 3 days, once, across parallel runs", async () => {
    const sent: BillingNotification[] = [];
    const notify = async (n: BillingNotification) => void sent.push(n);
    const counts = await Promise.all([1, 2, 3].map(() => sendTrialEndingReminders(now, { client: app.prisma, notify })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sent).toHaveLength(1);
    const [reminder] = sent as Array<BillingNotification & { kind: "trial-ending" }>;
    expect(reminder!.workspaceName).toBe("due-soon");
    expect([...reminder!.to].sort()).toEqual(["co-owner@trial.test", "owner@trial.test"]);
    expect(reminder!.url).toMatch(/^http:\/\/due-soon\.localhost:\d+\/billing$/);
    expect(reminder!.trialEndsAt.toISOString()).toBe(days(2).toISOString());
    expect(await sendTrialEndingReminders(now, { client: app.prisma, notify })).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it("reminds a later trial once it enters the window", async () => {
    const sent: BillingNotification[] = [];
    const notify = async (n: BillingNotification) => void sent.push(n);
    expect(await sendTrialEndingReminders(days(6), { client: app.prisma, notify })).toBe(0); // "later" ends in 4 days from then
    expect(await sendTrialEndingReminders(days(7.5), { client: app.prisma, notify })).toBe(1);
    expect(sent.map((n) => n.workspaceName)).toEqual(["later"]);
  });
});
