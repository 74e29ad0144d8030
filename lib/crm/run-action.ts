// The common frame of the CRM's server actions (deals, notes): the request's workspace and
// membership (lib/members/request.ts), the work, a page refresh on success, and refusals as
// messages — never a 500. Customers' actions have the same frame inline
// (app/sites/tenant/[slug]/customers/actions.ts).
import { refresh } from "next/cache";
import { requestMembers } from "@/lib/members/request";
import type { CrmContext } from "./customers";
import { crmFailure, type CrmActionState } from "./errors";

export async function runCrmAction(
  values: Record<string, string> | undefined,
  work: (ctx: CrmContext) => Promise<Exclude<CrmActionState, null>>,
): Promise<Exclude<CrmActionState, null>> {
  try {
    const access = await requestMembers();
    if (access.kind === "signed-out")
      return {
        ok: false,
        message: "Your session has ended. Sign in again.",
        values,
      };
    if (access.kind !== "member")
      return {
        ok: false,
        message: "You are not a member of this workspace.",
        values,
      };
    const result = await work({ db: access.ctx.db, actor: access.ctx.actor });
    refresh();
    return result;
  } catch (error) {
    return { ok: false, ...crmFailure(error), values };
  }
}
