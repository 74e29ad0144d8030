// The bench's own database: DATABASE_URL (owner) when set, else an embedded PostgreSQL whose
// data lives in .bench-data/ (git-ignored) so the 1M-row seed is made once and reused. Each
// scale gets its own databases: the main (skewed) one and one per growth step.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, unreachableAncestor } from "../../scripts/lib/embedded-postgres.mjs";
import { ROOT, appliedMigrations, ensureAppRole, migrationNames, openDatabase, prepareDatabase, withClient, withDatabase } from "../../scripts/lib/database.mjs";
import { BENCH_USER_EMAIL, SEED_VERSION, benchSlug } from "./config.mjs";

export const BENCH_DATA_DIR = path.join(ROOT, ".bench-data");

/** Starts (or connects to) the server. Returns { serverUrl, stop } (serverUrl: owner, db postgres). */
export async function openBenchServer({ logger }) {
  const env = { ...process.env };
  if (!env.DATABASE_URL) {
    let dataDir = process.env.TENANTRY_BENCH_DATA_DIR || BENCH_DATA_DIR;
    // As root, PostgreSQL runs as `postgres`, which cannot enter a checkout in a private folder
    // (a CI clone under a 0700 home): then the data lives in the system temp folder instead.
    if (process.getuid?.() === 0 && unreachableAncestor(path.dirname(dataDir))) {
      dataDir = path.join(os.tmpdir(), "tenantry-bench-data");
      fs.mkdirSync(dataDir, { recursive: true });
      fs.chmodSync(dataDir, 0o755);
      logger(`database: ${path.dirname(BENCH_DATA_DIR)} is private: bench data in ${dataDir}`);
    }
    env.TENANTRY_DATA_DIR = dataDir;
    env.EMBEDDED_PG_PORT = String(await freePort());
  }
  const db = await openDatabase({ env, logger });
  return { serverUrl: withDatabase(db.ownerUrl, "postgres"), stop: db.stop, env };
}

