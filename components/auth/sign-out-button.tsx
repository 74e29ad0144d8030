"use client";
import { useActionState } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { FollowRedirect } from "./follow-redirect";

type SignOutState = { error?: string; redirectTo?: string };

/**
 * Signs out of THIS host only (see docs/auth.md). The admin console passes its own action,
 * which also ends the admin session's second-factor state.
 */
export function SignOutButton({ action: signOut = signOutAction }: { action?: () => Promise<SignOutState> }) {
  const [state, action, pending] = useActionState<SignOutState, FormData>(() => signOut(), {});
  return (
    <form action={action}>
      <FollowRedirect to={state.redirectTo} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg px-3 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800"
      >
        Sign out
      </button>
    </form>
  );
}
