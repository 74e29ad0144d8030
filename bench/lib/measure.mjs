// Timing helpers. Every figure that matters is a ratio to a baseline measured in the same run:
// variants are interleaved round by round (the order rotates each round), and the reported
// value is the median over rounds, so a noisy neighbour on the shared cores hits all variants.

export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

export const round3 = (n) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);

/**
 * Runs `fn` sequentially (one at a time) for about `ms` milliseconds; returns the per-call
 * latencies in ms. `fn` may be sync or async.
 */
export async function timeFor(fn, ms, { minSamples = 5 } = {}) {
  const samples = [];
  const end = performance.now() + ms;
  while (performance.now() < end || samples.length < minSamples) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Like timeFor, for synchronous micro-operations: batches of `batch` calls per sample. */
export function opsPerSecondSync(fn, ms, batch = 1000) {
  let ops = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  let i = 0;
  while (performance.now() < end) {
    for (let k = 0; k < batch; k++) fn(i++);
    ops += batch;
  }
  return ops / ((performance.now() - t0) / 1000);
}

/**
 * Interleaved rounds: for each round, every variant runs once (rotated order) through
 * `measure(variant) → number`. Returns { perVariant: { name: [value per round] } }.
 */
export async function interleave(variants, rounds, measure) {
  const perVariant = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = variants.map((_, i) => variants[(i + r) % variants.length]);
    for (const v of order) perVariant[v.name].push(await measure(v, r));
  }
  return perVariant;
}

/** Per-round ratio a/b, then the median of those ratios (pairs measured in the same round). */
export function medianRatio(a, b) {
  return median(a.map((x, i) => x / b[i]));
}
