// Turning engine and bridge errors into what the Prisma CLI understands: JSON-RPC error
// objects on stdout and `schema_engine::logger` JSON lines on stderr.
import { lastPanicMessage } from "./wasm-engine.mjs";

/** One JSON log line on stderr, the format the CLI parses (and shows with DEBUG). */
export function logLine(level, message, extra = {}) {
  process.stderr.write(
    `${JSON.stringify({ level, target: "schema_engine::logger", fields: { message, ...extra } })}\n`,
  );
}

/** A trap inside the Wasm instance: it cannot be used any more after this. */
export function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}

/**
 * @param {unknown} error thrown by the Wasm engine or the bridge
 * @param {object} [context]
 * @param {{ consumeError(id: number): { error: unknown } | undefined }} [context.errorRegistry]
 *   the bound adapter factory's registry: JS errors thrown inside the adapter reach the engine
 *   only as "External error id#N".
 * @param {{ error: any, script: string } | null} [context.scriptError] the last failed script
 * @param {string} [context.method] the JSON-RPC method that failed
 */
export function toRpcError(error, { errorRegistry, scriptError, method } = {}) {
  if (isPanic(error)) {
    const message = lastPanicMessage() || String(error?.message ?? error);
    // The CLI shows the top-level message for panics.
    return { code: 4466, message, data: { is_panic: true, message, backtrace: error?.stack ?? null } };
  }
  let errorCode = typeof error?.code === "string" && /^P\d{4}$/.test(error.code) ? error.code : undefined;
  errorCode ??= error?.errorCode;
  let message = String(error?.message ?? error);
  message = message.replace(/External error id#(\d+)/g, (text, id) => {
    const original = errorRegistry?.consumeError(Number(id))?.error;
    if (!original) return text;
    errorCode ??= original.errorCode;
    return original.message ?? String(original);
  });

  // The engine reduces PostgreSQL errors to connector kinds ("No such table: x") and does not
  // produce the native P3018 for a failed migration; rebuild both from the original error.
  const failedMigration = /apply_script\s+with migration_name="([^"]+)"/.exec(message)?.[1];
  if (scriptError && failedMigration) {
    errorCode = "P3018";
    message =
      "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
      "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n" +
      `Migration name: ${failedMigration}\n\n` +
      `Database error code: ${scriptError.error.code}\n\n` +
      `Database error:\n${describePostgresError(scriptError)}`;
  } else if (scriptError && method === "dbExecute") {
    errorCode = undefined; // e.g. P1014 "The underlying table for model `x`": no model here
    message = describePostgresError(scriptError);
  } else if (scriptError) {
    // e.g. P3006, a migration failing in the shadow database
    message = message.replace(/external connector error\n[^\n]*/, () => describePostgresError(scriptError));
  }

  message = withoutSpanTrace(message);
  return { code: 4466, message, data: { is_panic: false, message, error_code: errorCode, meta: error?.meta ?? {} } };
}

function describePostgresError({ error, script }) {
  const lines = [`${error.severity ?? "ERROR"}: ${error.message}`];
  if (error.detail) lines.push(`DETAIL: ${error.detail}`);
  if (error.hint) lines.push(`HINT: ${error.hint}`);
  const position = Number(error.position);
  if (position > 0 && typeof script === "string") {
    const before = script.slice(0, position - 1).split("\n");
    const lineNumber = before.length;
    lines.push(`\nPosition: line ${lineNumber}, column ${before.at(-1).length + 1}:`);
    lines.push(`  ${script.split("\n")[lineNumber - 1]}`);
  }
  return lines.join("\n");
}

// The Wasm engine appends a Rust span trace ("   0: sql_schema_connector::...\n   at x.rs:12")
// to its messages; the native engine does not show it to users.
function withoutSpanTrace(message) {
  return message.replace(/\n +0: [a-z_]+::[\s\S]*$/, "").trimEnd();
}
