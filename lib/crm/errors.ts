// Turning CRM refusals into what a form shows. Known refusals (permission, plan limit,
// read-only workspace, a CRM rule) keep their message; anything else is logged and becomes a
// generic message — never a 500 page.
import { ForbiddenError } from "@/lib/authz/permissions";
import { PlanLimitError, ReadOnlyWorkspaceError } from "@/lib/billing/plans";
import { CrmError, type FieldErrors } from "./customers";

export type CrmActionState = {
  ok: boolean;
  message: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, so a refused form keeps it. */
  values?: Record<string, string>;
  /** A full navigation after success (components/auth/use-redirect.ts). */
  redirectTo?: string;
} | null;

export const GENERIC_FAILURE = "Something went wrong. Please try again.";

export function crmFailure(error: unknown): { message: string; fieldErrors?: FieldErrors } {
  if (error instanceof CrmError) return { message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ForbiddenError || error instanceof PlanLimitError || error instanceof ReadOnlyWorkspaceError) return { message: error.message };
  console.error(`[crm] action failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { message: GENERIC_FAILURE };
}
