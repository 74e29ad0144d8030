// Deal stages in pipeline order, with their labels. Pure: client components import it too.
import type { DealStage } from "@/lib/generated/prisma/enums";

export const DEAL_STAGES = ["LEAD", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST"] as const satisfies readonly DealStage[];
export type { DealStage };

export const STAGE_LABEL: Record<DealStage, string> = {
  LEAD: "Lead",
  QUALIFIED: "Qualified",
  PROPOSAL: "Proposal",
  NEGOTIATION: "Negotiation",
  WON: "Won",
  LOST: "Lost",
};

/** Stages that close a deal: moving into one sets `closedAt`, moving out clears it. */
export const CLOSED_STAGES: readonly DealStage[] = ["WON", "LOST"];
export const OPEN_STAGES: readonly DealStage[] = ["LEAD", "QUALIFIED", "PROPOSAL", "NEGOTIATION"];

export function isDealStage(value: unknown): value is DealStage {
  return typeof value === "string" && (DEAL_STAGES as readonly string[]).includes(value);
}
