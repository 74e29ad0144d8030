"use server";
// Server actions of the customers screens. Each resolves the workspace from the request's host,
// re-checks the session's membership (lib/members/request.ts) and calls lib/crm, which
// validates with zod, checks the permission map, the plan limits and the read-only state, and
// audits — in one transaction. Failures come back as messages for the form, never as a 500.
// Success on a workspace host returns `{ redirectTo }` (no same-host redirect() from actions).
import { refresh } from "next/cache";
import { archiveCustomer, createCustomer, CUSTOMER_FIELDS, restoreCustomer, updateCustomer, type CrmContext } from "@/lib/crm/customers";
import { crmFailure, type CrmActionState } from "@/lib/crm/errors";
import { requestMembers } from "@/lib/members/request";

async function run(form: FormData | null, work: (ctx: CrmContext) => Promise<Exclude<CrmActionState, null>>): Promise<CrmActionState> {
  const values = form ? formValues(form) : undefined;
  try {
    const access = await requestMembers();
    if (access.kind === "signed-out") return { ok: false, message: "Your session has ended. Sign in again.", values };
    if (access.kind !== "member") return { ok: false, message: "You are not a member of this workspace.", values };
    const result = await work({ db: access.ctx.db, actor: access.ctx.actor });
    refresh();
    return result;
  } catch (error) {
    return { ok: false, ...crmFailure(error), values };
  }
}

function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of CUSTOMER_FIELDS) {
    const value = form.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

const fields = (form: FormData) => Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, form.get(f) ?? undefined]));

export async function createCustomerAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return run(form, async (ctx) => {
    const customer = await createCustomer(ctx, fields(form));
    return { ok: true, message: `${customer.name} was added.`, redirectTo: `/customers/${customer.id}?created=1` };
  });
}

export async function updateCustomerAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return run(form, async (ctx) => {
    await updateCustomer(ctx, form.get("id"), fields(form));
    return { ok: true, message: "Changes saved.", values: formValues(form) };
  });
}

export async function archiveCustomerAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return run(null, async (ctx) => {
    const customer = await archiveCustomer(ctx, form.get("id"));
    return { ok: true, message: `${customer.name} was archived.` };
  });
}

export async function restoreCustomerAction(_: CrmActionState, form: FormData): Promise<CrmActionState> {
  return run(null, async (ctx) => {
    const customer = await restoreCustomer(ctx, form.get("id"));
    return { ok: true, message: `${customer.name} was restored.` };
  });
}
