// Customer search at 100,000 customers in one workspace (issue 7, docs/crm.md "Search at
// scale"). The SQL checked is the SQL listCustomers actually sends (recorded from the pool). A
// search asks the SECURITY DEFINER function app_customer_search for one page of ids, then reads
// those rows through forTenant(); the function's own query is planned inside the function, so
// its plan is taken with auto_explain (nested statements) while the recorded call is replayed
// as the app role inside a tenant transaction (RLS on) — the plan production gets. Timings are
// printed for the docs, never asserted.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCustomers, type CrmContext, type CustomerListQuery } from "@/lib/crm/customers";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant } from "@/lib/db/tenant";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

const TOTAL = 100_000;
let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let tenantId: string;
let viewer: CrmContext;
/** Every statement the app's pool sent, with its parameters. */
const sent: { text: string; values: unknown[] }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  // Record what Prisma sends (each new pool connection's query() is wrapped before first use).
  app.pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first, second] = args;
      if (first && typeof first === "object" && "text" in first)
        sent.push({
          text: String((first as { text: string }).text),
          values: ((first as { values?: unknown[] }).values ?? []) as unknown[],
        });
      else if (typeof first === "string") sent.push({ text: first, values: Array.isArray(second) ? second : [] });
      return original(...args);
    };
  });
  const slug = `scale-${crypto.randomBytes(3).toString("hex")}`;
  const { tenant, user } = await crossTenant(
    {
      actor: { kind: "system", label: "crm-scale-test" },
      action: "test.setup",
      reason: "search at scale",
    },
    async (tx) => ({
      tenant: await tx.tenant.create({
        data: {
          slug,
          name: "Scale",
          trialEndsAt: new Date(Date.now() + 30 * 86_400_000),
        },
      }),
      user: await tx.user.create({ data: { email: `viewer@${slug}.test` } }),
    }),
    app.prisma,
  );
  tenantId = tenant.id;
  const tdb = forTenant(tenantId, app.prisma);
  await tdb.membership.create({
    data: { tenantId, userId: user.id, role: "VIEWER" },
  });
  viewer = {
    db: tdb,
    actor: { userId: user.id, role: "VIEWER", label: user.email },
  };

  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    // As the owner (a superuser: no RLS during the bulk load). Varied names and emails.
    await owner.query(
      `INSERT INTO customer (tenant_id, id, kind, name, email, created_at, updated_at)
         SELECT $1, gen_random_uuid(), CASE WHEN g % 3 = 0 THEN 'PERSON' ELSE 'COMPANY' END::"CustomerKind",
                (ARRAY['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Wonka','Tyrell','Cyberdyne'])[g % 10 + 1] || ' ' ||
                (ARRAY['Labs','Corp','Group','Systems','Partners','Holdings','Studio','Works'])[g % 8 + 1] || ' ' || g,
                'contact' || g || '@mail' || (g % 997) || '.example.test',
                timestamptz '2021-01-01' + (g || ' minutes')::interval, now()
           FROM generate_series(1, ${TOTAL}) AS g`,
      [tenantId],
    );
    // A few archived ones, so the status filter is part of the plan as in production.
    // Deterministic (a random pick once archived the newest customer, which a test expects first).
    await owner.query(`UPDATE customer SET archived_at = now() WHERE tenant_id = $1 AND email LIKE 'contact%0@mail%' AND abs(hashtext(email)) % 20 = 0 AND email <> $2`, [
      tenantId,
      `contact${TOTAL}@mail${TOTAL % 997}.example.test`,
    ]);
    await owner.query("ANALYZE customer");
  } finally {
    await owner.end();
  }
}, 300_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** The customer SELECTs Prisma sent for `query` (and how long listCustomers took). */
async function captured(query: CustomerListQuery) {
  const from = sent.length;
  const started = performance.now();
  const page = await listCustomers(viewer, query);
  const ms = performance.now() - started;
  const selects = sent.slice(from).filter((s) => /^SELECT .*FROM "public"\."customer"/s.test(s.text));
  if (selects.length === 0)
    throw new Error(
      `no customer SELECT recorded: ${sent
        .slice(from)
        .map((s) => s.text)
        .join("\n")}`,
    );
  return {
    page,
    ms,
    text: selects[0]!.text,
    values: selects[0]!.values,
    selects,
  };
}

