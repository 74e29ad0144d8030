"use client";
import { useActionState } from "react";
import { forgotPasswordAction, resetPasswordAction, type FormState } from "@/lib/auth/actions";
import { FollowRedirect } from "./follow-redirect";
import { buttonClass, FormMessage, inputClass } from "./fields";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(forgotPasswordAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormMessage error={state.error} notice={state.notice} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        Send reset link
      </button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetPasswordAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FollowRedirect to={state.redirectTo} />
      <FormMessage error={state.error} />
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          New password
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required aria-describedby="password-help" className={inputClass} />
        <p id="password-help" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          At least 10 characters.
        </p>
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        Set new password
      </button>
    </form>
  );
}
