// Turns a Prisma datasource URL into what `pg` understands. Prisma's `?schema=` is not a
// PostgreSQL parameter: pg ignores it, so without help every object (including
// `_prisma_migrations`) would land in `public`. We translate it into a session search_path.
export class DatasourceUrlError extends Error {}

/**
 * @param {string} url a `postgres://` / `postgresql://` URL, possibly with `?schema=`
 * @returns {{ url: string, connectionString: string, schema: string | null, database: string,
 *   host: string, port: string }}
 *   `connectionString` is for pg (schema removed, search_path set through `options`).
 */
export function parseDatasourceUrl(url) {
  if (typeof url !== "string" || !/^postgres(ql)?:\/\//i.test(url)) {
    throw new DatasourceUrlError(
      "The offline schema engine bridge only supports PostgreSQL URLs (postgresql://...).",
    );
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatasourceUrlError("The database URL is not a valid URL (for a socket use ?host=/path).");
  }
  const schema = parsed.searchParams.get("schema") || null;
  parsed.searchParams.delete("schema");
  if (schema) {
    // pg splits `options` on unescaped whitespace; the value itself is a quoted identifier.
    const searchPath = `-c search_path=${quoteIdent(schema).replace(/[\s\\]/g, "\\$&")}`;
    const existing = parsed.searchParams.get("options");
    parsed.searchParams.set("options", existing ? `${existing} ${searchPath}` : searchPath);
  }
  const user = decodeURIComponent(parsed.username);
  return {
    url,
    connectionString: parsed.toString(),
    schema,
    database: decodeURIComponent(parsed.pathname.slice(1)) || user || "postgres",
    host: (decodeURIComponent(parsed.hostname) || parsed.searchParams.get("host") || "localhost").toLowerCase(),
    port: parsed.port || parsed.searchParams.get("port") || "5432",
  };
}

/** The same server, credentials and parameters (including `schema`), another database. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Static check: do two parsed URLs name the same database on the same server? The schema is
 * deliberately ignored: resetting a shadow database drops every schema in it.
 */
export function sameDatabase(a, b) {
  const loopback = (host) => (["localhost", "127.0.0.1", "::1", "[::1]"].includes(host) ? "loopback" : host);
  return loopback(a.host) === loopback(b.host) && a.port === b.port && a.database === b.database;
}

export function quoteIdent(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}
