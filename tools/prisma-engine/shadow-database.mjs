// Shadow databases for `migrate dev` / `migrate diff --from-migrations` / `migrate status`.
// adapter-pg's own connectToShadowDb() is unsafe (its "shadow" pool reaches the MAIN database,
// it leaks a pool and ignores shadowDatabaseUrl), so the bridge provides them itself:
// - no shadowDatabaseUrl: a temporary database on the main server, dropped after use, on
//   signals, and before every JSON-RPC reply at the latest;
// - shadowDatabaseUrl: that database, emptied first (like the native engine), never the main one.
import crypto from "node:crypto";
import pg from "pg";
import { parseDatasourceUrl, quoteIdent, sameDatabase, withDatabase } from "./connection-url.mjs";

const TEMPORARY_PREFIX = "prisma_shadow_bridge_";

/** An Error the bridge reports with a Prisma error code (see errors.mjs). */
class CodedError extends Error {
  constructor(errorCode, message) {
    super(message);
    this.errorCode = errorCode;
  }
}

/** Temporary databases created by this process and not dropped yet: name -> admin URL. */
const temporaryDatabases = new Map();

/**
 * Creates an empty temporary database next to the main one.
 * @returns {Promise<{ url: string, name: string, drop: () => Promise<void> }>}
 */
export async function createTemporaryShadowDatabase(mainUrl) {
  const name = `${TEMPORARY_PREFIX}${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const adminUrl = await withAdminClient(mainUrl, async (client, url, database) => {
    // A database cannot be copied from template1 while we are connected to it.
    const template = database === "template1" ? " TEMPLATE template0" : "";
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}${template}`);
    } catch (error) {
      throw new CodedError(
        "P3014",
        "Prisma Migrate could not create the shadow database. Please make sure the database user has " +
          "permission to create databases (CREATEDB), or set shadowDatabaseUrl in prisma.config.ts.\n\n" +
          `Original error: ${error.message}`,
      );
    }
    return url;
  });
  temporaryDatabases.set(name, adminUrl);
  return { url: withDatabase(mainUrl, name), name, drop: () => dropTemporaryDatabase(name) };
}

async function dropTemporaryDatabase(name) {
  const adminUrl = temporaryDatabases.get(name);
  if (!adminUrl) return;
  const client = new pg.Client({ connectionString: parseDatasourceUrl(adminUrl).connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query("SELECT current_setting('server_version_num')::int AS version");
    // WITH (FORCE) (PostgreSQL 13+) also ends sessions the engine may have left open.
    const force = rows[0].version >= 130000 ? " WITH (FORCE)" : "";
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${force}`);
    temporaryDatabases.delete(name);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops every temporary shadow database this process still owns. Never throws. */
export async function dropTemporaryShadowDatabases() {
  const failures = [];
  for (const name of [...temporaryDatabases.keys()]) {
    await dropTemporaryDatabase(name).catch((error) => failures.push(`${name}: ${error.message}`));
  }
  return failures;
}

export function hasTemporaryShadowDatabases() {
  return temporaryDatabases.size > 0;
}

/**
 * Checks that a configured shadow database is not the main database, then empties it.
 * Both a static URL comparison and a live server identity check guard the reset, because
 * different host names (or a proxy) can lead to the same database.
 */
export async function prepareConfiguredShadowDatabase(mainUrl, shadowUrl) {
  const main = parseDatasourceUrl(mainUrl);
  const shadow = parseDatasourceUrl(shadowUrl);
  const refuse = () =>
    new Error(
      "The shadow database you configured appears to be the same as the main database. " +
        "Please specify another shadow database (shadowDatabaseUrl in prisma.config.ts).",
    );
  if (sameDatabase(main, shadow)) throw refuse();
  const identity = "SELECT current_database() AS db, pg_postmaster_start_time()::text AS started, inet_server_port() AS port";
  const [mainId, shadowId] = await Promise.all([
    withClient(main.connectionString, (c) => c.query(identity)),
    withClient(shadow.connectionString, (c) => c.query(identity)),
  ]);
  if (JSON.stringify(mainId.rows[0]) === JSON.stringify(shadowId.rows[0])) throw refuse();

  await withClient(shadow.connectionString, async (client) => {
    const { rows } = await client.query(
      `SELECT nspname FROM pg_namespace
        WHERE nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast')
          AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`,
    );
    const drops = rows.map((r) => `DROP SCHEMA ${quoteIdent(r.nspname)} CASCADE;`).join("\n");
    await client.query(`${drops}\nCREATE SCHEMA public;`);
  });
}

async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// CREATE/DROP DATABASE need a connection to some other database of the same server: the main
// database normally, `postgres` or `template1` when it does not exist (yet).
export async function withAdminClient(mainUrl, fn) {
  const { database } = parseDatasourceUrl(mainUrl);
  let lastError;
  for (const candidate of [...new Set([database, "postgres", "template1"])]) {
    const url = withDatabase(mainUrl, candidate);
    const client = new pg.Client({ connectionString: parseDatasourceUrl(url).connectionString });
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      lastError = error;
      if (error.code === "3D000") continue; // database does not exist: try the next one
      throw error;
    }
    try {
      return await fn(client, url, candidate);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw lastError;
}
