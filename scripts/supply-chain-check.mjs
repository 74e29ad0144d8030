#!/usr/bin/env node
// Offline supply-chain check (`npm test` runs it; `node scripts/supply-chain-check.mjs`).
// `npm audit` needs the registry's advisory endpoint (405 here) and `npm audit signatures`
// needs Sigstore's TUF CDN (unreachable), so this checks what can be checked without network:
//
// 1. every installed package version (package-lock.json, any depth) against the vendored
//    advisories in scripts/supply-chain-advisories.json — critical/high FAIL unless accepted
//    there with a reason and an expiry date; moderate/low are printed;
// 2. the lockfile matches package.json: every direct dependency pinned exactly, to the version
//    the lockfile holds, and node_modules holds that version;
// 3. the lockfile's sources: a `resolved` URL, when present, is the npm registry over https,
//    and an `integrity`, when present, is sha512;
// 4. the advisory list is not stale (FAIL after 90 days, so someone re-reads the advisories).
//
// What it cannot catch: anything not in the vendored list (it is as good as its last update),
// and tampering with a tarball the lockfile has no integrity for. See docs/security.md.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAX_AGE_DAYS = 90;
const BLOCKING = new Set(["critical", "high"]);

const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

/** semver compare incl. prerelease (1.0.0-beta.2 < 1.0.0-beta.10 < 1.0.0). */
export function compareVersions(a, b) {
  const split = (v) => {
    const [core, pre] = v.replace(/\+.*$/, "").split(/-(.*)/s);
    return { core: core.split(".").map(Number), pre: pre ? pre.split(".") : [] };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) if ((x.core[i] ?? 0) !== (y.core[i] ?? 0)) return (x.core[i] ?? 0) < (y.core[i] ?? 0) ? -1 : 1;
  if (!x.pre.length || !y.pre.length) return x.pre.length === y.pre.length ? 0 : x.pre.length ? -1 : 1;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Number(p) < Number(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    if (!pn && p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

export function affected(version, ranges) {
  return ranges.some((r) => {
    if (compareVersions(version, r.introduced ?? "0.0.0") < 0) return false;
    if (r.fixed) return compareVersions(version, r.fixed) < 0;
    if (r.last_affected) return compareVersions(version, r.last_affected) <= 0;
    return true;
  });
}

/** { name → [{ version, where }] } for every package in the lockfile. */
function installed(lock) {
  const found = new Map();
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (!where || entry.link || !entry.version) continue;
    const name = entry.name ?? where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length);
    if (!found.has(name)) found.set(name, []);
    found.get(name).push({ version: entry.version, where, entry });
  }
  return found;
}

export function check({ pkg, lock, advisories, now = new Date(), moduleVersion }) {
  const failures = [];
  const notes = [];
  const packages = installed(lock);

  for (const advisory of advisories.advisories) {
    for (const { version, where } of packages.get(advisory.package) ?? []) {
      if (!affected(version, advisory.ranges)) continue;
      const line = `${advisory.id} (${advisory.severity}) ${advisory.package}@${version} at ${where}: ${advisory.summary} — ${advisory.url}`;
      const accepted = (advisories.accepted ?? []).find((a) => a.id === advisory.id && a.package === advisory.package && a.version === version);
      if (accepted && new Date(accepted.expires) > now) notes.push(`accepted until ${accepted.expires}: ${line}\n    reason: ${accepted.reason}`);
      else if (BLOCKING.has(advisory.severity)) failures.push(accepted ? `acceptance EXPIRED ${accepted.expires}: ${line}` : line);
      else notes.push(line);
    }
  }

  const direct = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const [name, wanted] of Object.entries(direct)) {
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(wanted)) failures.push(`${name}: "${wanted}" in package.json is not an exact version`);
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    if (locked !== wanted) failures.push(`${name}: package.json has ${wanted}, package-lock.json ${locked ?? "nothing"} (run npm install)`);
    const onDisk = moduleVersion?.(name);
    if (moduleVersion && onDisk !== wanted) failures.push(`${name}: node_modules holds ${onDisk ?? "nothing"}, the lockfile ${wanted} (run npm ci)`);
  }

  let withoutIntegrity = 0;
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (!where || entry.link) continue;
    if (entry.resolved && !entry.resolved.startsWith("https://registry.npmjs.org/")) failures.push(`${where}: resolved from ${entry.resolved} (only the npm registry is allowed)`);
    if (entry.integrity && !entry.integrity.startsWith("sha512-")) failures.push(`${where}: integrity is not sha512`);
    if (!entry.integrity) withoutIntegrity++;
  }
  if (withoutIntegrity) notes.push(`${withoutIntegrity} lockfile entries carry no integrity hash (installed offline); npm ci cannot verify their tarballs`);

  const ageDays = Math.floor((now.getTime() - new Date(advisories.updated).getTime()) / 86_400_000);
  if (!(ageDays >= 0 && ageDays <= MAX_AGE_DAYS)) failures.push(`the advisory list was updated ${advisories.updated} (${ageDays} days ago; at most ${MAX_AGE_DAYS}): review the advisories and update it`);
  return { failures, notes, packages: packages.size, ageDays };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const moduleVersion = (name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      return undefined;
    }
  };
  const result = check({ pkg: read("package.json"), lock: read("package-lock.json"), advisories: read("scripts/supply-chain-advisories.json"), moduleVersion });
  for (const note of result.notes) console.log(`note: ${note}`);
  for (const failure of result.failures) console.error(`FAIL: ${failure}`);
  console.log(`supply chain: ${result.packages} packages checked against the advisory list of ${read("scripts/supply-chain-advisories.json").updated} (${result.ageDays} days old): ${result.failures.length} blocking finding(s)`);
  process.exitCode = result.failures.length ? 1 : 0;
}
