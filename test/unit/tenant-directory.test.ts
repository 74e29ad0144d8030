import { describe, expect, it } from "vitest";
import { createTenantDirectory, type TenantDirectoryEntry } from "@/lib/tenants/directory";

const acme: TenantDirectoryEntry = { id: "0190a000-0000-7000-8000-00000000000a", slug: "acme", name: "Acme", status: "ACTIVE" };

function countingFetch(entries: Record<string, TenantDirectoryEntry>) {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (slug: string) => {
      calls.push(slug);
      return entries[slug] ?? null;
    },
  };
}

describe("tenant directory cache", () => {
  it("answers a steady stream of lookups with one database query", async () => {
    const db = countingFetch({ acme });
    const directory = createTenantDirectory({ fetch: db.fetch });
    for (let i = 0; i < 1000; i++) expect(await directory.lookup(i % 2 ? "acme" : "ACME")).toEqual(acme);
    expect(db.calls).toEqual(["acme"]);
  });

  it("shares one query between concurrent misses", async () => {
    const db = countingFetch({ acme });
    const directory = createTenantDirectory({ fetch: db.fetch });
    await Promise.all(Array.from({ length: 50 }, () => directory.lookup("acme")));
    expect(db.calls).toHaveLength(1);
  });

  it("caches unknown names briefly and forgets entries on invalidation", async () => {
    const entries: Record<string, TenantDirectoryEntry> = {};
    const db = countingFetch(entries);
    const directory = createTenantDirectory({ fetch: db.fetch });
    expect(await directory.lookup("acme")).toBeNull();
    expect(await directory.lookup("acme")).toBeNull();
    expect(db.calls).toHaveLength(1);
    entries.acme = acme;
    directory.invalidate("acme");
    expect(await directory.lookup("acme")).toEqual(acme);
    entries.acme = { ...acme, status: "SUSPENDED" };
    directory.invalidate("acme");
    expect((await directory.lookup("acme"))?.status).toBe("SUSPENDED");
  });

  it("does not cache a result fetched before an invalidation", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const entries: Record<string, TenantDirectoryEntry> = { acme };
    const directory = createTenantDirectory({
      fetch: async (slug) => {
        const answer = entries[slug] ?? null;
        await gate;
        return answer;
      },
    });
    const stale = directory.lookup("acme");
    entries.acme = { ...acme, status: "SUSPENDED" };
    directory.invalidate("acme");
    release();
    expect((await stale)?.status).toBe("ACTIVE");
    expect((await directory.lookup("acme"))?.status).toBe("SUSPENDED");
  });

  it("stays bounded", async () => {
    const directory = createTenantDirectory({ fetch: async () => null, max: 100 });
    for (let i = 0; i < 1000; i++) await directory.lookup(`t${i}`);
    expect(directory.size).toBeLessThanOrEqual(100);
  });

  it("expires entries after the TTL", async () => {
    const db = countingFetch({ acme });
    const directory = createTenantDirectory({ fetch: db.fetch, ttlMs: 20 });
    await directory.lookup("acme");
    await new Promise((r) => setTimeout(r, 40));
    await directory.lookup("acme");
    expect(db.calls).toHaveLength(2);
  });
});
