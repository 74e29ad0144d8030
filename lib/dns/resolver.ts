// DNS lookups behind an interface, so custom-domain verification can be tested without the
// network. The default is the system resolver (node:dns/promises). `TENANTRY_TEST_DNS=<file>`
// swaps in a resolver that reads TXT records from a JSON file ({ "<name>": ["<value>", …] }):
// the end-to-end server uses it (playwright.config.ts) because a browser test cannot publish
// real DNS records. It is an explicit opt-in like TENANTRY_DEV_MAIL: never set it on a real
// deployment (anyone who can write that file could then verify any domain).
import { resolveTxt } from "node:dns/promises";
import { readFile } from "node:fs/promises";

export interface DnsResolver {
  /** TXT records of `name`, each as its character-string chunks; [] when there are none. */
  resolveTxt(name: string): Promise<string[][]>;
}

/** Answers that mean "no such record" rather than "DNS is broken". */
const NO_RECORD = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN", "ENONAME"]);

export const systemResolver: DnsResolver = {
  async resolveTxt(name) {
    try {
      return await resolveTxt(name);
    } catch (error) {
      if (NO_RECORD.has((error as NodeJS.ErrnoException).code ?? "")) return [];
      throw error;
    }
  },
};

/** Records from a JSON file, re-read on every lookup (the test writes it while the server runs). */
export function fileResolver(path: string): DnsResolver {
  return {
    async resolveTxt(name) {
      let records: unknown;
      try {
        records = JSON.parse(await readFile(path, "utf8"));
      } catch {
        return [];
      }
      const values = (records as Record<string, unknown> | null)?.[name.toLowerCase()];
      return Array.isArray(values) ? values.filter((v): v is string => typeof v === "string").map((v) => [v]) : [];
    },
  };
}

/** The process's resolver (see the header for TENANTRY_TEST_DNS). */
export function defaultResolver(env: Record<string, string | undefined> = process.env): DnsResolver {
  const file = env.TENANTRY_TEST_DNS?.trim();
  return file ? fileResolver(file) : systemResolver;
}
