// Turning errors into what a form shows. Known refusals (permission, domain rule) keep their
// message; anything else is logged and becomes a generic message — never a 500 page.
import { ForbiddenError } from "@/lib/authz/permissions";
import { MembersError } from "./context";

/** `values`: what a refused form had typed, given back so that it stays in the form. */
export type ActionState = { ok: boolean; message: string; values?: Record<string, string> } | null;

export const GENERIC_FAILURE = "Something went wrong. Please try again.";

export function actionErrorMessage(error: unknown): string {
  if (error instanceof ForbiddenError || error instanceof MembersError) return error.message;
  console.error(`[members] action failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return GENERIC_FAILURE;
}
