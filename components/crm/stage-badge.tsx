// A deal's stage as a small coloured badge (text carries the meaning; colour is extra).
import { STAGE_LABEL, type DealStage } from "@/lib/crm/stages";

const COLOURS: Record<DealStage, string> = {
  LEAD: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
  QUALIFIED: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  PROPOSAL: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200",
  NEGOTIATION: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  WON: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  LOST: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

export function StageBadge({ stage }: { stage: DealStage }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${COLOURS[stage]}`}>{STAGE_LABEL[stage]}</span>;
}
