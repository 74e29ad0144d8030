// The idempotent demo seed: workspace `acme` with its owner demo@acme.test, a few customers,
// deals and notes. Runs as the owner (DATABASE_URL), never as the app role.
//
// Idempotent by construction: every row has a deterministic id (a name-based UUID derived
// from the workspace slug and a key), every INSERT is ON CONFLICT DO NOTHING, so a second run
// adds nothing and rows edited in the app are left as they are. A seeded row deleted in the
// app comes back on the next run.
//
// Row-level security: tenant-owned tables get FORCE ROW LEVEL SECURITY, which binds the table
// owner too. So each workspace is written in one transaction that first sets the tenant —
// through app_set_tenant(uuid) when a migration provides it, else the setting `app.tenant_id`
// directly (set_config(..., true) = for this transaction only) — and the seed keeps working
// once the policies are in place. (The embedded server's owner is a superuser, which RLS never
// binds; a non-superuser owner whose platform tables are also locked would have to seed
// through the platform role instead.)
import { createHash, randomBytes, scryptSync } from "node:crypto";
import pg from "pg";

const DAY = 24 * 60 * 60 * 1000;
/** The card-less trial length a new workspace gets (TRIAL_DAYS, as lib/config/billing.ts; 0: Free). */
const TRIAL_DAYS = Number.parseInt(process.env.TRIAL_DAYS ?? "", 10) >= 0 ? Number.parseInt(process.env.TRIAL_DAYS ?? "", 10) : 14;

/** The demo data. Keys (`key`) are stable names from which the row ids are derived. */
export const DEMO_WORKSPACES = [
  {
    slug: "acme",
    name: "Acme Inc.",
    // Development sign-in: demo@acme.test / demo-password-123 (only set while the user has no password).
    owner: { email: "demo@acme.test", name: "Demo Owner", password: "demo-password-123" },
    customers: [
      { key: "globex", kind: "COMPANY", name: "Globex Corporation", email: "purchasing@globex.test", phone: "+1 555 0100", website: "https://globex.test" },
      { key: "initech", kind: "COMPANY", name: "Initech", email: "bill.lumbergh@initech.test", website: "https://initech.test" },
      { key: "umbrella", kind: "COMPANY", name: "Umbrella Health", email: "it@umbrella.test", phone: "+1 555 0199" },
      { key: "ada", kind: "PERSON", name: "Ada Lovelace", email: "ada@example.test", company: "Analytical Engines Ltd" },
    ],
    deals: [
      { key: "globex-renewal", customer: "globex", title: "Annual renewal", valueCents: 4_800_000, stage: "NEGOTIATION", closeInDays: 21 },
      { key: "globex-expansion", customer: "globex", title: "Expansion to EMEA team", valueCents: 1_250_000, stage: "PROPOSAL", closeInDays: 45 },
      { key: "initech-pilot", customer: "initech", title: "TPS reporting pilot", valueCents: 300_000, stage: "QUALIFIED", closeInDays: 30 },
      { key: "umbrella-first", customer: "umbrella", title: "First order", valueCents: 900_000, stage: "WON", closedDaysAgo: 3 },
      { key: "ada-consulting", customer: "ada", title: "Consulting package", valueCents: 150_000, stage: "LEAD" },
    ],
    notes: [
      { key: "globex-call", customer: "globex", deal: "globex-renewal", body: "Call with procurement: they want a two-year term at this year's price." },
      { key: "initech-intro", customer: "initech", body: "Intro meeting went well. Follow up with a pilot proposal next week." },
      { key: "umbrella-kickoff", customer: "umbrella", deal: "umbrella-first", body: "Signed. Kick-off scheduled with their IT team." },
      { key: "ada-referral", customer: "ada", body: "Referred by Globex. Prefers email." },
    ],
  },
];

