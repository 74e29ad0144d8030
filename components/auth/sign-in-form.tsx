"use client";
import { useActionState } from "react";
import { magicLinkAction, signInAction, type FormState } from "@/lib/auth/actions";
import { FollowRedirect } from "./follow-redirect";
import { buttonClass, EmailPasswordFields, FormMessage, inputClass, secondaryButtonClass } from "./fields";

export function SignInForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  const [linkState, linkAction, linkPending] = useActionState<FormState, FormData>(magicLinkAction, {});
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4" noValidate>
        <FollowRedirect to={state.redirectTo} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormMessage error={state.error} notice={state.error ? undefined : notice} />
        <EmailPasswordFields defaultEmail={state.fields?.email} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <form action={linkAction} className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormMessage error={linkState.error} notice={linkState.notice} />
        <label htmlFor="link-email" className="block text-sm font-medium">
          Or get a sign-in link by email
        </label>
        <input id="link-email" name="email" type="email" autoComplete="email" required className={inputClass} />
        <button type="submit" className={secondaryButtonClass} disabled={linkPending}>
          Email me a link
        </button>
      </form>
    </div>
  );
}
