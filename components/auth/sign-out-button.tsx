"use client";
import { useActionState } from "react";
import { signOutAction, type FormState } from "@/lib/auth/actions";
import { useRedirect } from "./use-redirect";

/** Signs out of THIS host only (see docs/auth.md). */
export function SignOutButton() {
  const [state, action, pending] = useActionState<FormState, FormData>(signOutAction, {});
  useRedirect(state.redirectTo);
  return (
    <form action={action}>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg px-3 py-2 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
      >
        Sign out
      </button>
    </form>
  );
}
