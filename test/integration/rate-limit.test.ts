// The PostgreSQL rate limiter: shared by instances, atomic under concurrency, windows reset,
// expired buckets swept. The database functions come from the *_rate_limit migration.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimit, sweepExpiredBuckets } from "@/lib/rate-limit";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let instanceA: ReturnType<typeof appClient>;
let instanceB: ReturnType<typeof appClient>;
let owner: pg.Client;
const never = () => 1; // no opportunistic sweep unless a test asks for one

beforeAll(async () => {
  db = await createTestDatabase();
  instanceA = appClient(db, { max: 5 });
  instanceB = appClient(db, { max: 5 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await instanceA?.close();
  await instanceB?.close();
  await db?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("rateLimit", () => {
  it("holds one limit across two instances (separate pools)", async () => {
    const key = "signin:ip:203.0.113.7";
    const hit = (client: typeof instanceA) => rateLimit({ key, limit: 3, windowMs: 60_000 }, { client: client.prisma, random: never });
    expect((await hit(instanceA)).ok).toBe(true);
    expect((await hit(instanceB)).ok).toBe(true);
    expect((await hit(instanceA)).ok).toBe(true);
    const denied = await hit(instanceB);
    expect(denied.ok).toBe(false);
    expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(denied.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hit(instanceA)).ok).toBe(false);
    // Other keys are independent.
    expect((await rateLimit({ key: "signin:ip:198.51.100.1", limit: 3, windowMs: 60_000 }, { client: instanceA.prisma, random: never })).ok).toBe(true);
  });

  it("starts a new window when the old one has expired", async () => {
    const hit = () => rateLimit({ key: "reset", limit: 1, windowMs: 300 }, { client: instanceA.prisma, random: never });
    expect(await hit()).toEqual({ ok: true, retryAfterSeconds: 0 });
    expect(await hit()).toEqual({ ok: false, retryAfterSeconds: 1 });
    await sleep(350);
    expect(await hit()).toEqual({ ok: true, retryAfterSeconds: 0 });
    expect((await hit()).ok).toBe(false);
    const [bucket] = (await owner.query(`SELECT count FROM rate_limit_bucket WHERE key = 'reset'`)).rows;
    expect(bucket.count).toBe(2);
  });

  it("lets exactly `limit` of 100 concurrent hits through, from two instances", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        rateLimit({ key: "burst", limit: 10, windowMs: 60_000 }, { client: (i % 2 ? instanceA : instanceB).prisma, random: never }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).every((r) => r.retryAfterSeconds >= 1)).toBe(true);
    const [bucket] = (await owner.query(`SELECT count FROM rate_limit_bucket WHERE key = 'burst'`)).rows;
    expect(bucket.count).toBe(100);
  });

  it("keeps buckets out of the app role's direct reach (forced RLS, no policy)", async () => {
    expect(await instanceA.prisma.rateLimitBucket.count()).toBe(0);
    await expect(instanceA.prisma.rateLimitBucket.create({ data: { key: "x", count: 0, windowStart: new Date(), expiresAt: new Date() } })).rejects.toThrow();
  });

  it("sweeps expired buckets, opportunistically and on demand, keeping live ones", async () => {
    await owner.query(
      `INSERT INTO rate_limit_bucket (key, count, window_start, expires_at)
       SELECT 'old:' || i, 1, now() - interval '2 hours', now() - interval '1 hour' FROM generate_series(1, 30) i`,
    );
    expect(await sweepExpiredBuckets(instanceA.prisma, 10)).toBe(10);
    // random() < 1% triggers a background sweep on a normal hit.
    await rateLimit({ key: "sweeper", limit: 5, windowMs: 60_000 }, { client: instanceB.prisma, random: () => 0 });
    const deadline = Date.now() + 5_000;
    while ((await owner.query(`SELECT 1 FROM rate_limit_bucket WHERE key LIKE 'old:%'`)).rowCount! > 0) {
      if (Date.now() > deadline) throw new Error("expired buckets were not swept");
      await sleep(20);
    }
    const live = (await owner.query(`SELECT key FROM rate_limit_bucket WHERE key IN ('burst', 'sweeper', 'signin:ip:203.0.113.7')`)).rows;
    expect(live).toHaveLength(3);
  });

  it("rejects bad arguments before touching the database", async () => {
    await expect(rateLimit({ key: "", limit: 1, windowMs: 1000 })).rejects.toThrow(/key/);
    await expect(rateLimit({ key: "k", limit: 0, windowMs: 1000 })).rejects.toThrow(/limit/);
    await expect(rateLimit({ key: "k", limit: 1, windowMs: 1.5 })).rejects.toThrow(/window/);
  });
});
