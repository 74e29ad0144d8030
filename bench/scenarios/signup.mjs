// Scenario 6: signup, from submit to a usable workspace. The submit is lib/tenants/
// create-workspace.ts's createWorkspace() — what the signup server action calls — run in the
// bench process against the bench database (the action's other work, rate limit, welcome mail
// and sign-in, is not the workspace's creation); "usable" is the first 200 of the new
// workspace's /customers page and /api/workspace from the production server, with the new
// owner's session. Baseline: the same page view of an existing, warm workspace.
import crypto from "node:crypto";
import pg from "pg";
import { median, round3, timeFor } from "../lib/measure.mjs";
import { hostGet } from "../lib/server.mjs";

export async function signupScenario(ctx) {
  const { scale, tenants, user, app, appUrl, ownerUrl, importTs } = ctx;
  const { createDatabaseClient } = await importTs("lib/db/client.ts");
  const { createWorkspace } = await importTs("lib/tenants/create-workspace.ts");
  const db = createDatabaseClient({ url: appUrl, max: 2, applicationName: "tenantry-bench" });
  const runId = crypto.randomBytes(3).toString("hex");
  const get = async (host, cookie, path) => {
    const res = await hostGet(app.origin, path, { host, cookie });
    return res.status;
  };
  try {
    const primary = tenants[scale.tiers[0].count];
    const pCookie = await app.cookieFor(primary.slug, user);
    const pHost = app.hostOf(primary.slug);
    await get(pHost, pCookie, "/customers");
    const pageView = await timeFor(async () => {
      if ((await get(pHost, pCookie, "/customers")) !== 200) throw new Error("baseline page view failed");
    }, 1000, { minSamples: 5 });

    const runs = [];
    for (let k = 0; k < scale.signup.count; k++) {
      const slug = `bsu-${runId}-${k}`;
      const email = `${slug}@tenantry.test`;
      const t0 = performance.now();
      const result = await createWorkspace({ workspaceName: `Signup ${k}`, subdomain: slug, email, password: "bench-password-123456" }, db.prisma);
      if (!result.ok) throw new Error(`createWorkspace ${slug}: ${result.message}`);
      const t1 = performance.now();
      const host = app.hostOf(slug);
      const cookie = await app.cookieFor(slug, { id: result.userId, email, name: null, session_version: 0 });
      let status = 0;
      for (let tries = 0; tries < 50 && status !== 200; tries++) status = await get(host, cookie, "/customers");
      if (status !== 200) throw new Error(`new workspace ${slug}: /customers answered ${status}`);
      const t2 = performance.now();
      if ((await get(host, cookie, "/api/workspace")) !== 200) throw new Error(`new workspace ${slug}: /api/workspace not 200`);
      runs.push({ createMs: round3(t1 - t0), firstPageMs: round3(t2 - t1), totalMs: round3(t2 - t0) });
    }
    const total = median(runs.map((r) => r.totalMs));
    const view = median(pageView);
    return {
      raw: { runs, medianCreateMs: round3(median(runs.map((r) => r.createMs))), medianFirstPageMs: round3(median(runs.map((r) => r.firstPageMs))), medianTotalMs: round3(total), warmPageViewMs: round3(view) },
      ratios: { signupTotal_vs_warmPageView: round3(total / view) },
      targets: [],
    };
  } finally {
    await db.prisma.$disconnect();
    await db.pool.end().catch(() => {});
    // The bench's signups do not accumulate between runs.
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    await owner.query("DELETE FROM tenant WHERE slug LIKE 'bsu-%'");
    await owner.query("DELETE FROM app_user WHERE email LIKE 'bsu-%@tenantry.test'");
    await owner.end();
  }
}
