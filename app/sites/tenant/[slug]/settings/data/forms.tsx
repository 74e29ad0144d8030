"use client";
// The data page's interactive bits: the "Export" button (toast + announced result) and a
// refresher that re-renders the server page every second while an export is in progress.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { buttonStyles } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { requestExportAction, type ExportActionState } from "./actions";

export function RequestExportButton({ disabled }: { disabled: boolean }) {
  const toast = useToast();
  const [state, action, pending] = useActionState(async (): Promise<ExportActionState> => {
    const result = await requestExportAction();
    if (result) (result.ok ? toast.success : toast.error)(result.message);
    return result;
  }, null);
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <button type="submit" className={buttonStyles.primary} disabled={pending || disabled}>
        {pending ? "Starting…" : "Export workspace data"}
      </button>
      <p aria-live="polite" className={`text-sm ${state && !state.ok ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}>
        {state?.message ?? ""}
      </p>
    </form>
  );
}

/** Re-renders the page every second while `active` (the server component reads fresh progress). */
export function RefreshWhile({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1_000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
