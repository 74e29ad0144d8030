// Keeps every app instance's tenant cache honest: LISTEN tenant_changed (sent by a trigger on
// the tenant table, migration *_tenant_directory) and evict the slug named. While the
// connection is down, notifications can be missed, so the cache is cleared on every
// (re)connect; the directory's TTL bounds staleness in between.
import pg from "pg";
import type { TenantDirectory } from "./directory";

export type ChangeListener = { stop(): Promise<void>; readonly connected: boolean };

export function listenForTenantChanges(
  url: string,
  directory: Pick<TenantDirectory, "invalidate" | "clear">,
  { retryMs = 1_000, onError = (error: Error) => console.error(`[tenants] change listener: ${error.message}`) } = {},
): ChangeListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let connected = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, application_name: "tenantry-tenant-listener" });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === "tenant_changed" && message.payload) directory.invalidate(message.payload);
    });
    next.on("error", (error) => {
      onError(error);
      reconnect(next);
    });
    next.on("end", () => reconnect(next));
    try {
      await next.connect();
      await next.query("LISTEN tenant_changed");
      if (stopped) return void next.end().catch(() => {});
      connected = true;
      directory.clear();
    } catch (error) {
      onError(error as Error);
      reconnect(next);
    }
  };

  const reconnect = (from: pg.Client) => {
    if (client !== from || stopped) return;
    connected = false;
    client = null;
    from.removeAllListeners("end");
    from.end().catch(() => {});
    retry = setTimeout(() => void connect(), retryMs);
    retry.unref?.();
  };

  void connect();
  return {
    get connected() {
      return connected;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const current = client;
      client = null;
      connected = false;
      await current?.end().catch(() => {});
    },
  };
}
