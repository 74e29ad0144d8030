// The founder console's tenant list at 10,000 tenants (issue 6): seeded with INSERT … SELECT
// generate_series (each with an owner), then every sort in both directions, a first and a deep
// page (keyset cursors), and the search by name / subdomain / owner email are EXPLAINed as the
// role the console uses (crossTenant: tenantry_platform) and checked for index use or a single
// bounded pass. Timings are printed (docs/admin.md records them); nothing asserts on time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, listTenants, normaliseTenantQuery, PAGE_SIZE, SORTS, tenantCountSql, tenantListSql, type SortKey, type TenantListQuery } from "@/lib/admin/tenants";
import { crossTenant } from "@/lib/db/cross-tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

const TENANTS = 10_000;
let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const actor = { kind: "system", label: "scale-test" } as const;

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Actual Loops"?: number; "Actual Rows"?: number; "Index Cond"?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

async function explain(sql: Prisma.Sql): Promise<{ plan: PlanNode; ms: number }> {
  const [row] = await crossTenant({ actor, action: "test.explain", reason: "scale test" }, (tx) =>
    tx.$queryRaw<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`),
  app.prisma);
  const out = row!["QUERY PLAN"][0]!;
  return { plan: out.Plan, ms: out["Execution Time"] };
}

async function timed(query: TenantListQuery) {
  const runs: number[] = [];
  let result!: Awaited<ReturnType<typeof listTenants>>;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    result = await listTenants(actor, query, app.prisma);
    runs.push(performance.now() - t0);
  }
  return { result, ms: runs.sort((a, b) => a - b)[1]! };
}

const timings: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    // Names repeat every 1,000 (ties on the sort key exercise the id tie-break); creation
    // times one minute apart; every tenant has an owner, every tenth an extra member.
    await owner.query(`
      INSERT INTO tenant (id, slug, name, created_at, updated_at)
      SELECT uuidv7(), 'scale-' || lpad(i::text, 5, '0'), 'Company ' || (i % 1000), now() - (i || ' minutes')::interval, now()
      FROM generate_series(1, ${TENANTS}) AS i`);
    await owner.query(`
      INSERT INTO app_user (id, email, updated_at)
      SELECT uuidv7(), 'owner-' || substring(t.slug from 7) || '@scale.test', now() FROM tenant t WHERE t.slug LIKE 'scale-%'`);
    await owner.query(`
      INSERT INTO membership (tenant_id, id, user_id, role, updated_at)
      SELECT t.id, uuidv7(), u.id, 'OWNER', now() FROM tenant t JOIN app_user u ON u.email = 'owner-' || substring(t.slug from 7) || '@scale.test'`);
    await owner.query(`
      INSERT INTO app_user (id, email, updated_at)
      SELECT uuidv7(), 'member-' || substring(t.slug from 7) || '@scale.test', now() FROM tenant t WHERE t.slug LIKE 'scale-%0'`);
    await owner.query(`
      INSERT INTO membership (tenant_id, id, user_id, role, updated_at)
      SELECT t.id, uuidv7(), u.id, 'MEMBER', now() FROM tenant t JOIN app_user u ON u.email = 'member-' || substring(t.slug from 7) || '@scale.test'`);
    // A handful deleted: they must not be listed.
    await owner.query(`UPDATE tenant SET status = 'DELETED', deleted_at = now() WHERE slug IN ('scale-00007', 'scale-00008')`);
    await owner.query("ANALYZE tenant; ANALYZE app_user; ANALYZE membership");
  } finally {
    await owner.end();
  }
}, 120_000);

afterAll(async () => {
  console.log(`\ntenant list at ${TENANTS} tenants (median of 3, listTenants incl. count; EXPLAIN ANALYZE of the page query):\n${timings.join("\n")}`);
  await app?.close();
  await db?.drop();
});

const INDEX: Record<SortKey, string> = { created: "tenant_created_at_idx", name: "tenant_name_idx", slug: "tenant_slug_key" };

describe(`tenant list at ${TENANTS} tenants`, () => {
  for (const sort of Object.keys(SORTS) as SortKey[]) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sort ${sort} ${dir}: first and deep pages walk the ${INDEX[sort]} index with the cursor as index condition`, async () => {
        // The expected order, straight from SQL (OFFSET here is the test's oracle, not the app's).
        const column = SORTS[sort];
        const oracle = (await crossTenant({ actor, action: "test.read", reason: "oracle" }, (tx) =>
          tx.$queryRaw<Array<{ id: string; v: string | Date }>>(
            Prisma.sql`SELECT id::text, ${Prisma.raw(column)} AS v FROM tenant WHERE status <> 'DELETED' ORDER BY ${Prisma.raw(`${column} ${dir}, id ${dir}`)}`,
          ),
        app.prisma));
        expect(oracle).toHaveLength(TENANTS - 2);

        const first = await timed({ sort, dir });
        expect(first.result.total).toBe(TENANTS - 2);
        expect(first.result.rows.map((r) => r.id)).toEqual(oracle.slice(0, PAGE_SIZE).map((r) => r.id));
        expect(first.result.rows.every((r) => r.ownerEmail?.endsWith("@scale.test") && r.ownerEmail.startsWith("owner-"))).toBe(true);
        expect(first.result.previous).toBeNull();

        // A deep page: after the 9,000th row.
        const deepAt = 9_000;
        const after = encodeCursor(oracle[deepAt - 1]!.v, oracle[deepAt - 1]!.id);
        const deep = await timed({ sort, dir, after });
        expect(deep.result.rows.map((r) => r.id)).toEqual(oracle.slice(deepAt, deepAt + PAGE_SIZE).map((r) => r.id));
        // Next from the deep page, and back again.
        const next = await listTenants(actor, { sort, dir, after: deep.result.next! }, app.prisma);
        expect(next.rows.map((r) => r.id)).toEqual(oracle.slice(deepAt + PAGE_SIZE, deepAt + 2 * PAGE_SIZE).map((r) => r.id));
        const back = await listTenants(actor, { sort, dir, before: next.previous! }, app.prisma);
        expect(back.rows.map((r) => r.id)).toEqual(deep.result.rows.map((r) => r.id));
        // The last page says there is nothing after it.
        const lastCursor = oracle[oracle.length - 3]!;
        const last = await listTenants(actor, { sort, dir, after: encodeCursor(lastCursor.v, lastCursor.id) }, app.prisma);
        expect(last.rows).toHaveLength(2);
        expect(last.next).toBeNull();

        for (const [label, query, ms] of [
          ["first", { sort, dir }, first.ms],
          ["deep", { sort, dir, after }, deep.ms],
        ] as const) {
          const { plan, ms: planMs } = await explain(tenantListSql(normaliseTenantQuery(query), PAGE_SIZE + 1));
          const all = nodes(plan);
          expect(plan["Node Type"]).toBe("Limit");
          // No sequential scan of tenant and no full sort: the page comes off the index.
          expect(all.filter((n) => n["Relation Name"] === "tenant" && n["Node Type"] === "Seq Scan")).toEqual([]);
          // A full Sort over the tenants would mean reading them all; the Incremental Sort on top
          // only orders ties of the sort key by id (the per-row owner lookup sorts 1–2 rows).
          const fullSorts = all.filter((n) => n["Node Type"] === "Sort" && nodes(n).some((c) => c["Relation Name"] === "tenant"));
          expect(fullSorts).toEqual([]);
          const scan = all.find((n) => n["Relation Name"] === "tenant" && n["Index Name"] === INDEX[sort]);
          expect(scan, JSON.stringify(plan)).toBeDefined();
          if (label === "deep") expect(scan!["Index Cond"]).toContain(column);
          // The deep page reads about one page of index entries, not the 9,000 before it.
          expect(scan!["Actual Rows"]).toBeLessThan(100);
          // The owner's email: an index lookup per listed row (26 at most).
          const owners = all.find((n) => n["Relation Name"] === "membership");
          expect(owners?.["Node Type"]).toMatch(/Index/);
          timings.push(`  sort ${sort} ${dir}, ${label} page: ${ms.toFixed(1)} ms (page query ${planMs.toFixed(2)} ms)`);
        }
      }, 60_000);
    }
  }

  it("search by name, subdomain and owner email: one bounded pass over each table, never per row", async () => {
    const cases: Array<[string, string, number]> = [
      ["name", "company 123", 10], // 'Company 123' ×10 (and no 'Company 1230…': names stop at 999)
      ["subdomain", "scale-0999", 10], // scale-09990 … scale-09999
      ["owner email", "owner-04242@", 1],
      ["member email (not an owner: not matched)", "member-04240@", 0],
    ];
    for (const [label, q, expected] of cases) {
      const { result, ms } = await timed({ q, sort: "created", dir: "desc" });
      expect(result.total, label).toBe(expected);
      expect(result.rows, label).toHaveLength(expected);
      const { plan, ms: planMs } = await explain(tenantListSql(normaliseTenantQuery({ q }), PAGE_SIZE + 1));
      const all = nodes(plan);
      // Each table is read at most once in full (a hash semi-join for the owner emails), not
      // once per tenant: bounded by the table sizes, whatever the page.
      for (const n of all.filter((x) => x["Node Type"] === "Seq Scan")) expect(n["Actual Loops"], `${label}: ${n["Relation Name"]}`).toBe(1);
      const countPlan = await explain(tenantCountSql(normaliseTenantQuery({ q })));
      timings.push(`  search ${label} "${q}": ${ms.toFixed(1)} ms (page query ${planMs.toFixed(2)} ms, count ${countPlan.ms.toFixed(2)} ms)`);
    }
    const plain = await explain(tenantCountSql(normaliseTenantQuery({})));
    timings.push(`  count of all tenants: ${plain.ms.toFixed(2)} ms`);
    // LIKE wildcards in the search are literal characters.
    expect((await listTenants(actor, { q: "scale-%" }, app.prisma)).total).toBe(0);
    // A forged cursor is ignored (first page), not an error.
    expect((await listTenants(actor, { after: "not-a-cursor" }, app.prisma)).rows).toHaveLength(PAGE_SIZE);
  }, 60_000);
});
