// Notes on customers and deals (issue 7, docs/crm.md). Any role that works in the CRM writes
// notes; an author edits and deletes their own (the role map's notes:update), and deleting
// someone else's note takes notes:delete (owners and admins). Same write shape as
// lib/crm/customers.ts: one transaction that re-reads the membership, checks, writes, audits.
//
// A note on a deal also records the deal's customer, so the customer page lists every note
// about that customer. The audit entry targets what the note is on (customer or deal), which
// puts it in the customer's activity feed either way (lib/crm/activity.ts).
import { z } from "zod";
import { assertCan, can, ForbiddenError } from "@/lib/authz/permissions";
import { assertWorkspaceWritable } from "@/lib/billing/enforce";
import type { TenantTransaction } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { clock, CrmError, currentRole, type CrmContext } from "./customers";
import { recordAudit, type AuditTarget } from "@/lib/workspace/audit-entry";
import { parseId } from "./deals";

import { NOTE_MAX_LENGTH as NOTE_MAX } from "./note-limits";

const bodySchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string("Write something first.")
    .min(1, "Write something first.")
    .max(NOTE_MAX, `A note can be at most ${NOTE_MAX.toLocaleString("en")} characters.`),
);

function parseBody(raw: unknown): string {
  const result = bodySchema.safeParse(raw);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? "Write something first.";
  throw new CrmError("invalid", message, { body: message });
}

const noteNotFound = () => new CrmError("not-found", "This note does not exist in this workspace.");
const subjectNotFound = (kind: "customer" | "deal") => () => new CrmError("not-found", `This ${kind} does not exist in this workspace.`);

export type NoteSubject = { customerId: string } | { dealId: string };

export type NoteView = {
  id: string;
  body: string;
  authorId: string | null;
  /** The author's name or email; null once their account is deleted. */
  author: string | null;
  customerId: string | null;
  dealId: string | null;
  dealTitle: string | null;
  createdAt: string;
  updatedAt: string;
};

type Target = AuditTarget;
const excerpt = (body: string) => (body.length > 80 ? `${body.slice(0, 79)}…` : body);
const targetOf = (note: { customerId: string | null; dealId: string | null }): Target =>
  note.dealId ? { type: "deal", id: note.dealId } : { type: "customer", id: note.customerId! };

const audit = (ctx: CrmContext, tx: TenantTransaction, action: "note.create" | "note.update" | "note.delete", target: Target, data: Record<string, unknown>) =>
  recordAudit(tx, ctx, action, target, data);

/** May `role` (acting as `userId`) edit / delete this note? Hiding buttons uses the same rule. */
export function canEditNote(role: Role, userId: string, note: { authorId: string | null }): boolean {
  return note.authorId === userId && can(role, "notes", "update");
}
export function canDeleteNote(role: Role, userId: string, note: { authorId: string | null }): boolean {
  return can(role, "notes", "delete") || canEditNote(role, userId, note);
}

export async function createNote(ctx: CrmContext, subject: NoteSubject, rawBody: unknown): Promise<NoteView> {
  assertCan(ctx.actor.role, "notes", "create");
  const body = parseBody(rawBody);
  const dealId = "dealId" in subject ? parseId(subject.dealId, subjectNotFound("deal")) : null;
  const givenCustomer = "customerId" in subject ? parseId(subject.customerId, subjectNotFound("customer")) : null;
  return ctx.db.$transaction(async (tx) => {
    assertCan(await currentRole(tx, ctx.actor), "notes", "create");
    await assertWorkspaceWritable(tx, clock(ctx));
    let customerId = givenCustomer;
    let dealTitle: string | null = null;
    if (dealId) {
      const deal = await tx.deal.findFirst({
        where: { id: dealId },
        select: { customerId: true, title: true },
      });
      if (!deal) throw subjectNotFound("deal")();
      customerId = deal.customerId;
      dealTitle = deal.title;
    } else if (
      !(await tx.customer.findFirst({
        where: { id: customerId! },
        select: { id: true },
      }))
    ) {
      throw subjectNotFound("customer")();
    }
    const note = await tx.note.create({
      data: {
        tenantId: ctx.db.tenantId,
        customerId,
        dealId,
        authorId: ctx.actor.userId,
        body,
      },
    });
    await audit(ctx, tx, "note.create", targetOf(note), {
      noteId: note.id,
      excerpt: excerpt(body),
      ...(dealTitle ? { title: dealTitle } : {}),
    });
    return { ...serialise(note), author: ctx.actor.label, dealTitle };
  });
}

