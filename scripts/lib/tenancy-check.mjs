// Reads the live PostgreSQL catalog and lists every breach of the tenancy invariants
// (docs/tenancy.md). Used by `npm run tenancy:check` and by the integration tests.

/**
 * SECURITY DEFINER functions that are reviewed and allowed: they return public data only, or
 * (app_customer_search) ids of the transaction's own tenant only (docs/tenancy.md).
 */
export const SECURITY_DEFINER_ALLOWLIST = [
  "app_tenant_directory",
  "app_tenant_directory_by_domain",
  "app_slug_redirect",
  "app_rate_limit_hit",
  "app_rate_limit_sweep",
  "app_customer_search",
];

/** Columns the app role must not read (migration *_user_secret_columns): only tenantry_platform. */
export const SECRET_COLUMNS = [
  ["app_user", "password_hash"],
  ["app_user", "totp_secret"],
];

/**
 * The least statistics target for a tenant-owned table's tenant_id (migration
 * *_tenant_statistics, docs/performance.md): below it, mid-sized tenants are estimated as small.
 */
export const TENANT_ID_STATISTICS = 1000;

/** Tables outside the app's reach entirely (the app role has no grant on them). */
export const UNGUARDED_TABLES = ["_prisma_migrations"];

/**
 * @param {import('pg').ClientBase} db a connection to the database to check
 * @param {{ appRole: string, schema?: string }} options
 * @returns {Promise<string[]>} one human-readable line per problem; empty when all is well
 */
