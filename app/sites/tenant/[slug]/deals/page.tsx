// Deals: the pipeline board (default) or the table (?view=table, sortable, filter by stage,
// totals per stage). Reads only; moves go through the board's server action, edits through
// /deals/[id].
import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz/permissions";
import { dealBoard, DEFAULT_DIR, listDeals, type DealSort } from "@/lib/crm/deals";
import { formatMoney, formatTotals } from "@/lib/crm/money";
import { crmPage } from "@/lib/crm/page-access";
import { DEAL_STAGES, STAGE_LABEL } from "@/lib/crm/stages";
import { DealBoard } from "@/components/crm/deal-board";
import { formatDay } from "@/components/crm/format";
import { StageBadge } from "@/components/crm/stage-badge";
import { buttonStyles, focusRing, tableStyles } from "@/components/ui/styles";
import { moveDealAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deals" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

function Tab({ active, href, children }: { active: boolean; href: string; children: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${focusRing} ${
        active
          ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700 dark:text-zinc-50"
          : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      }`}
    >
      {children}
    </Link>
  );
}

export default async function DealsPage({ params, searchParams }: Props) {
  const { ctx, tenant } = await crmPage((await params).slug, "/deals");
  const sp = await searchParams;
  const table = one(sp.view) === "table";
  const canCreate = can(ctx.actor.role, "deals", "create");
  const canMove = can(ctx.actor.role, "deals", "update");
  const hasCustomers = (await ctx.db.customer.count({ where: { archivedAt: null }, take: 1 })) > 0;

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-accent">{tenant.name}</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Deals</h1>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <nav aria-label="Deal views" className="flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
            <Tab active={!table} href="/deals">
              Board
            </Tab>
            <Tab active={table} href="/deals?view=table">
              Table
            </Tab>
          </nav>
          {canCreate && hasCustomers ? (
            <Link href="/deals/new" className={buttonStyles.primary}>
              New deal
            </Link>
          ) : null}
        </div>
      </header>
      {table ? <Table ctx={ctx} sp={sp} /> : <Board ctx={ctx} canMove={canMove} canCreate={canCreate} hasCustomers={hasCustomers} />}
    </div>
  );
}

type Ctx = Awaited<ReturnType<typeof crmPage>>["ctx"];

async function Board({ ctx, canMove, canCreate, hasCustomers }: { ctx: Ctx; canMove: boolean; canCreate: boolean; hasCustomers: boolean }) {
  const columns = await dealBoard(ctx);
  const total = columns.reduce((n, c) => n + c.count, 0);
  if (total === 0) return <EmptyDeals canCreate={canCreate} hasCustomers={hasCustomers} />;
  return (
    <>
      {canMove ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Drag a deal by its handle to another stage, or focus the handle and use Space and the arrow keys.
        </p>
      ) : null}
      <DealBoard columns={columns} canMove={canMove} move={moveDealAction} />
    </>
  );
}

function EmptyDeals({ canCreate, hasCustomers }: { canCreate: boolean; hasCustomers: boolean }) {
  return (
    <section className="rounded-xl border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
      <h2 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">No deals yet</h2>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {!canCreate
          ? "Deals your team creates will appear here."
          : hasCustomers
            ? "Create a deal for one of your customers and follow it from Lead to Won."
            : "Every deal belongs to a customer: add your first customer, then create a deal for it."}
      </p>
      {canCreate ? (
        <div className="mt-4 flex justify-center">
          <Link href={hasCustomers ? "/deals/new" : "/customers/new"} className={buttonStyles.primary}>
            {hasCustomers ? "Create your first deal" : "Add a customer"}
          </Link>
        </div>
      ) : null}
    </section>
  );
}

const COLUMNS: { sort: DealSort; label: string; className?: string }[] = [
  { sort: "title", label: "Deal" },
  { sort: "stage", label: "Stage" },
  { sort: "value", label: "Value", className: "text-right" },
  { sort: "close", label: "Expected close", className: "hidden sm:table-cell" },
];

async function Table({ ctx, sp }: { ctx: Ctx; sp: Record<string, string | string[] | undefined> }) {
  const data = await listDeals(ctx, {
    stage: one(sp.stage),
    sort: one(sp.sort),
    dir: one(sp.dir),
    page: one(sp.page),
    customer: one(sp.customer),
  });
  const { query } = data;
  const href = (
    change: Partial<{
      stage: string | null;
      sort: DealSort;
      dir: string;
      page: number;
      customer: string | null;
    }>,
  ) => {
    const merged = {
      stage: query.stage as string | null,
      sort: query.sort,
      dir: query.dir as string,
      page: 1,
      customer: query.customer?.id ?? null,
      ...change,
    };
    const p = new URLSearchParams({ view: "table" });
    if (merged.customer) p.set("customer", merged.customer);
    if (merged.stage) p.set("stage", merged.stage);
    if (merged.sort !== "created") p.set("sort", merged.sort);
    if (merged.dir !== DEFAULT_DIR[merged.sort]) p.set("dir", merged.dir);
    if (merged.page > 1) p.set("page", String(merged.page));
    return `/deals?${p.toString()}`;
  };
  const shown = data.summaries.filter((s) => s.count > 0);
  const all: Record<string, bigint> = {};
  for (const s of shown) for (const [c, v] of Object.entries(s.totals)) all[c] = (all[c] ?? 0n) + BigInt(v);

  return (
    <div className="flex flex-col gap-4">
      {query.customer ? (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            Deals of{" "}
            <Link href={`/customers/${query.customer.id}`} className={`font-medium text-accent hover:underline ${focusRing}`}>
              {query.customer.name}
            </Link>
          </span>
          <Link href={href({ customer: null })} className={`text-zinc-600 underline dark:text-zinc-400 ${focusRing}`}>
            Show every customer&apos;s deals
          </Link>
        </p>
      ) : null}
      <nav aria-label="Filter by stage" className="flex flex-wrap gap-2">
        {[null, ...DEAL_STAGES].map((stage) => (
          <Link
            key={stage ?? "all"}
            href={href({ stage })}
            aria-current={query.stage === stage ? "true" : undefined}
            className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset ${focusRing} ${
              query.stage === stage
                ? "bg-accent text-white ring-accent"
                : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800"
            }`}
          >
            {stage ? STAGE_LABEL[stage] : "All stages"}
          </Link>
        ))}
      </nav>
      {data.items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {query.stage ? `No deals in ${STAGE_LABEL[query.stage]}.` : "No deals yet."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800">
          <table className={tableStyles.table}>
            <caption className="sr-only">
              Deals{query.customer ? ` of ${query.customer.name}` : ""}{query.stage ? ` in ${STAGE_LABEL[query.stage]}` : ""}, sorted by {COLUMNS.find((c) => c.sort === query.sort)?.label ?? "creation date"}
            </caption>
            <thead className="bg-zinc-50 dark:bg-zinc-900">
              <tr>
                {COLUMNS.map((col) => {
                  const active = query.sort === col.sort;
                  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[col.sort];
                  return (
                    <th
                      key={col.sort}
                      scope="col"
                      aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
                      className={`${tableStyles.th} ${col.className ?? ""}`}
                    >
                      <Link href={href({ sort: col.sort, dir: nextDir })} className={`inline-flex items-center gap-1 hover:underline ${focusRing}`}>
                        {col.label}
                        <span aria-hidden="true">{active ? (query.dir === "asc" ? "▲" : "▼") : ""}</span>
                        <span className="sr-only">{active ? ` (sorted ${query.dir === "asc" ? "ascending" : "descending"}; change order)` : " (sort)"}</span>
                      </Link>
                    </th>
                  );
                })}
                <th scope="col" className={`${tableStyles.th} hidden md:table-cell`}>
                  Customer
                </th>
                <th scope="col" className={`${tableStyles.th} hidden lg:table-cell`}>
                  Owner
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
              {data.items.map((d) => (
                <tr key={d.id} className={tableStyles.row}>
                  <td className={tableStyles.td}>
                    <Link href={`/deals/${d.id}`} className={`font-medium text-accent hover:underline ${focusRing}`}>
                      {d.title}
                    </Link>
                  </td>
                  <td className={tableStyles.td}>
                    <StageBadge stage={d.stage} />
                  </td>
                  <td className={`${tableStyles.td} text-right tabular-nums`}>{formatMoney(d.valueCents, d.currency)}</td>
                  <td className={`${tableStyles.td} hidden sm:table-cell`}>{d.expectedClose ? formatDay(d.expectedClose) : "—"}</td>
                  <td className={`${tableStyles.td} hidden md:table-cell`}>
                    <Link href={`/customers/${d.customerId}`} className={`hover:underline ${focusRing}`}>
                      {d.customerName}
                    </Link>
                  </td>
                  <td className={`${tableStyles.td} hidden lg:table-cell`}>{d.ownerLabel ?? "—"}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="bg-zinc-50 text-xs dark:bg-zinc-900">
              {shown.map((s) => (
                <tr key={s.stage} data-stage-total={s.stage}>
                  <th scope="row" className={`${tableStyles.th} font-normal`}>
                    {STAGE_LABEL[s.stage]} total
                  </th>
                  <td className={tableStyles.td}>
                    {s.count} {s.count === 1 ? "deal" : "deals"}
                  </td>
                  <td className={`${tableStyles.td} text-right tabular-nums`}>{formatTotals(s.totals)}</td>
                  <td className="hidden sm:table-cell" colSpan={3} />
                </tr>
              ))}
              {shown.length > 1 ? (
                <tr>
                  <th scope="row" className={tableStyles.th}>
                    All stages
                  </th>
                  <td className={`${tableStyles.td} font-medium`}>{shown.reduce((n, s) => n + s.count, 0)} deals</td>
                  <td className={`${tableStyles.td} text-right font-medium tabular-nums`}>{formatTotals(all)}</td>
                  <td className="hidden sm:table-cell" colSpan={3} />
                </tr>
              ) : null}
            </tfoot>
          </table>
        </div>
      )}
      {query.page > 1 || data.hasNext ? (
        <nav aria-label="Pagination" className="flex justify-between gap-3">
          {query.page > 1 ? (
            <Link href={href({ page: query.page - 1 })} rel="prev" className={buttonStyles.secondary}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          {data.hasNext ? (
            <Link href={href({ page: query.page + 1 })} rel="next" className={buttonStyles.secondary}>
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
