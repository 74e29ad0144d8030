import { describe, expect, it } from "vitest";
import { rateLimitKey, tooManyRequests } from "@/lib/rate-limit";

describe("tooManyRequests", () => {
  it("is a 429 JSON { error } with Retry-After in whole seconds", async () => {
    const response = tooManyRequests({ ok: false, retryAfterSeconds: 42 }, "Too many sign-in attempts.");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: "Too many sign-in attempts." });
  });

  it("never sends Retry-After below 1", () => {
    expect(tooManyRequests({ ok: false, retryAfterSeconds: 0 }).headers.get("retry-after")).toBe("1");
  });
});

describe("rateLimitKey", () => {
  it("hashes the sensitive part, case- and space-insensitively", () => {
    const key = rateLimitKey("magic-link:email", " Ada@Example.com ");
    expect(key).toBe(rateLimitKey("magic-link:email", "ada@example.com"));
    expect(key).toMatch(/^magic-link:email:[0-9a-f]{32}$/);
    expect(key).not.toContain("ada");
  });
});
