// Is the database reachable right now, and what the app answers when it is not.
//
// Next.js renders a page error as a 500 and an error boundary cannot change that status, so the
// 503 is decided BEFORE a page renders: middleware.ts asks `databaseGate()`, which is free while
// the pool has an idle connection and nothing failed, and otherwise probes the database (one
// shared `SELECT 1`, bounded by a short timeout). Route handlers (not behind the middleware)
// map a connection error to the same 503 with `unavailableJson()`.
//
// Kept on globalThis and free of imports from ./client: the middleware bundle must not pull in
// Prisma, and the middleware and the route modules share the process but not module instances.
// ./client.ts registers the probe and reports failures here.

/** Seconds a client should wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = "Service temporarily unavailable — retry in a moment.";

/** How long the gate waits for a probe before answering 503 (pool exhausted or server down). */
const PROBE_TIMEOUT_MS = Number(process.env.DB_PROBE_TIMEOUT_MS) || 1_000;

export type PoolStats = { total: number; idle: number; waiting: number; max: number };

type State = {
  downSince: number | null;
  reason: string | null;
  probe: ((timeoutMs: number) => Promise<boolean>) | null;
  stats: (() => PoolStats) | null;
  inflight: Promise<boolean> | null;
};

const globalState = globalThis as typeof globalThis & { __tenantryDbAvailability?: State };
function state(): State {
  globalState.__tenantryDbAvailability ??= { downSince: null, reason: null, probe: null, stats: null, inflight: null };
  return globalState.__tenantryDbAvailability;
}

// Connection-level failures: the server is gone, restarting, refusing, or the pool gave up
// waiting. Query errors (constraint violations, bad input) are not in this list.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH",
  "57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
  "53300", // too_many_connections
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
  "P1001", "P1002", "P1017", "P2024", // Prisma: unreachable, timed out, closed, pool timeout
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /can't reach database server/i,
  /connection refused/i,
  /the database system is (starting up|shutting down)/i,
  /terminating connection due to administrator command/i,
  /Cannot use a pool after calling end/i,
];

/** True when `error` (or anything in its cause chain) means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || error === null || typeof error !== "object") return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown };
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true; // AggregateError
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}

/** Called by ./client.ts once the pool exists. */
export function registerDatabaseProbe(probe: (timeoutMs: number) => Promise<boolean>, stats: () => PoolStats): void {
  const s = state();
  s.probe = probe;
  s.stats = stats;
}

export function markDatabaseUnavailable(reason: string): void {
  const s = state();
  if (s.downSince === null) console.error(`[db] unavailable: ${reason}`);
  s.downSince ??= Date.now();
  s.reason = reason;
}

export function markDatabaseAvailable(): void {
  const s = state();
  if (s.downSince !== null) console.error(`[db] available again after ${Math.round((Date.now() - s.downSince) / 1000)} s`);
  s.downSince = null;
  s.reason = null;
}

/**
 * True when a request may go ahead. No database work while the last contact succeeded and the
 * pool has an idle connection; otherwise one probe shared by every request waiting on it.
 * Synchronous `true` on the fast path, so the middleware stays synchronous there.
 */
export function databaseGate(): true | Promise<boolean> {
  const s = state();
  if (!s.probe) return true; // nothing has used the database in this process yet
  const stats = s.stats?.();
  if (s.downSince === null && stats && stats.idle > 0) return true;
  if (s.downSince === null && stats && stats.total < stats.max) return true; // room to connect
  s.inflight ??= s.probe(PROBE_TIMEOUT_MS).finally(() => {
    s.inflight = null;
  });
  return s.inflight;
}

const unavailableHeaders = (contentType: string) => ({
  "content-type": contentType,
  "cache-control": "no-store",
  "retry-after": String(RETRY_AFTER_SECONDS),
});

/** The 503 of a route handler (JSON). */
export function unavailableJson(): Response {
  return new Response(JSON.stringify({ error: UNAVAILABLE_MESSAGE }), { status: 503, headers: unavailableHeaders("application/json") });
}

/** The 503 of a page: a small self-contained document (no scripts, no styles to allow). */
export function unavailableHtml(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service temporarily unavailable</title></head>
<body><main><h1>Service temporarily unavailable</h1>
<p>We cannot reach our database right now. Nothing you saved is lost — retry in a moment.</p>
<p><a href="">Retry</a></p></main></body></html>
`;
  return new Response(html, { status: 503, headers: unavailableHeaders("text/html; charset=utf-8") });
}

/** Runs a route handler; a database outage becomes the JSON 503 instead of a 500. */
export async function withDatabaseAvailability(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    markDatabaseUnavailable(error instanceof Error ? error.message : String(error));
    return unavailableJson();
  }
}
