// Server environment, parsed once with zod: the only place that reads process.env for app
// settings. Values are validated lazily (on first use), so importing this module never throws
// — `next build` imports route modules without a database in its environment.
import { z } from "zod";

const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** The restricted app role's URL (tenantry_app). scripts/run-app.mjs derives it. */
  APP_DATABASE_URL: z.url({
    protocol: /^postgres(ql)?$/,
    error: (issue) =>
      issue.input === undefined
        ? "is required: start the app with `npm run dev` / `npm start` (scripts/run-app.mjs derives it), " +
          "or set it to a postgresql:// URL for the tenantry_app role"
        : "must be a postgresql:// URL",
  }),
  /** Maximum connections in this process's pool. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Prepared statements kept per connection (lib/db/statement-cache.ts); 0 prepares none. */
  DB_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Timeouts of the app's connections, in ms (lib/db/client.ts, docs/security.md "Faults"). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses `source` (process.env by default). The message names the variables, never their values. */
export function parseServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid server environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/** The server environment, parsed on first use and cached for the process. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv();
  return cached;
}