export async function updateNote(ctx: CrmContext, id: unknown, rawBody: unknown): Promise<NoteView> {
  assertCan(ctx.actor.role, "notes", "update");
  const key = parseId(id, noteNotFound);
  const body = parseBody(rawBody);
  return ctx.db.$transaction(async (tx) => {
    const role = await currentRole(tx, ctx.actor);
    assertCan(role, "notes", "update");
    await assertWorkspaceWritable(tx, clock(ctx));
    const before = await tx.note.findFirst({ where: { id: key } });
    if (!before) throw noteNotFound();
    if (!canEditNote(role, ctx.actor.userId, before)) throw new ForbiddenError("You can only edit your own notes.");
    const note = await tx.note.update({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } },
      data: { body },
    });
    if (before.body !== body)
      await audit(ctx, tx, "note.update", targetOf(note), {
        noteId: key,
        excerpt: excerpt(body),
      });
    return { ...serialise(note), author: ctx.actor.label, dealTitle: null };
  });
}

export async function deleteNote(ctx: CrmContext, id: unknown): Promise<void> {
  const key = parseId(id, noteNotFound);
  if (!can(ctx.actor.role, "notes", "delete") && !can(ctx.actor.role, "notes", "update")) assertCan(ctx.actor.role, "notes", "delete");
  await ctx.db.$transaction(async (tx) => {
    const role = await currentRole(tx, ctx.actor);
    await assertWorkspaceWritable(tx, clock(ctx));
    const before = await tx.note.findFirst({ where: { id: key } });
    if (!before) throw noteNotFound();
    if (!canDeleteNote(role, ctx.actor.userId, before)) {
      throw new ForbiddenError(
        can(role, "notes", "update") ? "Only owners and admins can delete other people's notes." : "Only owners, admins and members can delete notes.",
      );
    }
    await tx.note.delete({
      where: { tenantId_id: { tenantId: ctx.db.tenantId, id: key } },
    });
    await audit(ctx, tx, "note.delete", targetOf(before), {
      noteId: key,
      excerpt: excerpt(before.body),
    });
  });
}

function serialise(n: {
  id: string;
  body: string;
  authorId: string | null;
  customerId: string | null;
  dealId: string | null;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    id: n.id,
    body: n.body,
    authorId: n.authorId,
    customerId: n.customerId,
    dealId: n.dealId,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

/** Notes a detail page shows at once; older ones are a page further (`before`). */
export const NOTES_PAGE = 100;
const NOTE_ID = z.uuid();

/** One page of notes, newest first, and the cursor of the next (older) page, if any. */
export type NotePage = { items: NoteView[]; older: string | null };

/**
 * Notes on a customer (including those on its deals) or on one deal, newest first: `take` of
 * them, older than the note `before` when given (keyset on created_at, id — a note id from a
 * previous page; one that is not this subject's, or malformed, starts from the newest).
 */
export async function listNotesPage(ctx: CrmContext, subject: NoteSubject, { take = NOTES_PAGE, before }: { take?: number; before?: string } = {}): Promise<NotePage> {
  assertCan(ctx.actor.role, "notes", "read");
  const where = "dealId" in subject ? { dealId: subject.dealId } : { customerId: subject.customerId };
  const cursorId = before !== undefined && NOTE_ID.safeParse(before).success ? before.toLowerCase() : null;
  const cursor = cursorId ? await ctx.db.note.findFirst({ where: { ...where, id: cursorId }, select: { id: true, createdAt: true } }) : null;
  const rows = await ctx.db.note.findMany({
    where: cursor
      ? { ...where, OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    include: {
      author: { select: { name: true, email: true } },
      deal: { select: { title: true } },
    },
  });
  const items = rows.slice(0, take).map((n) => ({
    ...serialise(n),
    author: n.author ? (n.author.name ?? n.author.email) : null,
    dealTitle: n.deal?.title ?? null,
  }));
  return { items, older: rows.length > take ? items.at(-1)!.id : null };
}

/** The newest notes of a subject (the first page of listNotesPage). */
export async function listNotes(ctx: CrmContext, subject: NoteSubject, take = NOTES_PAGE): Promise<NoteView[]> {
  return (await listNotesPage(ctx, subject, { take })).items;
}