/** A search's two statements: the function call for one page of ids, the page by id. */
async function searchPlans(q: string, query: CustomerListQuery = {}) {
  const from = sent.length;
  const run = await captured({ ...query, q });
  const call = sent.slice(from).find((s) => s.text.includes("app_customer_search("));
  if (!call) throw new Error("no app_customer_search call recorded");
  expect(run.selects).toHaveLength(1); // the rows, by id (RLS on again)
  const byId = run.selects[0]!;
  expect(byId.text).toMatch(/"id" IN/);
  return {
    run,
    search: await explainInFunction(call.text, call.values),
    byId: await explain(byId.text, byId.values),
  };
}

/**
 * The plan of the statement app_customer_search runs, when `sql` (the recorded call) is run as
 * the app role in a tenant transaction: auto_explain (loaded by the superuser, who then becomes
 * tenantry_app with SET ROLE) sends nested statements' plans to the client as notices.
 */
async function explainInFunction(sql: string, values: unknown[]): Promise<{ plan: string; ms: number }> {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  const notices: string[] = [];
  client.on("notice", (notice) => notices.push(notice.message ?? ""));
  await client.connect();
  try {
    await client.query("LOAD 'auto_explain'");
    for (const setting of ["log_min_duration = 0", "log_nested_statements = on", "log_analyze = on", "log_timing = on", "log_level = notice"])
      await client.query(`SET auto_explain.${setting}`);
    await client.query("SET ROLE tenantry_app");
    const { rows } = await client.query<{ who: string; bypass: boolean }>(
      "SELECT current_user AS who, (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass",
    );
    expect(rows).toEqual([{ who: "tenantry_app", bypass: false }]);
    await client.query("BEGIN");
    await client.query("SELECT app_set_tenant($1::uuid)", [tenantId]);
    notices.length = 0;
    await client.query(sql, values);
    await client.query("ROLLBACK");
  } finally {
    await client.end();
  }
  const inner = notices.find((n) => n.includes("Query Text: SELECT u.id FROM"));
  if (!inner) throw new Error(`no plan of the function's query among the notices:\n${notices.join("\n")}`);
  return { plan: inner, ms: Number(/duration: ([\d.]+) ms/.exec(inner)?.[1] ?? NaN) };
}

/** EXPLAIN ANALYZE of `sql` as the app role, in a tenant transaction (RLS applies). */
async function explain(sql: string, values: unknown[]): Promise<string> {
  const client = new pg.Client({ connectionString: db.appUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT app_set_tenant($1::uuid)", [tenantId]);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${sql}`, values);
    await client.query("ROLLBACK");
    return rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.end();
  }
}

/** Median wall time of listCustomers over a few runs (warm cache), for docs/crm.md. */
async function median(query: CustomerListQuery, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await captured(query)).ms);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const executionMs = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);

const TRGM = /Bitmap Index Scan on customer_tenant_id_name_email_trgm_idx/;

