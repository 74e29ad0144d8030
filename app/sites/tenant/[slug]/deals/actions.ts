"use server";
// Server actions of the deals screens and of notes (on customers and deals). Each resolves the
// workspace from the request's host and the session's membership (lib/crm/run-action.ts) and
// calls lib/crm, which validates with zod, checks the role map and the read-only state, and
// audits in one transaction. Success on a workspace host returns `{ redirectTo }` where the
// page should change (no same-host redirect() from actions).
import { createDeal, DEAL_FIELDS, deleteDeal, moveDeal, updateDeal } from "@/lib/crm/deals";
import type { CrmActionState } from "@/lib/crm/errors";
import { createNote, deleteNote, updateNote } from "@/lib/crm/notes";
import { runCrmAction } from "@/lib/crm/run-action";
import { formStrings } from "@/lib/ui/form-strings";
import { STAGE_LABEL } from "@/lib/crm/stages";

const dealFields = (form: FormData) => Object.fromEntries(DEAL_FIELDS.map((f) => [f, form.get(f) ?? undefined]));

export async function createDealAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return runCrmAction(formStrings(form, DEAL_FIELDS), async (ctx) => {
    const deal = await createDeal(ctx, dealFields(form));
    return {
      ok: true,
      message: `${deal.title} was added.`,
      redirectTo: `/deals/${deal.id}?created=1`,
    };
  });
}

export async function updateDealAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  const values = formStrings(form, DEAL_FIELDS);
  return runCrmAction(values, async (ctx) => {
    await updateDeal(ctx, form.get("id"), dealFields(form));
    return { ok: true, message: "Changes saved.", values };
  });
}

/** The board's move (called with arguments from the board, not a form). */
export async function moveDealAction(id: string, stage: string): Promise<Exclude<CrmActionState, null>> {
  return runCrmAction(undefined, async (ctx) => {
    const deal = await moveDeal(ctx, id, stage);
    return {
      ok: true,
      message: `${deal.title} moved to ${STAGE_LABEL[deal.stage]}.`,
    };
  });
}

export async function deleteDealAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return runCrmAction(undefined, async (ctx) => {
    const deal = await deleteDeal(ctx, form.get("id"));
    return {
      ok: true,
      message: `${deal.title} was deleted.`,
      redirectTo: `/customers/${deal.customerId}?deletedDeal=1`,
    };
  });
}

export async function createNoteAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return runCrmAction(formStrings(form, ["body"]), async (ctx) => {
    const dealId = form.get("dealId");
    const subject = typeof dealId === "string" && dealId !== "" ? { dealId } : { customerId: String(form.get("customerId") ?? "") };
    await createNote(ctx, subject, form.get("body"));
    return { ok: true, message: "Note added." };
  });
}

export async function updateNoteAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  const values = formStrings(form, ["body"]);
  return runCrmAction(values, async (ctx) => {
    await updateNote(ctx, form.get("id"), form.get("body"));
    return { ok: true, message: "Note saved.", values };
  });
}

export async function deleteNoteAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return runCrmAction(undefined, async (ctx) => {
    await deleteNote(ctx, form.get("id"));
    return { ok: true, message: "Note deleted." };
  });
}