/** Creates (if missing) and migrates database `name`; returns { ownerUrl, appUrl }. */
export async function benchDatabase(serverUrl, name, { logger, env }) {
  await withClient(serverUrl, async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  const ownerUrl = withDatabase(serverUrl, name);
  const password = env.APP_DB_PASSWORD || "tenantry-app-dev";
  // Up to date already: skip the Prisma CLI (seconds per database on a busy machine).
  const applied = new Set(await appliedMigrations(ownerUrl));
  if (migrationNames().every((m) => applied.has(m))) {
    return { ownerUrl, appUrl: await ensureAppRole(ownerUrl, { password, logger: () => {} }) };
  }
  const appUrl = await prepareDatabase(ownerUrl, { seed: false, logger, password });
  return { ownerUrl, appUrl };
}

/** Runs `sql` as the owner (a superuser on the embedded server: RLS does not slow the load). */
async function asOwner(ownerUrl, fn) {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "tenantry-bench-seed", statement_timeout: 0 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** JSON with sorted keys: jsonb does not keep key order, so the marker is compared this way. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

const sameShape = (marker, shape) => marker && marker.version === SEED_VERSION && canonical(marker.shape) === canonical(shape);

async function seedMarker(c) {
  await c.query("CREATE TABLE IF NOT EXISTS bench_seed (id int PRIMARY KEY, version text NOT NULL, shape jsonb NOT NULL, seeded_at timestamptz NOT NULL, seconds numeric)");
  const { rows } = await c.query("SELECT version, shape, seconds FROM bench_seed WHERE id = 1");
  return rows[0] ?? null;
}

/**
 * The skewed seed: tenants bench-00001… in tier order (large first), customers per tier,
 * ~1 deal per `dealEvery` customers, one bench user who owns every bench tenant. Reused when
 * the marker row matches (version and shape); rebuilt otherwise.
 */
export async function ensureSkewedSeed(ownerUrl, scale, { logger }) {
  const shape = { tenants: scale.tenants, tiers: scale.tiers, dealEvery: scale.dealEvery };
  return asOwner(ownerUrl, async (c) => {
    const marker = await seedMarker(c);
    if (sameShape(marker, shape)) {
      logger(`seed: reusing ${scale.database} (${marker.version}, made in ${marker.seconds} s)`);
      return { reused: true, seconds: Number(marker.seconds) };
    }
    logger(`seed: building ${scale.database} (${scale.tenants} tenants)…`);
    const started = performance.now();
    await c.query("BEGIN");
    await c.query("SET LOCAL synchronous_commit = off");
    await c.query("SET LOCAL maintenance_work_mem = '256MB'");
    await c.query("DELETE FROM bench_seed");
    await c.query("DELETE FROM tenant WHERE slug LIKE 'bench-%'"); // cascades to the CRM rows
    await c.query("DELETE FROM app_user WHERE email = $1", [BENCH_USER_EMAIL]);
    await c.query(
      `INSERT INTO tenant (id, slug, name, created_at, updated_at)
         SELECT gen_random_uuid(), 'bench-' || lpad(i::text, 5, '0'), 'Bench tenant ' || i, now(), now()
           FROM generate_series(1, $1::int) AS i`,
      [scale.tenants],
    );
    // Tier bounds by rank: rank <= b1 → tier 1, <= b2 → tier 2, else tier 3.
    const [t1, t2, t3] = scale.tiers;
    await c.query(
      `CREATE TEMP TABLE bench_rank ON COMMIT DROP AS
         SELECT id, substr(slug, 7)::int AS rank,
                CASE WHEN substr(slug, 7)::int <= $1::int THEN $3::int
                     WHEN substr(slug, 7)::int <= $2::int THEN $4::int ELSE $5::int END AS n
           FROM tenant WHERE slug LIKE 'bench-%'`,
      [t1.count, t1.count + t2.count, t1.customers, t2.customers, t3.customers],
    );
    await c.query(
      `INSERT INTO customer (tenant_id, id, kind, name, email, archived_at, created_at, updated_at)
         SELECT r.id, gen_random_uuid(),
                (CASE WHEN g % 3 = 0 THEN 'PERSON' ELSE 'COMPANY' END)::"CustomerKind",
                'Customer ' || g, 'c' || g || '@t' || r.rank || '.example',
                CASE WHEN g % 20 = 0 THEN now() END,
                now() - make_interval(mins => g), now()
           FROM bench_rank r CROSS JOIN LATERAL generate_series(1, r.n) AS g`,
    );
    await c.query(
      `INSERT INTO deal (tenant_id, id, customer_id, title, value_cents, stage, created_at, updated_at)
         SELECT c.tenant_id, gen_random_uuid(), c.id, 'Deal for ' || c.name,
                (abs(hashtext(c.id::text)) % 100000) * 100,
                (enum_range(NULL::"DealStage"))[1 + abs(hashtext(c.email)) % 6],
                c.created_at, now()
           FROM customer c JOIN bench_rank r ON r.id = c.tenant_id
          WHERE abs(hashtext(c.id::text)) % $1::int = 0`,
      [scale.dealEvery],
    );
    const { rows: users } = await c.query(
      `INSERT INTO app_user (id, email, name, email_verified, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'Bench owner', now(), now(), now()) RETURNING id`,
      [BENCH_USER_EMAIL],
    );
    await c.query(
      `INSERT INTO membership (tenant_id, id, user_id, role, created_at, updated_at)
         SELECT id, gen_random_uuid(), $1, 'OWNER', now(), now() FROM bench_rank`,
      [users[0].id],
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    await c.query("INSERT INTO bench_seed (id, version, shape, seeded_at, seconds) VALUES (1, $1, $2, now(), $3)", [SEED_VERSION, shape, seconds]);
    await c.query("COMMIT");
    await c.query("ANALYZE tenant; ANALYZE customer; ANALYZE deal; ANALYZE membership; ANALYZE app_user");
    logger(`seed: ${scale.database} built in ${seconds} s`);
    return { reused: false, seconds: Number(seconds) };
  });
}

/** Growth step: exactly `tenants` tenants of `perTenant` customers each (own database). */
export async function ensureGrowthSeed(ownerUrl, tenants, perTenant, { logger, label }) {
  const shape = { tenants, perTenant };
  return asOwner(ownerUrl, async (c) => {
    const marker = await seedMarker(c);
    if (sameShape(marker, shape)) {
      logger(`seed: reusing ${label}`);
      return { reused: true, seconds: Number(marker.seconds) };
    }
    const started = performance.now();
    await c.query("BEGIN");
    await c.query("SET LOCAL synchronous_commit = off");
    await c.query("DELETE FROM bench_seed");
    await c.query("DELETE FROM tenant WHERE slug LIKE 'bench-%'");
    await c.query(
      `INSERT INTO tenant (id, slug, name, created_at, updated_at)
         SELECT gen_random_uuid(), 'bench-' || lpad(i::text, 5, '0'), 'Bench tenant ' || i, now(), now()
           FROM generate_series(1, $1::int) AS i`,
      [tenants],
    );
    await c.query(
      `INSERT INTO customer (tenant_id, id, kind, name, email, created_at, updated_at)
         SELECT t.id, gen_random_uuid(), 'COMPANY', 'Customer ' || g, 'c' || g || '@example.com', now() - make_interval(mins => g), now()
           FROM tenant t CROSS JOIN generate_series(1, $1::int) AS g WHERE t.slug LIKE 'bench-%'`,
      [perTenant],
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    await c.query("INSERT INTO bench_seed (id, version, shape, seeded_at, seconds) VALUES (1, $1, $2, now(), $3)", [SEED_VERSION, shape, seconds]);
    await c.query("COMMIT");
    await c.query("ANALYZE tenant; ANALYZE customer");
    logger(`seed: ${label} built in ${seconds} s`);
    return { reused: false, seconds: Number(seconds) };
  });
}

/** id and slug of bench tenants by rank, plus the bench user. */
export async function benchTenants(ownerUrl) {
  return asOwner(ownerUrl, async (c) => {
    const { rows } = await c.query("SELECT id, slug FROM tenant WHERE slug LIKE 'bench-%' ORDER BY slug");
    const { rows: users } = await c.query("SELECT id, email, name, session_version FROM app_user WHERE email = $1", [BENCH_USER_EMAIL]);
    return { tenants: rows, user: users[0] ?? null };
  });
}

export { benchSlug };
