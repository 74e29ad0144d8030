// Reading e-mails the e2e server sent. The server runs without RESEND_API_KEY, so sendEmail
// stores every message in email_message (the local outbox); the tests read that table directly
// as the database owner, polling until the message arrives.
//
//   const since = new Date();
//   await page.getByRole("button", { name: "Sign up" }).click();
//   const email = await latestEmail("ada@example.com", { template: "verify-email", after: since });
//   await page.goto(extractLink(email));
import { sql } from "./database";

export type Email = {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  createdAt: Date;
};

export type LatestEmailOptions = {
  /** Only this template ("verify-email", "magic-link", "invitation", …). */
  template?: string;
  /** Only messages created after this moment (take it just before the action that sends). */
  after?: Date;
  /** How long to wait for the message; default 10 s. */
  timeoutMs?: number;
};

/** The newest message to `to` matching the options; polls until one exists or throws. */
export async function latestEmail(to: string, { template, after, timeoutMs = 10_000 }: LatestEmailOptions = {}): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<Email>(
      `SELECT id, "to", subject, html, text, template, created_at AS "createdAt"
         FROM email_message
        WHERE lower("to") = lower($1)
          AND ($2::text IS NULL OR template = $2)
          AND ($3::timestamptz IS NULL OR created_at > $3)
        ORDER BY created_at DESC, id DESC
        LIMIT 1`,
      [to.trim(), template ?? null, after ?? null],
    );
    if (row) return row;
    if (Date.now() > deadline) {
      const what = [template && `template "${template}"`, after && `after ${after.toISOString()}`].filter(Boolean).join(", ");
      throw new Error(`no e-mail to ${to}${what ? ` (${what})` : ""} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The first http(s) link in the message's plain-text part (every template puts its one
 * call-to-action link there), or the first one matching `pattern` (a substring or RegExp).
 */
export function extractLink(email: Pick<Email, "text" | "html">, pattern?: string | RegExp): string {
  const links = [...email.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, ""));
  const found = pattern === undefined
    ? links[0]
    : links.find((link) => (typeof pattern === "string" ? link.includes(pattern) : pattern.test(link)));
  if (!found) throw new Error(`no link${pattern ? ` matching ${String(pattern)}` : ""} in the e-mail:\n${email.text}`);
  return found;
}
