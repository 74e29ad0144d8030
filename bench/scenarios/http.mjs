// Scenario 3: HTTP under load through the production server (autocannon, loopback, bounded
// connections and duration). A tenant API route (GET /api/workspace: host → tenant lookup,
// session, membership through forTenant) and a server-rendered workspace page (/customers),
// with the Host header (and that host's session cookie) rotated across 1, 100 and 10,000
// tenants (spread evenly over the ranks, so ~98% small tenants, like spread 1), against GET /api/bench/baseline: the same session read and one round trip, without
// the tenancy layer. All variants interleaved round by round.
import autocannon from "autocannon";
import { interleave, median, medianRatio, round3 } from "../lib/measure.mjs";
import { hostGet } from "../lib/server.mjs";

function spreadOf(tenants, n, primaryRank) {
  if (n === 1) return [tenants[primaryRank - 1]];
  const step = tenants.length / Math.min(n, tenants.length);
  return Array.from({ length: Math.min(n, tenants.length) }, (_, i) => tenants[Math.floor(i * step)]);
}

function load({ origin, path, targets, connections, durationS }) {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${origin}${path}`,
        connections,
        duration: durationS,
        requests: [
          {
            method: "GET",
            path,
            setupRequest(req) {
              const t = targets[n++ % targets.length];
              return { ...req, headers: { ...req.headers, host: t.host, cookie: t.cookie } };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

export async function httpScenario(ctx) {
  const { scale, tenants, user, app } = ctx;
  // Spread 1 uses a typical (small-tier) tenant, like nearly all of the 100 and 10,000 spreads.
  const primaryRank = scale.tiers[0].count + scale.tiers[1].count + Math.ceil(scale.tiers[2].count / 2);
  const cookies = new Map();
  async function targetsFor(list) {
    const out = [];
    for (const t of list) {
      if (!cookies.has(t.slug)) cookies.set(t.slug, await app.cookieFor(t.slug, user));
      out.push({ host: app.hostOf(t.slug), cookie: cookies.get(t.slug) });
    }
    return out;
  }

  // Correctness first: the route and the page answer 200 for a member, the baseline too.
  const probe = (await targetsFor([tenants[primaryRank - 1]]))[0];
  for (const path of ["/api/workspace", "/customers", "/api/bench/baseline"]) {
    const res = await hostGet(app.origin, path, { host: probe.host, cookie: probe.cookie });
    if (res.status !== 200) throw new Error(`GET ${path} on ${probe.host}: ${res.status} ${res.body.slice(0, 300)}\n${app.logTail()}`);
  }

  const variants = [{ name: "baseline", path: "/api/bench/baseline", targets: await targetsFor([tenants[primaryRank - 1]]) }];
  for (const spread of scale.http.spreads) {
    const targets = await targetsFor(spreadOf(tenants, spread, primaryRank));
    variants.push({ name: `api@${spread}`, path: "/api/workspace", targets });
    variants.push({ name: `page@${spread}`, path: "/customers", targets });
  }
  // Warm-up: JIT, route chunks, pools (short, one connection).
  for (const v of variants) await load({ origin: app.origin, path: v.path, targets: v.targets.slice(0, 1), connections: 1, durationS: 1 });

  const detail = Object.fromEntries(variants.map((v) => [v.name, []]));
  const rps = await interleave(variants, scale.http.rounds, async (v) => {
    const r = await load({ origin: app.origin, path: v.path, targets: v.targets, connections: scale.http.connections, durationS: scale.http.durationS });
    const bad = r.non2xx + r.errors + r.timeouts;
    if (bad > 0) throw new Error(`${v.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.requests.total}\n${app.logTail()}`);
    detail[v.name].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total });
    return r.requests.average;
  });

  const summary = {};
  for (const v of variants) {
    const d = detail[v.name];
    summary[v.name] = {
      path: v.path,
      tenants: v.targets.length,
      rps: round3(median(d.map((x) => x.rps))),
      p50Ms: median(d.map((x) => x.p50)),
      p99Ms: median(d.map((x) => x.p99)),
      requests: d.reduce((a, x) => a + x.requests, 0),
    };
  }
  const ratios = {};
  for (const spread of scale.http.spreads) {
    ratios[`api@${spread}_rps_vs_baseline`] = round3(medianRatio(rps[`api@${spread}`], rps.baseline));
    ratios[`page@${spread}_rps_vs_page@1`] = round3(medianRatio(rps[`page@${spread}`], rps[`page@${scale.http.spreads[0]}`]));
    ratios[`page@${spread}_rps_vs_baseline`] = round3(medianRatio(rps[`page@${spread}`], rps.baseline));
  }
  return { raw: { connections: scale.http.connections, durationS: scale.http.durationS, rounds: scale.http.rounds, variants: summary, perRound: detail }, ratios, targets: [] };
}
