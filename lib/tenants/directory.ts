// Host → tenant lookup, cached in-process so that a steady stream of requests costs no
// database round trip. Keys are what the NOTIFY trigger sends: a slug, or `domain:<host>` for
// a custom domain (./lookup.ts). Invalidation: the code that changes a tenant calls
// `invalidate(key)` locally, and a trigger on the tenant table sends NOTIFY tenant_changed,
// which every app instance LISTENs to (./change-listener.ts); the TTL bounds staleness if a
// notification is ever missed (e.g. while the listener reconnects).
import { LRUCache } from "lru-cache";

export type TenantStatus = "ACTIVE" | "SUSPENDED" | "DELETED";

/** What the directory reveals about a tenant: no more than its subdomain does. */
export type TenantDirectoryEntry = { id: string; slug: string; name: string; status: TenantStatus };

/** The cache key of a custom domain (the NOTIFY trigger sends the same string). */
export const domainKey = (host: string) => `domain:${host.toLowerCase()}`;

type Fetcher<V> = (key: string) => Promise<V | null>;

const NOT_FOUND = Symbol("not-found");

export type TenantDirectory<V = TenantDirectoryEntry> = {
  lookup(key: string): Promise<V | null>;
  invalidate(key: string): void;
  clear(): void;
  readonly size: number;
};

export function createTenantDirectory<V extends object = TenantDirectoryEntry>({
  fetch,
  max = 10_000,
  ttlMs = 30_000,
  notFoundTtlMs = 5_000,
}: {
  fetch: Fetcher<V>;
  max?: number;
  ttlMs?: number;
  notFoundTtlMs?: number;
}): TenantDirectory<V> {
  const cache = new LRUCache<string, V | typeof NOT_FOUND>({ max, ttl: ttlMs });
  // Concurrent misses for one key share a single database query.
  const inFlight = new Map<string, Promise<V | null>>();
  // Bumped by every invalidation, so a query that started before it cannot cache stale data.
  let generation = 0;

  return {
    async lookup(slug) {
      const key = slug.toLowerCase();
      const cached = cache.get(key);
      if (cached !== undefined) return cached === NOT_FOUND ? null : cached;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const startedAt = generation;
      const query = fetch(key)
        .then((entry) => {
          if (startedAt !== generation) return entry;
          if (entry) cache.set(key, entry);
          else cache.set(key, NOT_FOUND, { ttl: notFoundTtlMs });
          return entry;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, query);
      return query;
    },
    invalidate(slug) {
      generation++;
      inFlight.delete(slug.toLowerCase());
      cache.delete(slug.toLowerCase());
    },
    clear() {
      generation++;
      inFlight.clear();
      cache.clear();
    },
    get size() {
      return cache.size;
    },
  };
}
