// Fixed-window rate limiting in PostgreSQL, shared by every app instance.
//
//   const result = await rateLimit({ key: `signin:ip:${ip}`, limit: 10, windowMs: 60_000 });
//   if (!result.ok) return tooManyRequests(result, "Too many sign-in attempts. Try again later.");
//
// Each call is one statement: the SECURITY DEFINER function app_rate_limit_hit (see
// the *_rate_limit migration) does an atomic upsert on rate_limit_bucket, so the
// limit holds across instances and under concurrency. It does not go through crossTenant():
// that would write an audit row per counted request. About 1 call in 100 also sweeps expired
// buckets (app_rate_limit_sweep), in the background.
//
// Keys: a purpose prefix and the subject, e.g. "signup:ip:203.0.113.7", "magic-link:email:<sha256>".
// Prefer hashing e-mail addresses into keys (rateLimitKey does) so the table holds no addresses.
import crypto from "node:crypto";
import { NextResponse } from "next/server";
import { basePrisma } from "@/lib/db/client";

export type RateLimitOptions = {
  /** What is being counted, e.g. "signin:ip:203.0.113.7". 1..512 characters. */
  key: string;
  /** Hits allowed per window (>= 1). */
  limit: number;
  /** Window length in milliseconds (1 ms .. 7 days). */
  windowMs: number;
};

export type RateLimitResult = {
  ok: boolean;
  /** 0 when ok; otherwise whole seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
};

export type RateLimitDeps = {
  /** Another client than the process's own (tests: a second "instance"). */
  client?: typeof basePrisma;
  /** Source of randomness for the opportunistic sweep (tests). */
  random?: () => number;
};

export class RateLimitConfigError extends Error {
  override name = "RateLimitConfigError";
}

/** Fraction of calls that also delete expired buckets. */
export const SWEEP_PROBABILITY = 0.01;
/** Most buckets one sweep deletes. */
export const SWEEP_BATCH = 500;

/** A stable key part for a sensitive value (an e-mail address): sha256, hex, first 32 chars. */
export function rateLimitKey(prefix: string, value: string): string {
  return `${prefix}:${crypto.createHash("sha256").update(value.trim().toLowerCase()).digest("hex").slice(0, 32)}`;
}

function validate({ key, limit, windowMs }: RateLimitOptions) {
  if (typeof key !== "string" || key.length < 1 || key.length > 512) throw new RateLimitConfigError("rate limit key must be 1..512 characters");
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) throw new RateLimitConfigError("rate limit must be an integer from 1 to 1,000,000");
  if (!Number.isInteger(windowMs) || windowMs < 1 || windowMs > 7 * 24 * 3600 * 1000) {
    throw new RateLimitConfigError("rate limit window must be an integer number of milliseconds, at most 7 days");
  }
}

export async function rateLimit(options: RateLimitOptions, deps: RateLimitDeps = {}): Promise<RateLimitResult> {
  validate(options);
  const client = deps.client ?? basePrisma;
  // Fails closed: if the database cannot answer, the caller's request fails too.
  const rows = await client.$queryRaw<{ allowed: boolean; retry_after_ms: number }[]>`
    SELECT allowed, retry_after_ms FROM app_rate_limit_hit(${options.key}, ${options.limit}::integer, ${options.windowMs}::integer)`;
  const row = rows[0];
  if (!row) throw new Error("app_rate_limit_hit returned no row");

  if ((deps.random ?? Math.random)() < SWEEP_PROBABILITY) {
    void sweepExpiredBuckets(client).catch((error: unknown) => {
      console.error(`[rate-limit] sweeping expired buckets failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  return row.allowed
    ? { ok: true, retryAfterSeconds: 0 }
    : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.retry_after_ms) / 1000)) };
}

/** Deletes up to `max` expired buckets; returns how many. */
export async function sweepExpiredBuckets(client: typeof basePrisma = basePrisma, max = SWEEP_BATCH): Promise<number> {
  const [row] = await client.$queryRaw<{ deleted: number }[]>`SELECT app_rate_limit_sweep(${max}::integer) AS deleted`;
  return Number(row?.deleted ?? 0);
}

/** A 429 JSON response `{ error }` with Retry-After, for route handlers. */
export function tooManyRequests(result: RateLimitResult, message = "Too many requests. Please try again later."): NextResponse {
  const retryAfter = Math.max(1, Math.ceil(result.retryAfterSeconds));
  return NextResponse.json({ error: message }, { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "no-store" } });
}
