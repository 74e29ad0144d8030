"use client";
// One button posting an id to a server action (delete a deal, delete a note), with an optional
// confirmation, the result announced and toasted, and `redirectTo` followed.
import { useActionState, useId } from "react";
import { FollowRedirect } from "@/components/auth/follow-redirect";
import { buttonStyles } from "@/components/ui/styles";
import { FormResult, useResultToast, type ServerAction } from "./form-result";
import { confirmBeforeSubmit } from "@/components/ui/confirm-submit";

export function ActionButton({
  action,
  id,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
  accessibleLabel,
}: {
  action: ServerAction;
  id: string;
  label: string;
  pendingLabel: string;
  variant?: keyof typeof buttonStyles;
  confirm?: string;
  accessibleLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  useResultToast(state?.ok && state.redirectTo ? null : state);
  const resultId = useId();
  return (
    <form
      action={formAction}
      onSubmit={confirmBeforeSubmit(confirm)}
      className="flex flex-col items-start gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <FollowRedirect to={state?.ok ? state.redirectTo : undefined} />
      <button type="submit" className={buttonStyles[variant]} disabled={pending} aria-describedby={resultId} aria-label={accessibleLabel}>
        {pending ? pendingLabel : label}
      </button>
      {state && !state.ok ? <FormResult state={state} id={resultId} /> : <span id={resultId} aria-live="polite" className="sr-only" />}
    </form>
  );
}