describe(`customer search with ${TOTAL.toLocaleString("en")} customers in one workspace`, () => {
  it("the first page (newest first, and by name) reads an index, not the whole workspace", async () => {
    const newest = await captured({});
    expect(newest.page.items).toHaveLength(25);
    expect(newest.page.items[0]!.name).toMatch(/ 100000$/);
    expect(newest.selects).toHaveLength(1);
    const newestPlan = await explain(newest.text, newest.values);
    expect(newestPlan).toMatch(/Index Scan using customer_tenant_id_created_at_idx/);
    expect(newestPlan).not.toMatch(/Seq Scan on customer/);
    const named = await captured({ sort: "name" });
    const namedPlan = await explain(named.text, named.values);
    expect(namedPlan).toMatch(/Index Scan using customer_tenant_id_name_idx/);
    console.info(`[scale] first page newest: EXPLAIN execution ${executionMs(newestPlan)} ms; by name: ${executionMs(namedPlan)} ms`);
  });

  it("search is case-insensitive on name and email and finds the right rows", async () => {
    const { page } = await captured({ q: "CONTACT77777@" });
    expect(page.items.map((c) => c.email)).toEqual([`contact77777@mail${77777 % 997}.example.test`]);
    const byName = await captured({ q: "tyrell labs 123" });
    expect(byName.page.items.length).toBeGreaterThan(0);
    expect(byName.page.items.every((c) => c.name.toLowerCase().includes("tyrell labs 123"))).toBe(true);
    // Both branches, deduplicated, in order, paged: 10,000 Globex customers, 25 at a time.
    const broad = await captured({ q: "globex" });
    expect(broad.page.items).toHaveLength(25);
    expect(broad.page.items[0]!.name).toMatch(/^Globex .* 99991$/);
    const next = await listCustomers(viewer, {
      q: "globex",
      after: broad.page.nextCursor!,
    });
    expect(next.items.map((c) => c.id).filter((id) => broad.page.items.some((c) => c.id === id))).toEqual([]);
  });

  it("as the app role under RLS, a search reads the trigram index (inside app_customer_search), never the whole workspace", async () => {
    for (const q of ["CONTACT77777@", "tyrell labs 123"]) {
      const plans = await searchPlans(q);
      expect(plans.run.page.items.length).toBeGreaterThan(0);
      expect(plans.search.plan.match(new RegExp(TRGM.source, "g"))).toHaveLength(2); // the name and the email branch
      expect(plans.search.plan).not.toMatch(/Seq Scan on customer/);
      expect(plans.byId).toMatch(/Index Scan using customer_pkey|Bitmap Index Scan on customer_pkey/);
      expect(plans.byId).not.toMatch(/Seq Scan on customer/);
      console.info(`[scale] "${q}": function's query ${plans.search.ms} ms, rows by id ${executionMs(plans.byId)} ms\n${plans.search.plan}`);
    }
  });

  it("a broad or a two-letter search never scans the table sequentially, and its next pages continue from the cursor", async () => {
    for (const q of ["globex", "ac"]) {
      const plans = await searchPlans(q);
      expect(plans.run.page.items).toHaveLength(25);
      expect(plans.search.plan).not.toMatch(/Seq Scan on customer/);
      console.info(`[scale] broad "${q}": function's query ${plans.search.ms} ms\n${plans.search.plan}`);
    }
    // Page 3 of "globex" by name continues from the cursor (ids strictly beyond it, in order).
    let page = await listCustomers(viewer, { q: "globex", sort: "name" });
    const seen = new Set(page.items.map((c) => c.id));
    for (let i = 0; i < 2; i++) {
      page = await listCustomers(viewer, { q: "globex", sort: "name", after: page.nextCursor! });
      for (const c of page.items) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
    }
    expect(page.items.every((c) => c.name.startsWith("Globex "))).toBe(true);
    expect(seen.size).toBe(75);
    // The keyset is inside the function too: page 4 starts at the cursor in the name index.
    const fourth = await searchPlans("globex", { sort: "name", after: page.nextCursor! });
    expect(fourth.run.page.items).toHaveLength(25);
    expect(fourth.search.plan).toMatch(/Index Cond: \(\(tenant_id = .*name >= /);
    expect(fourth.search.plan).not.toMatch(/Seq Scan on customer/);
    console.info(`[scale] "globex" by name, page 4: function's query ${fourth.search.ms} ms\n${fourth.search.plan}`);
  });

  it("why the function: the same ILIKE run directly as the app role under RLS cannot use the index", async () => {
    // ILIKE (texticlike) is not LEAKPROOF, so under RLS PostgreSQL filters after the policy:
    // every row of the workspace is read. The owner (no RLS) gets the trigram index.
    const sql = `SELECT id FROM customer WHERE tenant_id = $1 AND email ILIKE $2 AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 26`;
    const direct = await explain(sql, [tenantId, "%contact77777@%"]);
    expect(direct).not.toMatch(TRGM);
    expect(direct).toMatch(/Rows Removed by Filter: \d{5}/); // ~100,000 rows read for one match
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(`SELECT proleakproof FROM pg_proc WHERE oid = 'texticlike(text,text)'::regprocedure`);
      expect(rows).toEqual([{ proleakproof: false }]);
      const { rows: plain } = await owner.query(`EXPLAIN (COSTS OFF) ${sql}`, [tenantId, "%contact77777@%"]);
      expect(plain.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n")).toMatch(TRGM);
    } finally {
      await owner.end();
    }
    const inFunction = await searchPlans("contact77777@");
    console.info(`[scale] one match by email: direct under RLS ${executionMs(direct)} ms, in app_customer_search ${inFunction.search.ms} ms`);
    console.info(`[scale] listCustomers medians (ms): ${JSON.stringify(await timings())}`);
  });
});

describe("search isolation at scale", () => {
  it("another workspace whose customers match the same text never appears, and no tenant means no rows", async () => {
    const other = await crossTenant(
      { actor: { kind: "system", label: "crm-scale-test" }, action: "test.setup", reason: "search isolation" },
      (tx) => tx.tenant.create({ data: { slug: `other-${crypto.randomBytes(3).toString("hex")}`, name: "Other", trialEndsAt: new Date(Date.now() + 30 * 86_400_000) } }),
      app.prisma,
    );
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        `INSERT INTO customer (tenant_id, id, kind, name, email, created_at, updated_at)
           SELECT $1, gen_random_uuid(), 'COMPANY', 'Globex Other ' || g, 'contact77777@mail' || g || '.example.test', now() + interval '1 day', now()
             FROM generate_series(1, 50) AS g`,
        [other.id],
      );
    } finally {
      await owner.end();
    }
    // Newer than every row of this workspace and matching: they would come first if they leaked.
    const broad = await listCustomers(viewer, { q: "globex" });
    expect(broad.items.every((c) => !c.name.startsWith("Globex Other"))).toBe(true);
    expect((await listCustomers(viewer, { q: "contact77777@" })).items.map((c) => c.email)).toEqual([`contact77777@mail${77777 % 997}.example.test`]);
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      const call = "SELECT count(*)::int AS n FROM app_customer_search('globex', 'all', NULL, 'created', true, NULL, NULL, NULL, 101)";
      expect((await client.query(call)).rows).toEqual([{ n: 0 }]); // no tenant set
      await client.query("BEGIN");
      await client.query("SELECT app_set_tenant($1::uuid)", [other.id]);
      expect((await client.query(call)).rows).toEqual([{ n: 50 }]); // the other tenant's own, only
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
  });
});

/** Median listCustomers wall times (ms, through Prisma and the pool) for docs/crm.md. */
async function timings() {
  const cases: [string, CustomerListQuery][] = [
    ["first page, newest first", {}],
    ["first page, by name", { sort: "name" }],
    ["search, one match (email)", { q: "contact77777@" }],
    ["search, two matches (name)", { q: "tyrell labs 123" }],
    ["search, 10% match (globex)", { q: "globex" }],
    ["search, two letters (ac)", { q: "ac" }],
  ];
  const out: Record<string, number> = {};
  for (const [label, query] of cases) out[label] = Math.round((await median(query)) * 10) / 10;
  return out;
}
