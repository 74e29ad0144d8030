// Rate limits for identity endpoints, on lib/rate-limit (PostgreSQL-backed, shared by all
// instances). A limiter failure (e.g. the database function missing) is logged and lets the
// request through: availability of sign-in matters more than one counter, and the lockout
// (./lockout.ts) still bounds password guessing.
import { createHash } from "node:crypto";
import { headers } from "next/headers";
import { rateLimit } from "@/lib/rate-limit";

export type Throttle = { ok: boolean; retryAfterSeconds: number };

export async function throttle(key: string, limit: number, windowMs: number): Promise<Throttle> {
  try {
    return await rateLimit({ key, limit, windowMs });
  } catch (error) {
    console.error(`[auth] rate limit unavailable for ${key.split(":")[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: true, retryAfterSeconds: 0 };
  }
}

/** The client address as our own server saw it (the last X-Forwarded-For entry, which Next.js
 *  appends), never a value the client chose. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  const parts = (h.get("x-forwarded-for") ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  return parts[parts.length - 1] ?? "unknown";
}

export function hashKey(value: string): string {
  return createHash("sha256").update(value.trim().toLowerCase()).digest("hex").slice(0, 32);
}
