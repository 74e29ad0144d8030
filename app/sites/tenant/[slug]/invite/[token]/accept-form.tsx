"use client";
import { useActionState } from "react";
import { buttonClass, inputClass } from "@/components/auth/fields";
import type { AcceptState } from "./actions";

type Action = (state: AcceptState, form: FormData) => Promise<AcceptState>;

/**
 * useActionState around `action` that starts the full navigation to `redirectTo` as soon as the
 * action answers. Not in an effect (components/auth/use-redirect.ts): signing in sets a cookie,
 * so Next.js re-renders this page in the same response — the invitation is used now and this
 * form is gone before an effect could run.
 */
function useAcceptAction(action: Action) {
  return useActionState(async (state: AcceptState, form: FormData) => {
    const result = await action(state, form);
    if (result?.redirectTo) window.location.assign(result.redirectTo);
    return result;
  }, null);
}

function Failure({ state }: { state: AcceptState }) {
  return state && !state.ok ? (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {state.message}
    </p>
  ) : null;
}

export function AcceptForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useAcceptAction(action);
  return (
    <form action={formAction} className="mt-6 flex flex-col gap-2">
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        disabled={pending || Boolean(state?.redirectTo)}
        className="self-start rounded-lg bg-indigo-600 px-4 py-2.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
      >
        {pending ? "Joining…" : "Accept invitation"}
      </button>
      <Failure state={state} />
    </form>
  );
}

/** New to Tenantry: name and password; the email is the invited one and cannot be changed. */
export function CreateAccountForm({ action, token, email }: { action: Action; token: string; email: string }) {
  const [state, formAction, pending] = useAcceptAction(action);
  return (
    <form action={formAction} aria-labelledby="create-account-title" className="mt-4 flex max-w-md flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="invite-email" className="block text-sm font-medium">
          Email
        </label>
        <input id="invite-email" type="email" value={email} readOnly aria-readonly="true" className={`${inputClass} bg-zinc-50 text-zinc-600`} />
      </div>
      <div>
        <label htmlFor="invite-name" className="block text-sm font-medium">
          Your name
        </label>
        <input id="invite-name" name="name" autoComplete="name" required maxLength={80} className={inputClass} />
      </div>
      <div>
        <label htmlFor="invite-password" className="block text-sm font-medium">
          Choose a password
        </label>
        <input id="invite-password" name="password" type="password" autoComplete="new-password" required minLength={10} className={inputClass} />
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">At least 10 characters.</p>
      </div>
      <Failure state={state} />
      <button type="submit" className={buttonClass} disabled={pending || Boolean(state?.redirectTo)}>
        {pending ? "Creating your account…" : "Create account and join"}
      </button>
    </form>
  );
}
