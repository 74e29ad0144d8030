// The JSON-RPC side of the schema engine protocol, as the Prisma CLI speaks it: one JSON
// object per line on stdin/stdout; user-facing output goes back as a `print` request.
import fs from "node:fs";
import readline from "node:readline";
import { createAdapterFactory } from "./adapter-factory.mjs";
import { createDatabase } from "./cli-mode.mjs";
import { isPanic, logLine, toRpcError } from "./errors.mjs";
import { takeLastScriptError } from "./pg-adapter.mjs";
import { dropTemporaryShadowDatabases, hasTemporaryShadowDatabases } from "./shadow-database.mjs";
import { loadSchemaEngineWasm } from "./wasm-engine.mjs";

// CLI method name -> SchemaEngine (Wasm) method name, where they differ.
const METHOD_ALIASES = { getDatabaseVersion: "version" };
const USES_MIGRATION_SCHEMA_CACHE = new Set(["evaluateDataLoss", "createMigration"]);
const NO_SHADOW_FALLBACK = "shadow DB must be provided through an external factory";

let failInFlightRequest = async () => {};

/** Answers the request being served, if any, with `error` (used on fatal errors). */
export function failInFlight(error) {
  return failInFlightRequest(error);
}

/**
 * Serves requests until stdin closes. The CLI never waits for us after its last reply (it
 * closes stdin and sends SIGTERM at once), so every request finishes all its work, including
 * dropping temporary shadow databases, before its reply is written.
 * @param {{ datamodelPaths: string[], datasource: { url?: string, shadowDatabaseUrl?: string } }} options
 */
export function serveJsonRpc({ datamodelPaths, datasource }) {
  const session = new EngineSession({ datamodelPaths, datasource });
  let inFlight = null;
  let queue = Promise.resolve();
  let printId = 0;

  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const print = (content) => send({ jsonrpc: "2.0", id: `print-${++printId}`, method: "print", params: { content } });

  // A panic inside an async engine task surfaces as an uncaught exception and leaves the
  // request pending forever. The CLI treats an engine that dies mid-request as success (exit
  // 0, no output), so the request must be answered with the error before exiting.
  failInFlightRequest = async (error) => {
    if (!inFlight) return;
    const request = inFlight;
    inFlight = null;
    await cleanUpShadowDatabases();
    send({ jsonrpc: "2.0", id: request.id, error: describe(error, request) });
  };

  const describe = (error, request) =>
    toRpcError(error, { errorRegistry: session.errorRegistry, scriptError: takeLastScriptError(), method: request.method });

  async function handle(request) {
    takeLastScriptError(); // only errors of this request's scripts are relevant
    inFlight = request;
    let response;
    let panicked = false;
    try {
      const result = await session.call(request.method, request.params ?? {});
      // The CLI ignores `stdout` in diff results: the native engine prints through the CLI.
      if (request.method === "diff" && typeof result?.stdout === "string" && result.stdout !== "") {
        print(result.stdout.replace(/\n$/, ""));
      }
      response = { jsonrpc: "2.0", id: request.id, result: result ?? null };
    } catch (error) {
      panicked = isPanic(error);
      response = { jsonrpc: "2.0", id: request.id, error: describe(error, request) };
    }
    await cleanUpShadowDatabases();
    if (inFlight !== request) return; // already answered by failInFlightRequest
    inFlight = null;
    send(response);
    // A trapped Wasm instance is unusable; 101 is how the native engine reports a panic.
    if (panicked) process.exit(101);
  }

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      logLine("ERROR", `Could not parse JSON-RPC message: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message.method !== "string") return; // the CLI's answer to a `print` request
    queue = queue.then(() => handle(message));
  });
  lines.on("close", () => {
    queue.then(() => shutdown(0));
  });

  for (const [signal, number] of [["SIGTERM", 15], ["SIGINT", 2], ["SIGHUP", 1]]) {
    process.on(signal, () => shutdown(inFlight ? 128 + number : 0));
  }
}

let shuttingDown = false;
async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  await cleanUpShadowDatabases();
  process.exit(code);
}

async function cleanUpShadowDatabases() {
  if (!hasTemporaryShadowDatabases()) return;
  const failures = await dropTemporaryShadowDatabases();
  for (const failure of failures) logLine("WARN", `Could not drop temporary shadow database ${failure}`);
}

/** One Wasm engine per process, created on the first request that needs it. */
class EngineSession {
  #engine;
  #factory;

  constructor({ datamodelPaths, datasource }) {
    this.datamodelPaths = datamodelPaths;
    this.datasource = datasource;
  }

  get errorRegistry() {
    return this.#factory?.errorRegistry;
  }

  async call(method, params) {
    if (method === "createDatabase") {
      // Handled without the engine: the engine cannot start while the database is missing.
      const url = params.datasource?.tag === "ConnectionString" ? params.datasource.url : this.datasource.url;
      return { databaseName: await createDatabase(url) };
    }
    const engine = await this.#getEngine();
    const name = METHOD_ALIASES[method] ?? method;
    if (typeof engine[name] !== "function" || name === "free" || name.startsWith("__")) {
      throw new Error(`Method not supported by the Wasm schema engine: ${method}`);
    }
    try {
      return await engine[name](params);
    } catch (error) {
      if (!USES_MIGRATION_SCHEMA_CACHE.has(method) || !String(error?.message).includes(NO_SHADOW_FALLBACK)) throw error;
      // evaluateDataLoss/createMigration take the migrations' schema from a cache filled by
      // devDiagnostic; on a miss the Wasm engine has no shadow database of its own. The cache
      // misses when `migrate dev` has just applied pending migrations (devDiagnostic only
      // cached the applied ones). Now that all are applied, diagnoseMigrationHistory caches
      // the schema of the whole list, through our shadow database factory.
      await engine
        .diagnoseMigrationHistory({ migrationsList: params.migrationsList, optInToShadowDatabase: true, filters: params.filters })
        .catch(() => {});
      return engine[name](params);
    }
  }

  async #getEngine() {
    if (this.#engine) return this.#engine;
    if (!this.datasource.url) {
      throw new Error("No datasource URL: set datasource.url in prisma.config.ts (DATABASE_URL).");
    }
    const { SchemaEngine } = await loadSchemaEngineWasm();
    const datamodels = this.datamodelPaths.map((file) => [file, fs.readFileSync(file, "utf8")]);
    // A fresh factory per attempt: SchemaEngine.new connects at once and may fail (e.g. the
    // database does not exist yet and the CLI creates it in between).
    this.#factory = createAdapterFactory(this.datasource);
    this.#engine = await SchemaEngine.new(
      { datamodels: datamodels.length > 0 ? datamodels : undefined },
      (line) => process.stderr.write(String(line).endsWith("\n") ? line : `${line}\n`),
      this.#factory,
    );
    return this.#engine;
  }
}
