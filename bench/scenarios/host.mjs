// Scenario 1: host resolution. The middleware's pure host parsing (resolveHost) and the cached
// slug → tenant lookup (createTenantDirectory, the same module lib/tenants/lookup.ts uses),
// its fetcher wrapped to count database round trips: a hit must cost none.
import pg from "pg";
import { interleave, median, opsPerSecondSync, round3 } from "../lib/measure.mjs";

const LOOKUP_SQL = "SELECT id::text AS id, slug, name, status::text AS status FROM app_tenant_directory($1)";

export async function hostScenario(ctx) {
  const { scale, appUrl, tenants, importTs } = ctx;
  const { resolveHost } = await importTs("lib/hosts/index.ts");
  const { createTenantDirectory } = await importTs("lib/tenants/directory.ts");
  const config = { rootDomain: "localhost:3000", adminHost: "admin.localhost:3000", trustForwardedHost: false };
  const hosts = tenants.slice(0, 1000).map((t) => `${t.slug}.localhost:3000`);

  // Parsing: resolveHost against the WHATWG URL parser on the same strings (baseline).
  const parse = await interleave(
    [
      { name: "resolveHost", run: (i) => resolveHost(hosts[i % hosts.length], null, config) },
      { name: "urlParse", run: (i) => new URL(`http://${hosts[i % hosts.length]}/`).hostname },
    ],
    scale.host.rounds,
    async (v) => opsPerSecondSync(v.run, scale.host.roundMs),
  );
  for (const host of hosts) if (resolveHost(host, null, config).kind !== "tenant") throw new Error(`resolveHost did not see a tenant in ${host}`);

  // Lookup: the real SQL through the app role, counted.
  const pool = new pg.Pool({ connectionString: appUrl, max: 2, application_name: "tenantry-bench" });
  let roundTrips = 0;
  const fetch = async (slug) => {
    roundTrips++;
    const { rows } = await pool.query(LOOKUP_SQL, [slug]);
    return rows[0] ?? null;
  };
  try {
    const slugs = tenants.map((t) => t.slug);
    const hitSlugs = slugs.slice(0, Math.min(1000, slugs.length));
    const warm = createTenantDirectory({ fetch });
    for (const s of hitSlugs) if (!(await warm.lookup(s))) throw new Error(`lookup found no tenant for ${s}`);

    let hitRoundTrips = 0;
    let hitLookups = 0;
    let missLookups = 0;
    let missRoundTrips = 0;
    const lookups = await interleave(
      [
        {
          name: "hit",
          async run() {
            const before = roundTrips;
            const t0 = performance.now();
            let n = 0;
            while (performance.now() - t0 < scale.host.roundMs) {
              for (let k = 0; k < 100; k++) await warm.lookup(hitSlugs[(n + k) % hitSlugs.length]);
              n += 100;
            }
            hitLookups += n;
            hitRoundTrips += roundTrips - before;
            return n / ((performance.now() - t0) / 1000);
          },
        },
        {
          name: "miss",
          async run() {
            // Empty cache, each slug once: every lookup misses (a fresh cache once all were used).
            let cold = createTenantDirectory({ fetch });
            let used = 0;
            const before = roundTrips;
            const t0 = performance.now();
            let n = 0;
            while (performance.now() - t0 < scale.host.roundMs) {
              if (used === slugs.length) [cold, used] = [createTenantDirectory({ fetch }), 0];
              await cold.lookup(slugs[used++]);
              n++;
            }
            missLookups += n;
            missRoundTrips += roundTrips - before;
            return n / ((performance.now() - t0) / 1000);
          },
        },
      ],
      scale.host.rounds,
      (v) => v.run(),
    );
    const hitOps = median(lookups.hit);
    const missOps = median(lookups.miss);
    const roundTripsPerHit = hitRoundTrips / hitLookups;
    if (missRoundTrips !== missLookups) throw new Error(`${missLookups} misses made ${missRoundTrips} round trips`);
    return {
      raw: {
        resolveHostOpsPerSec: Math.round(median(parse.resolveHost)),
        urlParseOpsPerSec: Math.round(median(parse.urlParse)),
        lookupHitOpsPerSec: Math.round(hitOps),
        lookupMissOpsPerSec: Math.round(missOps),
        hitLookups,
        hitRoundTrips,
        missLookups,
        missRoundTrips,
        rounds: { parse, lookups },
      },
      ratios: {
        resolveHostVsUrlParse: round3(median(parse.resolveHost) / median(parse.urlParse)),
        missCostVsHit: round3(hitOps / missOps),
      },
      targets: [
        { name: "tenant lookup: zero database round trips on a cache hit", value: roundTripsPerHit, limit: 0, met: hitRoundTrips === 0 },
      ],
    };
  } finally {
    await pool.end();
  }
}
