"use client";
import { useActionState } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { FollowRedirect } from "./follow-redirect";

type SignOutState = { error?: string; redirectTo?: string };

/**
 * Signs out of THIS host only (see docs/auth.md). The admin console passes its own action,
 * which also ends the admin session's second-factor state. `returnTo`: a path on this host to
 * come back to after signing in again (an invitation opened with the wrong account).
 */
export function SignOutButton({
  action: signOut = signOutAction,
  returnTo,
  label = "Sign out",
}: {
  action?: (form: FormData) => Promise<SignOutState>;
  returnTo?: string;
  label?: string;
}) {
  const [state, action, pending] = useActionState<SignOutState, FormData>((_, form) => signOut(form), {});
  return (
    <form action={action}>
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <FollowRedirect to={state.redirectTo} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg px-3 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800"
      >
        {label}
      </button>
    </form>
  );
}