/** The same encoding as lib/auth/password.ts (scrypt, N=2^15, r=8, p=1, 16-byte salt). */
export function hashPasswordSync(password) {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 256 * 2 ** 15 * 8 + 1024 * 1024 });
  return ["scrypt", 15, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** A name-based UUID (RFC 9562 version 5 layout, SHA-1) for a seeded row. */
export function seedId(...parts) {
  const hash = createHash("sha1").update(["tenantry-seed", ...parts].join("/")).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seeds every demo workspace. Returns `{ inserted }`: rows added by this run (0 on a re-run). */
export async function seedDatabase(ownerUrl, { logger = () => {}, workspaces = DEMO_WORKSPACES } = {}) {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "tenantry-seed" });
  await client.connect();
  let inserted = 0;
  try {
    const { rows } = await client.query("SELECT to_regclass('public.tenant') IS NOT NULL AS migrated, to_regprocedure('app_set_tenant(uuid)') IS NOT NULL AS has_setter");
    if (!rows[0].migrated) throw new Error("the database has no tables yet: run `npm run db:migrate` first");
    const setTenant = rows[0].has_setter ? "SELECT app_set_tenant($1::uuid)" : "SELECT set_config('app.tenant_id', $1::text, true)";

    for (const ws of workspaces) {
      const before = inserted;
      const count = (result) => (inserted += result.rowCount ?? 0);
      const now = new Date();
      // One transaction per workspace, tenant set first (see the header). The tenant's id is
      // its existing one when the workspace exists (made by hand or by signup), else derived.
      const existing = await client.query("SELECT id FROM tenant WHERE slug = $1", [ws.slug]);
      const tenantId = existing.rows[0]?.id ?? seedId(ws.slug, "tenant");
      await client.query("BEGIN");
      try {
        await client.query(setTenant, [tenantId]);
        // Platform rows (no tenant_id): the workspace and its owner, by their natural keys.
        const tenant = await client.query(
          // A new demo workspace starts on the card-less trial like a signup (docs/billing.md).
          `INSERT INTO tenant (id, slug, name, trial_ends_at, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING`,
          [tenantId, ws.slug, ws.name, new Date(now.getTime() + TRIAL_DAYS * DAY), now],
        );
        count(tenant);
        const user = await client.query(
          `INSERT INTO app_user (id, email, name, email_verified, password_hash, updated_at) VALUES ($1, $2, $3, $4, $5, $4)
           ON CONFLICT (email) DO UPDATE SET password_hash = COALESCE(app_user.password_hash, EXCLUDED.password_hash)
           RETURNING id, (xmax = 0) AS inserted`,
          [seedId("user", ws.owner.email), ws.owner.email, ws.owner.name, now, ws.owner.password ? hashPasswordSync(ws.owner.password) : null],
        );
        const ownerId = user.rows[0].id;
        if (user.rows[0].inserted) inserted++;

        const id = (...parts) => seedId(ws.slug, ...parts);
        count(
          await client.query(
            `INSERT INTO membership (tenant_id, id, user_id, role, updated_at) VALUES ($1, $2, $3, 'OWNER', $4)
             ON CONFLICT DO NOTHING`,
            [tenantId, id("membership", ws.owner.email), ownerId, now],
          ),
        );
        for (const c of ws.customers) {
          count(
            await client.query(
              `INSERT INTO customer (tenant_id, id, kind, name, email, phone, website, company, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
              [tenantId, id("customer", c.key), c.kind, c.name, c.email ?? null, c.phone ?? null, c.website ?? null, c.company ?? null, now],
            ),
          );
        }
        for (const d of ws.deals) {
          const expectedClose = d.closeInDays === undefined ? null : new Date(now.getTime() + d.closeInDays * DAY).toISOString().slice(0, 10);
          const closedAt = d.closedDaysAgo === undefined ? null : new Date(now.getTime() - d.closedDaysAgo * DAY);
          count(
            await client.query(
              `INSERT INTO deal (tenant_id, id, customer_id, owner_id, title, value_cents, currency, stage, expected_close, closed_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, 'USD', $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
              [tenantId, id("deal", d.key), id("customer", d.customer), ownerId, d.title, String(d.valueCents), d.stage, expectedClose, closedAt, now],
            ),
          );
        }
        for (const n of ws.notes) {
          count(
            await client.query(
              `INSERT INTO note (tenant_id, id, customer_id, deal_id, author_id, body, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
              [tenantId, id("note", n.key), n.customer ? id("customer", n.customer) : null, n.deal ? id("deal", n.deal) : null, ownerId, n.body, now],
            ),
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
      const added = inserted - before;
      logger(`seed: workspace ${ws.slug} (owner ${ws.owner.email}): ${added ? `${added} row(s) added` : "already seeded"}`);
    }
    return { inserted };
  } finally {
    await client.end().catch(() => {});
  }
}
