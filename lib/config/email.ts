// E-mail settings (RESEND_API_KEY, RESEND_BASE_URL, EMAIL_FROM, TENANTRY_DEV_MAIL), parsed with
// zod on first use and cached, like ./hosts.ts. Importing this module never throws (next build
// imports route modules without the runtime environment). See docs/email.md.
import { z } from "zod";

const DEFAULT_FROM = "Tenantry <no-reply@tenantry.localhost>";

/** `Name <address>` or a bare address; no line breaks, no second address. */
const fromAddress = z
  .string()
  .trim()
  .refine((value) => {
    if (/[\r\n\0,;]/.test(value)) return false;
    const match = /^(?:([^<>"]+?)\s*)?<([^<>\s]+)>$/.exec(value);
    const address = match ? match[2] : value;
    return z.email().safeParse(address).success;
  }, "must be an address, optionally with a display name: Tenantry <no-reply@example.com>");

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .default("false")
  .transform((v) => v === "true" || v === "1");

const emailEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Set: send through Resend. Unset: only the local outbox (email_message). */
  RESEND_API_KEY: z.string().trim().min(1).optional(),
  /** Another Resend-compatible server (tests, a local mock). Default: https://api.resend.com */
  RESEND_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  EMAIL_FROM: fromAddress.default(DEFAULT_FROM),
  /** Serve the dev outbox browser (/dev/mail on the root host) in a production build (e2e). */
  TENANTRY_DEV_MAIL: flag,
});

export type EmailConfig = {
  /** The Resend API key, or null: store messages in the local outbox only. */
  resendApiKey: string | null;
  /** Resend API base URL override, or null for the SDK's default. */
  resendBaseUrl: string | null;
  from: string;
  /** Whether /dev/mail (the outbox browser) is served. */
  devOutbox: boolean;
};

export class EmailEnvError extends Error {
  override name = "EmailEnvError";
}

/** Parses `source` (process.env by default). The message names the variables, never their values. */
export function parseEmailConfig(source: Record<string, string | undefined> = process.env): EmailConfig {
  const result = emailEnvSchema.safeParse({
    NODE_ENV: source.NODE_ENV || undefined,
    RESEND_API_KEY: source.RESEND_API_KEY?.trim() || undefined,
    RESEND_BASE_URL: source.RESEND_BASE_URL?.trim() || undefined,
    EMAIL_FROM: source.EMAIL_FROM?.trim() || undefined,
    TENANTRY_DEV_MAIL: source.TENANTRY_DEV_MAIL?.trim().toLowerCase() || undefined,
  });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new EmailEnvError(`Invalid e-mail configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    resendApiKey: env.RESEND_API_KEY ?? null,
    resendBaseUrl: env.RESEND_BASE_URL?.replace(/\/+$/, "") ?? null,
    from: env.EMAIL_FROM,
    devOutbox: env.NODE_ENV !== "production" || env.TENANTRY_DEV_MAIL,
  };
}

let cached: EmailConfig | undefined;

/** The e-mail configuration, parsed on first use and cached for the process. */
export function getEmailConfig(): EmailConfig {
  cached ??= parseEmailConfig();
  return cached;
}
