"use client";
// "Send a new verification link" for the signed-in user (resendVerificationAction: rate-limited,
// the link built from configuration). Used where an unverified address is a dead end without
// it: the dashboard's checklist and the verify-email page after a bad or expired link.
import { useActionState } from "react";
import { resendVerificationAction } from "@/lib/auth/actions";
import { FormMessage } from "./fields";

export function ResendVerificationButton({ className = "" }: { className?: string }) {
  const [state, action, pending] = useActionState(resendVerificationAction, {});
  return (
    <form action={action} className={`flex flex-col items-start gap-2 ${className}`}>
      <button type="submit" disabled={pending} className="text-sm font-medium text-accent underline disabled:opacity-60">
        {pending ? "Sending…" : "Send a new verification link"}
      </button>
      <div aria-live="polite">
        <FormMessage error={state.error} notice={state.notice} />
      </div>
    </form>
  );
}
