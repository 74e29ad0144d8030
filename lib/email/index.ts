// sendEmail: the one way Tenantry sends e-mail. Server-only (it reaches the database and the
// Resend API key); never import it from a client component.
//
//   await sendEmail({ to: "ada@example.com", template: "verify-email", props: { url } });
//
// Every message is recorded in email_message (a platform table: forced RLS, no policy, so
// written through crossTenant with one audit row per message):
// - RESEND_API_KEY unset (development, tests, e2e): the row IS the delivery — the local
//   outbox, browsable at /dev/mail on the root host and read by the e2e tests.
// - RESEND_API_KEY set: sent with the resend SDK first (never holding a transaction open
//   across the HTTP call), then recorded with the provider id and sent_at, or the error.
//   A provider error is recorded and thrown as EmailDeliveryError.
// See docs/email.md.
import crypto from "node:crypto";
import { Resend } from "resend";
import { getEmailConfig, type EmailConfig } from "@/lib/config/email";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import { parseRecipient } from "./address";
import { renderEmail } from "./render";
import type { TemplateName, TemplateProps } from "./templates";

if (typeof window !== "undefined") throw new Error("lib/email is server-only");

export { InvalidRecipientError, isValidRecipient, parseRecipient } from "./address";
export { InvalidEmailPropsError, renderEmail, type RenderedEmail } from "./render";
export { TEMPLATE_NAMES, type TemplateName, type TemplateProps } from "./templates";

/** One message: the template name selects the type of `props`. */
export type EmailInput = { [K in TemplateName]: { to: string; template: K; props: TemplateProps[K] } }[TemplateName];

export class EmailDeliveryError extends Error {
  override name = "EmailDeliveryError";
}

/** For tests: another database client or configuration than the process's own. */
export type SendEmailOptions = {
  client?: typeof basePrisma;
  config?: EmailConfig;
};

/** How long the Resend API may take before the send counts as failed. */
export const RESEND_TIMEOUT_MS = 10_000;

const actor = { kind: "system", label: "email" } as const;

export async function sendEmail(input: EmailInput, options: SendEmailOptions = {}): Promise<void> {
  const to = parseRecipient(input.to);
  const { subject, html, text } = await renderEmail(input.template, input.props);
  const config = options.config ?? getEmailConfig();
  const client = options.client ?? basePrisma;
  const id = crypto.randomUUID();

  const record = (outcome: { providerId?: string; error?: string; sentAt?: Date }) =>
    crossTenant(
      {
        actor,
        action: "email.record",
        reason: "outgoing e-mail is kept in email_message, a platform table",
        data: { messageId: id, template: input.template, delivered: outcome.error === undefined },
      },
      (tx) =>
        tx.emailMessage.create({
          data: { id, to, subject, html, text, template: input.template, providerId: outcome.providerId ?? null, error: outcome.error ?? null, sentAt: outcome.sentAt ?? null },
          select: { id: true },
        }),
      client,
    );

  if (!config.resendApiKey) {
    await record({});
    return;
  }

  const resend = new Resend(config.resendApiKey, config.resendBaseUrl ? { baseUrl: config.resendBaseUrl } : undefined);
  let providerId: string | undefined;
  let failure: string | undefined;
  try {
    const { data, error } = await resend.emails.send(
      { from: config.from, to: [to], subject, html, text },
      { idempotencyKey: `email/${id}`, signal: AbortSignal.timeout(RESEND_TIMEOUT_MS) },
    );
    if (error) failure = `${error.name}${error.statusCode ? ` (${error.statusCode})` : ""}: ${error.message}`;
    else if (!data?.id) failure = "the Resend API answered without a message id";
    else providerId = data.id;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }

  if (failure !== undefined) {
    await record({ error: failure }).catch((error: unknown) => {
      console.error(`[email] could not record failed message ${id}: ${error instanceof Error ? error.message : String(error)}`);
    });
    throw new EmailDeliveryError(`Could not send the "${input.template}" e-mail through Resend: ${failure}`);
  }
  try {
    await record({ providerId, sentAt: new Date() });
  } catch (error) {
    // The message has been sent; failing the caller now would invite a duplicate resend.
    console.error(`[email] sent message ${id} (Resend ${providerId}) but could not record it: ${error instanceof Error ? error.message : String(error)}`);
  }
}
