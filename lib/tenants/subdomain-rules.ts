// What a person may ask for as their workspace's subdomain. Pure: no I/O.
//
// Rules (threats D1–D3): one DNS label of a–z, 0–9 and hyphens, 3–63 characters, no hyphen at
// either end, no "--" in positions 3–4 (xn-- and other IDNA-style prefixes: look-alike names),
// not a reserved name (RESERVED_SLUGS, shared with routing so both always agree). Input is
// trimmed and case-folded first; we store the lowercase form. Availability (taken,
// quarantined) needs the database: see ./subdomain-check.ts.
import { RESERVED_SLUGS } from "@/lib/hosts";

export const SUBDOMAIN_MIN = 3;
export const SUBDOMAIN_MAX = 63;
/** Input longer than this is refused before any work (the API answers 400). */
export const SUBDOMAIN_INPUT_MAX = 200;

export type SubdomainProblem =
  | "empty"
  | "too-short"
  | "too-long"
  | "invalid-characters"
  | "hyphen-edge"
  | "double-hyphen"
  | "reserved";

export type SubdomainVerdict = { ok: true; name: string } | { ok: false; name: string; problem: SubdomainProblem; reason: string };

const REASONS: Record<SubdomainProblem, string> = {
  empty: "Choose a subdomain for your workspace.",
  "too-short": `Use at least ${SUBDOMAIN_MIN} characters.`,
  "too-long": `Use at most ${SUBDOMAIN_MAX} characters.`,
  "invalid-characters": "Use only lowercase letters a–z, digits 0–9 and hyphens (-).",
  "hyphen-edge": "A subdomain cannot start or end with a hyphen.",
  "double-hyphen": "A subdomain cannot have two hyphens in the 3rd and 4th place (like “xn--”).",
  reserved: "This name is reserved for Tenantry itself. Please choose another.",
};

export const TAKEN_REASON = "This subdomain is already taken.";
export const QUARANTINED_REASON = "This subdomain was used by a workspace recently and cannot be reused yet.";

/** Trims and lower-cases (ASCII case folding only; anything non-ASCII is then refused). */
export function normalizeSubdomain(raw: string): string {
  return raw.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function validateSubdomain(raw: string): SubdomainVerdict {
  const name = normalizeSubdomain(raw);
  const fail = (problem: SubdomainProblem): SubdomainVerdict => ({ ok: false, name, problem, reason: REASONS[problem] });
  if (name.length === 0) return fail("empty");
  if (!/^[a-z0-9-]+$/.test(name)) return fail("invalid-characters");
  if (name.length < SUBDOMAIN_MIN) return fail("too-short");
  if (name.length > SUBDOMAIN_MAX) return fail("too-long");
  if (name.startsWith("-") || name.endsWith("-")) return fail("hyphen-edge");
  if (name.slice(2, 4) === "--") return fail("double-hyphen");
  if (RESERVED_SLUGS.has(name)) return fail("reserved");
  return { ok: true, name };
}

/** A subdomain derived from a workspace name ("Acme Inc." → "acme-inc"), maybe invalid/empty. */
export function subdomainFromName(workspaceName: string): string {
  return workspaceName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SUBDOMAIN_MAX)
    .replace(/-+$/g, "");
}

/**
 * Candidate alternatives for a taken or reserved name, in order of preference. All are valid
 * subdomains; the caller keeps only the available ones.
 */
export function suggestionCandidates(name: string): string[] {
  const base = subdomainFromName(name).slice(0, SUBDOMAIN_MAX - 4).replace(/-+$/g, "");
  if (base.length === 0) return [];
  const out = [`${base}-hq`, `${base}-app`, `${base}-team`, `${base}2`, `${base}3`, `${base}-co`, `get-${base}`];
  return [...new Set(out)].filter((candidate) => validateSubdomain(candidate).ok);
}
