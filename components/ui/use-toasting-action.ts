"use client";
// useActionState for a server action whose result is also shown as a toast.
//
// Until the page is hydrated — and for good without JavaScript — the form gets the server
// action itself, which React renders as a plain form post (progressive enhancement): the
// action runs and the page comes back with its result in the form. Once hydrated, the action
// is wrapped so that the toast is raised from the action's own continuation, which survives
// when the refreshed page no longer contains the form (after "Verify", the button is gone).
import { useActionState, useCallback, useSyncExternalStore } from "react";
import { useToast } from "./toast";

type Outcome = { ok: boolean; message: string } | null;

const noSubscription = () => () => {};

/** False on the server and while hydrating; true once the client has taken over. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function useToastingAction<State extends Outcome>(action: (previous: Awaited<State>, form: FormData) => Promise<State>, initial: State) {
  const toast = useToast();
  const hydrated = useHydrated();
  const toasting = useCallback(
    async (previous: Awaited<State>, form: FormData): Promise<State> => {
      const state = await action(previous, form);
      if (state) (state.ok ? toast.success : toast.error)(state.message);
      return state;
    },
    [action, toast],
  );
  return useActionState<State, FormData>(hydrated ? toasting : action, initial as Awaited<State>);
}
