// Host → tenant lookup, cached in-process so that a steady stream of requests costs no
// database round trip. Invalidation: the signup/settings code that changes a tenant calls
// `invalidate(slug)` locally, and a trigger on the tenant table sends NOTIFY tenant_changed,
// which every app instance LISTENs to (lib/tenants/directory-listener.ts); the TTL bounds
// staleness if a notification is ever missed (e.g. while the listener reconnects).
import { LRUCache } from "lru-cache";

export type TenantStatus = "ACTIVE" | "SUSPENDED" | "DELETED";

/** What the directory reveals about a tenant: no more than its subdomain does. */
export type TenantDirectoryEntry = { id: string; slug: string; name: string; status: TenantStatus };

type Fetcher = (slug: string) => Promise<TenantDirectoryEntry | null>;

const NOT_FOUND = Symbol("not-found");

export type TenantDirectory = {
  lookup(slug: string): Promise<TenantDirectoryEntry | null>;
  invalidate(slug: string): void;
  clear(): void;
  readonly size: number;
};

export function createTenantDirectory({
  fetch,
  max = 10_000,
  ttlMs = 30_000,
  notFoundTtlMs = 5_000,
}: {
  fetch: Fetcher;
  max?: number;
  ttlMs?: number;
  notFoundTtlMs?: number;
}): TenantDirectory {
  const cache = new LRUCache<string, TenantDirectoryEntry | typeof NOT_FOUND>({ max, ttl: ttlMs });
  // Concurrent misses for one slug share a single database query.
  const inFlight = new Map<string, Promise<TenantDirectoryEntry | null>>();
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