export async function checkTenancy(db, { appRole, schema = "public" }) {
  const problems = [];
  const q = async (sql, params = []) => (await db.query(sql, params)).rows;

  const tables = await q(
    `SELECT c.oid, c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            a.attnotnull AS tenant_not_null, a.attnum AS tenant_attnum,
            a.attstattarget::int AS tenant_statistics
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
    [schema],
  );
  const tenantTables = new Set(tables.map((t) => t.relname));

  for (const t of tables) {
    const name = t.relname;
    if (!t.tenant_not_null) problems.push(`${name}: tenant_id is nullable (must be NOT NULL)`);
    if (!t.rls) problems.push(`${name}: row-level security is not enabled`);
    if (!t.forced) problems.push(`${name}: row-level security is not forced (table owners would bypass it)`);
    // NULL (PostgreSQL 17+) or -1: the default target (default_statistics_target, 100).
    const statistics = t.tenant_statistics ?? -1;
    if (statistics < TENANT_ID_STATISTICS) {
      problems.push(`${name}: tenant_id statistics target is ${statistics < 0 ? "the default" : statistics} (needs ALTER COLUMN tenant_id SET STATISTICS ${TENANT_ID_STATISTICS})`);
    }

    const policies = await q(
      `SELECT polname, polcmd, pg_get_expr(polqual, polrelid) AS using_expr,
              pg_get_expr(polwithcheck, polrelid) AS check_expr, polpermissive
         FROM pg_policy WHERE polrelid = $1`,
      [t.oid],
    );
    const isolating = policies.filter(
      (p) => p.polcmd === "*" && /tenant_id = \(?\s*SELECT app_current_tenant\(\)/.test(p.using_expr ?? "") &&
        /tenant_id = \(?\s*SELECT app_current_tenant\(\)/.test(p.check_expr ?? ""),
    );
    if (isolating.length === 0) {
      problems.push(`${name}: no policy for ALL commands with USING and WITH CHECK on tenant_id = (SELECT app_current_tenant())`);
    }
    for (const p of policies) {
      if (p.polpermissive && !isolating.includes(p)) {
        problems.push(`${name}: extra permissive policy ${p.polname} widens access (permissive policies are OR-ed)`);
      }
    }

    const indexes = await q(
      `SELECT i.relname AS index_name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                 LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS columns
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1`,
      [t.oid],
    );
    const primary = indexes.find((i) => i.is_primary);
    if (!primary) problems.push(`${name}: no primary key`);
    else if (primary.columns[0] !== "tenant_id" || primary.columns.length < 2) {
      problems.push(`${name}: primary key (${primary.columns.join(", ")}) must be (tenant_id, id)`);
    }
    for (const index of indexes) {
      if (index.columns[0] !== "tenant_id") {
        const what = index.is_unique ? "unique index" : "index";
        problems.push(`${name}: ${what} ${index.index_name} (${index.columns.join(", ")}) does not lead with tenant_id`);
      }
    }

    const foreignKeys = await q(
      `SELECT con.conname, ref.relname AS referenced,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS referenced_columns,
              con.confdeltype
         FROM pg_constraint con JOIN pg_class ref ON ref.oid = con.confrelid
        WHERE con.conrelid = $1 AND con.contype = 'f'`,
      [t.oid],
    );
    for (const fk of foreignKeys) {
      if (!tenantTables.has(fk.referenced)) continue; // reference tables (tenant, app_user)
      if (fk.columns[0] !== "tenant_id" || fk.referenced_columns[0] !== "tenant_id") {
        problems.push(
          `${name}: foreign key ${fk.conname} (${fk.columns.join(", ")}) -> ${fk.referenced}(${fk.referenced_columns.join(", ")}) must be composite on tenant_id`,
        );
      }
      if (fk.confdeltype === "n" || fk.confdeltype === "d") {
        problems.push(`${name}: foreign key ${fk.conname} uses ON DELETE SET NULL/DEFAULT (not distributable on Citus)`);
      }
    }
  }

  // Platform tables (no tenant_id) are locked too: nothing is readable without a tenant or
  // the platform role.
  const platformTables = await q(
    `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($2::text[]))
      ORDER BY c.relname`,
    [schema, UNGUARDED_TABLES],
  );
  for (const t of platformTables) {
    if (tenantTables.has(t.relname)) continue;
    if (!t.rls || !t.forced) problems.push(`${t.relname}: platform table must have row-level security enabled and forced`);
  }

  const [role] = await q(`SELECT rolsuper, rolbypassrls, rolinherit FROM pg_roles WHERE rolname = $1`, [appRole]);
  if (!role) {
    problems.push(`role ${appRole} does not exist`);
  } else {
    if (role.rolsuper) problems.push(`role ${appRole} is a superuser`);
    if (role.rolbypassrls) problems.push(`role ${appRole} has BYPASSRLS`);
    if (role.rolinherit) problems.push(`role ${appRole} must be NOINHERIT (platform access only by explicit SET ROLE)`);
    const owned = await q(
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1
       UNION ALL SELECT p.proname, 'function' FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = $1
       UNION ALL SELECT n.nspname, 'schema' FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = $1`,
      [appRole],
    );
    for (const o of owned) problems.push(`role ${appRole} owns ${o.kind} ${o.name} (the app role must own nothing)`);
    for (const [table, column] of SECRET_COLUMNS) {
      const [grant] = await q(
        `SELECT has_column_privilege($1, c.oid, $3, 'SELECT') AS readable
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $4 AND c.relname = $2`,
        [appRole, table, column, schema],
      );
      if (grant?.readable) problems.push(`role ${appRole} can read ${table}.${column} (secrets are for tenantry_platform only)`);
    }
  }

  const definers = await q(
    `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.prosecdef`,
    [schema],
  );
  for (const d of definers) {
    if (!SECURITY_DEFINER_ALLOWLIST.includes(d.proname)) {
      problems.push(`function ${d.proname} is SECURITY DEFINER and not on the reviewed allowlist (it would bypass RLS)`);
    }
  }

  const views = await q(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('v', 'm')
        AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)`,
    [schema],
  );
  for (const v of views) problems.push(`view ${v.relname} runs with its owner's rights (set security_invoker = true)`);

  return problems;
}
