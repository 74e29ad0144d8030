"use client";
// The data page's interactive bits: the "Export" button (announced result, a toast with
// JavaScript; a plain form post without) and a refresher that re-renders the server page every
// second while an export is in progress.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { buttonStyles } from "@/components/ui/styles";
import { useToastingAction } from "@/components/ui/use-toasting-action";
import { requestExportAction, type ExportActionState } from "./actions";

export function RequestExportButton({ disabled }: { disabled: boolean }) {
  const [state, action, pending] = useToastingAction<ExportActionState>(requestExportAction, null);
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
