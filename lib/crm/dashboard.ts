// The workspace dashboard's numbers (issue 7, docs/crm.md): pipeline value by stage, deals won
// this month, the open pipeline. Sums stay per currency (never added across currencies).
import { assertCan } from "@/lib/authz/permissions";
import { clock, type CrmContext } from "./customers";
import { stageSummaries, type StageSummary } from "./deals";
import { OPEN_STAGES } from "./stages";

export type Totals = Record<string, string>;

export type Dashboard = {
  stages: StageSummary[];
  open: { count: number; totals: Totals };
  wonThisMonth: { count: number; totals: Totals; since: string };
  customerCount: number;
  dealCount: number;
};

function add(into: Record<string, bigint>, totals: Totals) {
  for (const [currency, v] of Object.entries(totals)) into[currency] = (into[currency] ?? 0n) + BigInt(v);
}
const strings = (totals: Record<string, bigint>): Totals => Object.fromEntries(Object.entries(totals).map(([c, v]) => [c, v.toString()]));

/** The first instant of `now`'s calendar month, in UTC (the app's reporting time zone). */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function getDashboard(ctx: CrmContext): Promise<Dashboard> {
  assertCan(ctx.actor.role, "deals", "read");
  const since = monthStart(clock(ctx));
  const stages = await stageSummaries(ctx);
  const { won, customerCount } = await ctx.db.$transaction(async (tx) => ({
    won: await tx.deal.groupBy({
      by: ["currency"],
      where: { stage: "WON", closedAt: { gte: since } },
      _count: { _all: true },
      _sum: { valueCents: true },
    }),
    customerCount: await tx.customer.count({ where: { archivedAt: null } }),
  }));
  const open: Record<string, bigint> = {};
  for (const s of stages) if (OPEN_STAGES.includes(s.stage)) add(open, s.totals);
  return {
    stages,
    open: {
      count: stages.filter((s) => OPEN_STAGES.includes(s.stage)).reduce((n, s) => n + s.count, 0),
      totals: strings(open),
    },
    wonThisMonth: {
      count: won.reduce((n, g) => n + g._count._all, 0),
      totals: Object.fromEntries(won.map((g) => [g.currency, (g._sum.valueCents ?? 0n).toString()])),
      since: since.toISOString(),
    },
    customerCount,
    dealCount: stages.reduce((n, s) => n + s.count, 0),
  };
}
