"use client";
// The announced result of a CRM form (role status / alert), and a toast for the same result.
import { useEffect } from "react";
import type { CrmActionState } from "@/lib/crm/errors";
import { useToast } from "@/components/ui/toast";

export type ServerAction = (state: CrmActionState, form: FormData) => Promise<CrmActionState>;

export function FormResult({ state, id }: { state: CrmActionState; id: string }) {
  if (!state) return <span id={id} aria-live="polite" className="sr-only" />;
  return (
    <p
      id={id}
      role={state.ok ? "status" : "alert"}
      className={`rounded-lg px-3 py-2 text-sm ring-1 ${
        state.ok
          ? "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800"
          : "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
      }`}
    >
      {state.message}
    </p>
  );
}

/** Shows each new result as a toast too (the inline result stays for screen readers and no-JS). */
export function useResultToast(state: CrmActionState) {
  const toast = useToast();
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
  }, [state, toast]);
}
