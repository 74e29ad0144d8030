// Database bootstrap shared by scripts/run-app.mjs, scripts/db.mjs and the test harness:
// find (or start) the server, create the app database, apply migrations with the real Prisma
// CLI, give the restricted app role a login, seed. See docs/architecture.md "Database roles".
import { spawn } from "node:child_process";
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";
import { seedDatabase } from "./seed.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const APP_ROLE = "tenantry_app"; // created NOLOGIN by prisma/migrations/*_app_role
export const APP_DATABASE = "tenantry"; // the database created on the embedded server
export const DEFAULT_EMBEDDED_PORT = 54329;
// Development default only: refused for a non-loopback DATABASE_URL (see appPassword()).
export const DEFAULT_APP_DB_PASSWORD = "tenantry-app-dev";

const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

/** `[tenantry] message` on stderr: the scripts' one log format. */
export function log(message) {
  process.stderr.write(`[tenantry] ${message}\n`);
}

/** Where embedded data lives: TENANTRY_DATA_DIR, else `.data` in the repository. */
export function dataRoot(env = process.env) {
  return env.TENANTRY_DATA_DIR ? path.resolve(env.TENANTRY_DATA_DIR) : path.join(ROOT, ".data");
}

/** `url` pointing at another database of the same server. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The owner URL with user and password replaced by the app role's (same host/port/db/params). */
export function deriveAppUrl(ownerUrl, password) {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** `user@host:port/db` without the password, for logs. */
export function describeUrl(url) {
  const u = new URL(url);
  return `${decodeURIComponent(u.username) || "(default user)"}@${u.host}${decodeURIComponent(u.pathname)}`;
}

function isLoopback(url) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

/** APP_DB_PASSWORD, or the development default when the server is on this machine. */
export function appPassword(ownerUrl, env = process.env) {
  if (env.APP_DB_PASSWORD) return env.APP_DB_PASSWORD;
  if (!isLoopback(ownerUrl)) {
    throw new Error("DATABASE_URL points at another machine: set APP_DB_PASSWORD (or APP_DATABASE_URL) for the app role");
  }
  return DEFAULT_APP_DB_PASSWORD;
}

/** Runs `fn(client)` on a short-lived connection. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url, application_name: "tenantry-bootstrap" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The owner URL: DATABASE_URL when set, else an embedded server (started here, data in
 * `<dataRoot>/postgres`, port EMBEDDED_PG_PORT or 54329) and its `tenantry` database.
 * `stop()` stops what was started here (nothing for DATABASE_URL).
 */
export async function openDatabase({ env = process.env, logger = log } = {}) {
  if (env.DATABASE_URL) {
    const ownerUrl = env.DATABASE_URL;
    new URL(ownerUrl); // fail early on a malformed URL (the message does not echo it)
    await ensureDatabaseExists(ownerUrl, logger);
    logger(`database: ${describeUrl(ownerUrl)} (DATABASE_URL)`);
    return { ownerUrl, embedded: null, stop: async () => {} };
  }
  const dataDir = path.join(dataRoot(env), "postgres");
  const port = Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EMBEDDED_PG_PORT is not a port: ${env.EMBEDDED_PG_PORT}`);
  const relative = path.relative(process.cwd(), dataDir);
  const shown = relative && !relative.startsWith("..") ? relative : dataDir;
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) logger(`database: initialising embedded PostgreSQL in ${shown} (first run)`);
  fs.mkdirSync(dataRoot(env), { recursive: true });
  // The server's own output, appended; moved to postgres.log.1 once it passes 10 MB.
  const logFile = path.join(dataRoot(env), "postgres.log");
  if ((fs.statSync(logFile, { throwIfNoEntry: false })?.size ?? 0) > 10 * 1024 * 1024) fs.renameSync(logFile, `${logFile}.1`);
  const serverLog = fs.createWriteStream(logFile, { flags: "a" });
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port,
    log: (line) => serverLog.write(`${line}\n`),
    notice: (message) => logger(`database: ${message}`),
  }).catch((error) => {
    serverLog.end();
    throw error;
  });
  const stop = async () => {
    await embedded.stop();
    serverLog.end();
  };
  try {
    const ownerUrl = withDatabase(embedded.url, APP_DATABASE);
    await ensureDatabaseExists(ownerUrl, logger);
    const version = await withClient(ownerUrl, async (c) => (await c.query("SHOW server_version")).rows[0].server_version);
    logger(`database: embedded PostgreSQL ${version.split(" ")[0]} at 127.0.0.1:${port} (${shown})`);
    return { ownerUrl, embedded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Creates the URL's database (from the server's `postgres` database) when it is missing. */
export async function ensureDatabaseExists(url, logger = log) {
  try {
    await withClient(url, async () => {});
    return false;
  } catch (error) {
    if (error.code !== "3D000") throw error; // invalid_catalog_name: the database does not exist
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withClient(withDatabase(url, "postgres"), (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  logger(`database: created database ${name}`);
  return true;
}

// --- migrations -------------------------------------------------------------------------------

/**
 * Runs the real Prisma CLI (`node node_modules/prisma/build/index.js ...args`) from the
 * repository root with DATABASE_URL = ownerUrl; prisma.config.ts points it at the Wasm engine
 * bridge. Resolves `{ code, output }`; output is captured unless `inherit`.
 */
export function runPrismaCli(args, { ownerUrl, inherit = false, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: ownerUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code: code ?? 128, signal, output }));
  });
}

/** Names of the migrations in prisma/migrations, in the order Prisma applies them. */
export function migrationNames() {
  if (!fs.existsSync(MIGRATIONS_DIR)) return [];
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/** Names of the migrations recorded as applied in the database. */
export async function appliedMigrations(ownerUrl) {
  return withClient(ownerUrl, async (c) => {
    const { rows } = await c.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
    if (!rows[0].present) return [];
    const applied = await c.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    return applied.rows.map((r) => r.migration_name);
  });
}

/** `prisma migrate deploy` through the real CLI. Throws with the CLI's output on failure. */
export async function migrateDatabase(ownerUrl, { logger = log } = {}) {
  if (migrationNames().length === 0) throw new Error(`no migrations in ${path.relative(ROOT, MIGRATIONS_DIR)}`);
  const before = new Set(await appliedMigrations(ownerUrl));
  const { code, signal, output } = await runPrismaCli(["migrate", "deploy"], { ownerUrl });
  if (code !== 0) {
    throw new Error(`prisma migrate deploy failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`);
  }
  const after = await appliedMigrations(ownerUrl);
  // A CLI that runs no engine at all (a stub, /bin/true) also exits 0: check the outcome.
  const missing = migrationNames().filter((name) => !after.includes(name));
  if (missing.length) {
    throw new Error(`prisma migrate deploy exited 0 but left ${missing.length} migration(s) unapplied (${missing.join(", ")}):\n${output.trim()}`);
  }
  const applied = after.filter((name) => !before.has(name));
  logger(
    applied.length
      ? `migrations: applied ${applied.length} (${applied.join(", ")}), ${after.length} in total`
      : `migrations: up to date (${after.length} applied)`,
  );
  return { applied, total: after.length };
}

// --- the app role -----------------------------------------------------------------------------

/**
 * A SCRAM-SHA-256 verifier for `password` (what PostgreSQL stores), computed here so that the
 * clear-text password never appears in a statement (server logs with log_statement=ddl).
 */
export function scramVerifier(password, iterations = 4096) {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** Gives the app role (created NOLOGIN by a migration) LOGIN and `password`. */
export async function setAppRolePassword(ownerUrl, password) {
  await withClient(ownerUrl, async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
    if (!rowCount) throw new Error(`role ${APP_ROLE} does not exist: its migration (prisma/migrations/*_app_role) has not been applied`);
    try {
      await c.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${c.escapeLiteral(scramVerifier(password))}`);
    } catch (error) {
      if (error.code !== "42501") throw error;
      throw new Error(`${describeUrl(ownerUrl)} may not change role ${APP_ROLE}; set APP_DATABASE_URL with credentials made by an administrator`);
    }
  });
}

/**
 * What is wrong with the app role, as seen from the owner's connection to its database:
 * [] when it is not superuser, not BYPASSRLS, owns nothing (in any database), and cannot
 * become (SET ROLE) a superuser or a role that owns tables here.
 */
export async function appRoleProblems(ownerUrl, role = APP_ROLE) {
  return withClient(ownerUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin,
              (SELECT count(*)::int FROM pg_shdepend d
                WHERE d.refclassid = 'pg_authid'::regclass AND d.refobjid = r.oid AND d.deptype = 'o') AS owned,
              (SELECT string_agg(m.rolname, ', ' ORDER BY m.rolname) FROM pg_roles m
                WHERE m.oid <> r.oid AND pg_has_role(r.oid, m.oid, 'MEMBER')
                  AND (m.rolsuper OR EXISTS (SELECT 1 FROM pg_class t WHERE t.relowner = m.oid))) AS powerful_roles
         FROM pg_roles r WHERE r.rolname = $1`,
      [role],
    );
    const r = rows[0];
    if (!r) return [`role ${role} does not exist`];
    const problems = [];
    if (r.rolsuper) problems.push(`${role} is a superuser`);
    if (r.rolbypassrls) problems.push(`${role} has BYPASSRLS`);
    if (r.owned > 0) problems.push(`${role} owns ${r.owned} object(s)`);
    if (r.powerful_roles) problems.push(`${role} can act as ${r.powerful_roles} (superuser or table owner)`);
    return problems;
  });
}

/**
 * Makes sure the app can connect: sets the role's password unless an explicit APP_DATABASE_URL
 * is given (then its credentials are someone else's to manage), checks the role is as
 * restricted as intended, and logs in once with the URL. Returns the app URL.
 */
export async function ensureAppRole(ownerUrl, { appUrl, password, logger = log } = {}) {
  let url = appUrl;
  if (!url) {
    await setAppRolePassword(ownerUrl, password);
    url = deriveAppUrl(ownerUrl, password);
  }
  const problems = await appRoleProblems(ownerUrl);
  if (problems.length) throw new Error(`the app role is not restricted: ${problems.join("; ")}`);
  const who = await withClient(url, async (c) => {
    const { rows } = await c.query("SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
    return rows[0];
  }).catch((error) => {
    throw new Error(`cannot connect as the app role (${describeUrl(url)}): ${error.message}`);
  });
  if (who.rolsuper || who.rolbypassrls) throw new Error(`APP_DATABASE_URL logs in as ${who.name}, a superuser or BYPASSRLS role`);
  logger(`app role: ${describeUrl(url)}${appUrl ? " (APP_DATABASE_URL)" : ""}`);
  return url;
}

// --- all of it --------------------------------------------------------------------------------

/**
 * Migrations, the app role's login, and (unless `seed: false`) the idempotent demo seed, on
 * the database at ownerUrl. Returns the app URL.
 */
export async function prepareDatabase(ownerUrl, { appUrl, password, seed = true, logger = log } = {}) {
  await migrateDatabase(ownerUrl, { logger });
  if (!appUrl) password ??= appPassword(ownerUrl);
  const url = await ensureAppRole(ownerUrl, { appUrl, password, logger });
  if (seed) await seedDatabase(ownerUrl, { logger });
  return url;
}

/**
 * What `npm run dev` / `npm start` do before Next.js starts: open (or start) the database and
 * prepare it. Returns `{ ownerUrl, appUrl, stop }`; call stop() after Next.js has exited.
 */
export async function bootstrapDatabase({ env = process.env, seed = true, logger = log } = {}) {
  const db = await openDatabase({ env, logger });
  try {
    const appUrl = env.APP_DATABASE_URL || undefined;
    const password = appUrl ? undefined : appPassword(db.ownerUrl, env);
    return { ...db, appUrl: await prepareDatabase(db.ownerUrl, { appUrl, password, seed, logger }) };
  } catch (error) {
    await db.stop();
    throw error;
  }
}
