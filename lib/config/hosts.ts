// Host settings (APP_ROOT_DOMAIN, ADMIN_HOST, TRUST_FORWARDED_HOST), parsed with zod on first
// use and cached. Lives next to ./env.ts: lib/config is the only place that reads process.env
// for app settings. Links, redirects and emails are built from these values, never from the
// request's Host header.
import { z } from "zod";
import { canonicalHost, type HostConfig, resolveHost } from "@/lib/hosts";

const host = (what: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const canonical = canonicalHost(value);
      if (!canonical) {
        ctx.addIssue({ code: "custom", message: `must be a host name with an optional port, e.g. ${what}` });
        return z.NEVER;
      }
      return canonical.host;
    });

const hostEnvSchema = z
  .object({
    /** The root site; tenants are one label below it. */
    APP_ROOT_DOMAIN: host("app.example.com or localhost:3000").default("localhost:3000"),
    /** The founder console. */
    ADMIN_HOST: host("admin.example.com or admin.localhost:3000").default("admin.localhost:3000"),
    /** Only behind a proxy that sets X-Forwarded-Host itself. */
    TRUST_FORWARDED_HOST: z
      .enum(["true", "false", "1", "0", ""])
      .default("false")
      .transform((v) => v === "true" || v === "1"),
  })
  .superRefine((env, ctx) => {
    // The admin host must not be the root, www, or anything a tenant could be.
    const asNonAdmin = resolveHost(env.ADMIN_HOST, null, {
      rootDomain: env.APP_ROOT_DOMAIN,
      adminHost: "",
      trustForwardedHost: false,
    });
    if (asNonAdmin.kind === "root" || asNonAdmin.kind === "tenant" || asNonAdmin.kind === "redirect") {
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_HOST"],
        message: `must not be the root host, www, or a possible tenant host (it resolves as ${asNonAdmin.kind})`,
      });
    }
  });

export class HostEnvError extends Error {
  override name = "HostEnvError";
}

/** Parses `source` (process.env by default). Throws HostEnvError naming the variables. */
export function parseHostConfig(source: Record<string, string | undefined> = process.env): HostConfig {
  const result = hostEnvSchema.safeParse({
    APP_ROOT_DOMAIN: source.APP_ROOT_DOMAIN || undefined,
    ADMIN_HOST: source.ADMIN_HOST || undefined,
    TRUST_FORWARDED_HOST: source.TRUST_FORWARDED_HOST?.trim().toLowerCase() || undefined,
  });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new HostEnvError(`Invalid host configuration:\n${lines.join("\n")}`);
  }
  return {
    rootDomain: result.data.APP_ROOT_DOMAIN,
    adminHost: result.data.ADMIN_HOST,
    trustForwardedHost: result.data.TRUST_FORWARDED_HOST,
  };
}

let cached: HostConfig | undefined;

/** The host configuration, parsed on first use and cached for the process. */
export function getHostConfig(): HostConfig {
  cached ??= parseHostConfig();
  return cached;
}
