// The driver adapter handed to the Wasm schema engine: @prisma/adapter-pg, with the gaps that
// matter for migrations closed (docs/migrations.md, "What the bridge covers").
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { parseDatasourceUrl, quoteIdent } from "./connection-url.mjs";

// Types the schema describer reads that adapter-pg refuses to decode ("Column type 'char'
// could not be deserialized"). Their text form is what the engine expects; "char" columns
// must also be typed Character, or the describer panics reading pg_constraint.contype.
const CHAR_OID = 18; // pg_class.relkind, pg_constraint.contype, ...
const VOID_OID = 2278; // SELECT pg_advisory_lock(...)
const TEXT_OID = 25;

/**
 * A pg.Pool that always hands out the same single connection. The engine takes a session
 * advisory lock and never releases it, and expects the session state it set (search_path,
 * transactions) to stay put: like the native engine, one connection per process.
 */
class SingleConnectionPool extends pg.Pool {
  #client;
  #connecting;

  #session() {
    this.#connecting ??= (async () => {
      const client = new pg.Client(this.options);
      // An idle connection dropped by the server must not crash the process with an
      // unhandled 'error' event; the next query reports the failure instead.
      client.on("error", (error) => this.emit("error", error));
      await client.connect();
      this.#client = client;
      return client;
    })();
    return this.#connecting;
  }

  query(config, values) {
    return this.#session().then((client) => client.query(config, values));
  }

  async connect() {
    const client = await this.#session();
    return {
      query: (config, values) => client.query(config, values),
      on: (event, listener) => client.on(event, listener),
      removeListener: (event, listener) => client.removeListener(event, listener),
      release() {},
    };
  }

  async end() {
    const client = this.#client;
    this.#client = undefined;
    this.#connecting = undefined;
    await client?.end().catch(() => {});
  }
}

/** Opens a patched adapter-pg adapter on one connection to `url` (a Prisma datasource URL). */
export async function connectAdapter(url) {
  const target = parseDatasourceUrl(url);
  const pool = new SingleConnectionPool({ connectionString: target.connectionString });
  pool.on("error", () => {});
  // adapter-pg only reads the schema for getConnectionInfo(); search_path does the real work.
  const factory = new PrismaPg(pool, { schema: target.schema ?? undefined, disposeExternalPool: true });
  const adapter = await factory.connect();
  patchQueryable(adapter);
  patchExecuteScript(adapter, pool);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  if (target.schema) await ensureSchema(pool, target.schema);
  return adapter;
}

function patchQueryable(queryable) {
  // adapter-pg 7.10.1 internals: queryRaw() maps column types right after performIO().
  if (typeof queryable.performIO !== "function") {
    throw new Error("@prisma/adapter-pg changed: performIO() is gone; update tools/prisma-engine/pg-adapter.mjs");
  }
  // Keyed by the rows array, which queryRaw() passes through unchanged: no shared state
  // between concurrent queries.
  const charColumns = new WeakMap();
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    let result;
    try {
      result = await performIO(query);
    } catch (error) {
      rememberFailedQuery(error, query.sql);
      throw error;
    }
    const chars = [];
    (result?.fields ?? []).forEach((field, i) => {
      if (field.dataTypeID === CHAR_OID) chars.push(i);
      if (field.dataTypeID === CHAR_OID || field.dataTypeID === VOID_OID) field.dataTypeID = TEXT_OID;
    });
    if (chars.length > 0 && result.rows) charColumns.set(result.rows, chars);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const i of charColumns.get(resultSet.rows) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}

function patchExecuteScript(adapter, pool) {
  // adapter-pg splits scripts on ';', which breaks $$ bodies and string literals, and runs the
  // pieces one by one, so a failing migration stays half-applied. One simple-protocol query
  // carrying the whole script runs as a single implicit transaction, like the native engine.
  adapter.executeScript = async (script) => {
    lastScriptError = null;
    try {
      await pool.query(script);
    } catch (error) {
      lastScriptError = { error, script };
      adapter.onError(error);
    }
  };
}

let lastScriptError = null;

// The engine reduces PostgreSQL errors to connector kinds ("No such table: x"); keep what
// PostgreSQL said for the messages of failed migrations and `db execute` (which runs its
// script through executeRaw; adapter-pg keeps the original in the error's cause).
function rememberFailedQuery(error, sql) {
  const cause = error?.cause;
  if (!cause || !(cause.originalCode || cause.kind === "postgres")) return;
  lastScriptError = {
    error: {
      code: cause.originalCode ?? cause.code,
      message: cause.originalMessage ?? cause.message,
      severity: cause.severity,
      detail: cause.detail,
      hint: cause.hint,
    },
    script: sql,
  };
}

/** `{ error, script }` of the last script (migration, db execute) if it failed; then forgets it. */
export function takeLastScriptError() {
  const taken = lastScriptError;
  lastScriptError = null;
  return taken;
}

async function ensureSchema(pool, schema) {
  // Checked first: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database.
  const { rows } = await pool.query({ text: "SELECT 1 FROM pg_namespace WHERE nspname = $1", values: [schema] });
  if (rows.length === 0) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
}
