// Reading the local outbox (email_message) for the development mail browser (/dev/mail on the
// root host). Server-only. Callers must check getEmailConfig().devOutbox first.
import { z } from "zod";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";

const actor = { kind: "system", label: "dev-mail" } as const;

export type OutboxEntry = { id: string; to: string; subject: string; template: string; providerId: string | null; error: string | null; createdAt: Date };
export type OutboxMessage = OutboxEntry & { html: string; text: string; sentAt: Date | null };

/** The newest `limit` messages, newest first (without bodies). */
export async function listOutbox(limit = 100, client: typeof basePrisma = basePrisma): Promise<OutboxEntry[]> {
  return crossTenant({ actor, action: "email.outbox.list", reason: "development mail browser (/dev/mail)" }, (tx) =>
    tx.emailMessage.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(1, limit), 500),
      select: { id: true, to: true, subject: true, template: true, providerId: true, error: true, createdAt: true },
    }), client);
}

/** One message with its bodies, or null (also for a malformed id). */
export async function getOutboxMessage(id: string, client: typeof basePrisma = basePrisma): Promise<OutboxMessage | null> {
  if (!z.uuid().safeParse(id).success) return null;
  return crossTenant({ actor, action: "email.outbox.read", reason: "development mail browser (/dev/mail)", data: { messageId: id } }, (tx) =>
    tx.emailMessage.findUnique({ where: { id } }), client);
}
