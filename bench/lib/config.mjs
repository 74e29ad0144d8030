// The two scales of the bench. Full: the numbers (10,000 tenants, ~1M CRM rows,
// skewed). Smoke (--smoke, run in CI): the same code paths at a size that finishes in well
// under two minutes; it checks that every scenario still runs, never its timings.

/** Bump when the seed's shape changes: a stored seed with another version is rebuilt. */
export const SEED_VERSION = "bench-seed-v1";

export const FULL = {
  name: "full",
  database: "bench",
  // Skew like real SaaS: a few large tenants, a band of medium ones, a long tail of small ones.
  tenants: 10_000,
  tiers: [
    { name: "large", count: 5, customers: 40_000 },
    { name: "medium", count: 195, customers: 1_500 },
    { name: "small", count: 9_800, customers: 50 },
  ],
  dealEvery: 5, // ~1 deal per 5 customers
  growth: { steps: [100, 1_000, 10_000], customersPerTenant: 100, samples: 3_000, rounds: 5 },
  micro: { rounds: 5, roundMs: 1_500, warmupMs: 500 },
  host: { rounds: 5, roundMs: 1_000 },
  http: { rounds: 3, durationS: 5, connections: 8, spreads: [1, 100, 10_000] },
  webhook: { rounds: 3, durationMs: 4_000, concurrency: 4, tenants: 20, duplicateEvery: 4 },
  signup: { count: 6 },
};

export const SMOKE = {
  name: "smoke",
  database: "bench_smoke",
  tenants: 50,
  tiers: [
    { name: "large", count: 2, customers: 100 },
    { name: "medium", count: 3, customers: 30 },
    { name: "small", count: 45, customers: 5 },
  ],
  dealEvery: 5,
  growth: { steps: [10, 20, 50], customersPerTenant: 10, samples: 20, rounds: 1 },
  micro: { rounds: 1, roundMs: 200, warmupMs: 50 },
  host: { rounds: 1, roundMs: 100 },
  http: { rounds: 1, durationS: 1, connections: 2, spreads: [1, 10, 50] },
  webhook: { rounds: 1, durationMs: 500, concurrency: 2, tenants: 3, duplicateEvery: 4 },
  signup: { count: 1 },
};

/** Slug of the bench tenant of rank `i` (1-based). Ranks follow the tiers' order. */
export const benchSlug = (i) => `bench-${String(i).padStart(5, "0")}`;
export const BENCH_USER_EMAIL = "bench-owner@tenantry.test";
