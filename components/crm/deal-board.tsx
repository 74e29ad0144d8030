"use client";
// The pipeline board: one column per stage (count and value per currency in the header), deals
// newest first (capped per column, the rest in the table). Drag a card's handle with the mouse
// or touch, or focus it and use the keyboard (Space/Enter to pick up, ←/→ to choose a stage,
// Space/Enter to drop, Escape to cancel); moves are announced to screen readers. A move shows
// at once and is rolled back, with an error toast, when the server refuses it.
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import Link from "next/link";
import { useOptimistic, useState, useTransition, type ReactNode } from "react";
import { useToast } from "@/components/ui/toast";
import { focusRing } from "@/components/ui/styles";
import type { CrmActionState } from "@/lib/crm/errors";
import { formatMoney, formatTotals } from "@/lib/crm/money";
import { DEAL_STAGES, isDealStage, STAGE_LABEL, type DealStage } from "@/lib/crm/stages";

export type BoardDeal = {
  id: string;
  title: string;
  stage: DealStage;
  valueCents: string;
  currency: string;
  customerName: string;
  ownerLabel: string | null;
  expectedClose: string | null;
};
export type BoardColumnData = {
  stage: DealStage;
  count: number;
  totals: Record<string, string>;
  deals: BoardDeal[];
};

type MoveAction = (id: string, stage: string) => Promise<Exclude<CrmActionState, null>>;

const dateFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/**
 * ←/→ (and ↑/↓) jump a whole column instead of nudging the card by pixels. The column the
 * keyboard is on is remembered per drag (keyed by the drag's activating event): dnd-kit's
 * `over` lags a render behind fast key presses.
 */
function columnKeyboardCoordinates(): KeyboardCoordinateGetter {
  let drag: { started: Event | null; stage: DealStage } | null = null;
  return (event, { context, currentCoordinates }) => {
    const step = event.code === "ArrowRight" || event.code === "ArrowDown" ? 1 : event.code === "ArrowLeft" || event.code === "ArrowUp" ? -1 : 0;
    if (step === 0) return undefined;
    event.preventDefault();
    if (!drag || drag.started !== context.activatorEvent) {
      const data = context.active?.data.current as { stage?: DealStage } | undefined;
      drag = { started: context.activatorEvent, stage: data?.stage ?? "LEAD" };
    }
    const next = DEAL_STAGES[Math.min(DEAL_STAGES.length - 1, Math.max(0, DEAL_STAGES.indexOf(drag.stage) + step))]!;
    const rect = context.droppableRects.get(next);
    const size = context.collisionRect;
    if (!rect || !size) return currentCoordinates;
    drag.stage = next;
    return { x: rect.left + (rect.width - size.width) / 2, y: rect.top + 48 };
  };
}

/** The pointer decides where the pointer is; the keyboard (no pointer) goes by the nearest column. */
const collision: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : closestCenter(args));

function addTotals(totals: Record<string, string>, currency: string, delta: bigint): Record<string, string> {
  const next = {
    ...totals,
    [currency]: (BigInt(totals[currency] ?? "0") + delta).toString(),
  };
  if (next[currency] === "0") delete next[currency];
  return next;
}

/** The columns after moving `deal` to `to` (the card goes to the top of its new column). */
function moved(columns: BoardColumnData[], deal: BoardDeal, to: DealStage): BoardColumnData[] {
  const value = BigInt(deal.valueCents);
  return columns.map((c) => {
    if (c.stage === deal.stage)
      return {
        ...c,
        count: c.count - 1,
        totals: addTotals(c.totals, deal.currency, -value),
        deals: c.deals.filter((d) => d.id !== deal.id),
      };
    if (c.stage === to)
      return {
        ...c,
        count: c.count + 1,
        totals: addTotals(c.totals, deal.currency, value),
        deals: [{ ...deal, stage: to }, ...c.deals],
      };
    return c;
  });
}

export function DealBoard({ columns: initial, canMove, move }: { columns: BoardColumnData[]; canMove: boolean; move: MoveAction }) {
  // The move shows while its transition runs; then the server's board (the action refreshes the
  // page) replaces it — or, when the move was refused, the unchanged board comes back: rollback.
  const [columns, showMove] = useOptimistic(initial, (current: BoardColumnData[], { deal, to }: { deal: BoardDeal; to: DealStage }) =>
    moved(current, deal, to),
  );
  const [activeId, setActiveId] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const [keyboardGetter] = useState(columnKeyboardCoordinates);
  const toast = useToast();

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardGetter }),
  );
  const find = (id: string | number) => columns.flatMap((c) => c.deals).find((d) => d.id === id);
  const titleOf = (id: string | number) => find(id)?.title ?? "deal";
  const stageName = (id: string | number | undefined) => (id !== undefined && isDealStage(id) ? STAGE_LABEL[id] : "no stage");

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}, in ${stageName(find(active.id)?.stage)}.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${stageName(over.id)}.` : `${titleOf(active.id)} is not over a stage.`),
    onDragEnd: ({ active, over }) =>
      over ? `${titleOf(active.id)} was dropped in ${stageName(over.id)}.` : `${titleOf(active.id)} was dropped outside the board; it stays where it was.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled; it stays in ${stageName(find(active.id)?.stage)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    const deal = find(active.id);
    if (!deal || !over || !isDealStage(over.id) || over.id === deal.stage) return;
    const to = over.id;
    startTransition(async () => {
      showMove({ deal, to });
      const result = await move(deal.id, to).catch(() => ({
        ok: false,
        message: "The move could not be saved. Check your connection and try again.",
      }));
      if (result.ok) toast.success(result.message);
      else toast.error(`${deal.title} was not moved: ${result.message}`);
    });
  }

  const active = activeId ? find(activeId) : undefined;
  return (
    <DndContext
      id="deal-board"
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To move a deal, press Space or Enter to pick it up, use the left and right arrow keys to choose a stage, then press Space or Enter to drop it, or Escape to cancel.",
        },
      }}
      onDragStart={({ active: a }) => setActiveId(String(a.id))}
      onDragCancel={() => setActiveId(null)}
      onDragEnd={onDragEnd}
    >
      <div className="-mx-4 overflow-x-auto px-4 pb-4 sm:mx-0 sm:px-0">
        <div className="flex min-w-max items-stretch gap-3">
          {columns.map((column) => (
            <Column key={column.stage} column={column} canMove={canMove} />
          ))}
        </div>
      </div>
      <DragOverlay>{active ? <Card deal={active} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}

function Column({ column, canMove }: { column: BoardColumnData; canMove: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const titleId = `stage-${column.stage}`;
  const hidden = column.count - column.deals.length;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-summary`}
      data-stage={column.stage}
      className={`flex w-64 shrink-0 flex-col gap-3 rounded-xl p-3 ring-1 transition-colors ${
        isOver ? "bg-indigo-50 ring-accent dark:bg-indigo-950/40" : "bg-zinc-50 ring-zinc-200 dark:bg-zinc-900/60 dark:ring-zinc-800"
      }`}
    >
      <header id={`${titleId}-summary`}>
        <div className="flex items-center justify-between">
          <h2 id={titleId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {STAGE_LABEL[column.stage]}
          </h2>
          <span
            data-testid="stage-count"
            aria-label={`${column.count} ${column.count === 1 ? "deal" : "deals"}`}
            className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-zinc-700 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700"
          >
            {column.count}
          </span>
        </div>
        <p className="mt-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="stage-total">
          {formatTotals(column.totals)}
        </p>
      </header>
      <ul className="flex min-h-24 flex-col gap-2">
        {column.deals.map((deal) => (
          <li key={deal.id}>
            <DraggableCard deal={deal} canMove={canMove} />
          </li>
        ))}
      </ul>
      {column.count === 0 ? <p className="text-xs text-zinc-500 dark:text-zinc-400">No deals in {STAGE_LABEL[column.stage]}.</p> : null}
      {hidden > 0 ? (
        <Link href={`/deals?view=table&stage=${column.stage}`} className={`text-xs font-medium text-accent hover:underline ${focusRing}`}>
          Showing the newest {column.deals.length} of {column.count}. See all in the table
        </Link>
      ) : null}
    </section>
  );
}

function DraggableCard({ deal, canMove }: { deal: BoardDeal; canMove: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: deal.id,
    data: { stage: deal.stage },
    disabled: !canMove,
  });
  return (
    <div ref={setNodeRef} className={isDragging ? "opacity-40" : undefined}>
      <Card
        deal={deal}
        handle={
          canMove ? (
            <button
              ref={setActivatorNodeRef}
              type="button"
              {...attributes}
              {...listeners}
              aria-label={`Move ${deal.title}`}
              className={`cursor-grab touch-none rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 active:cursor-grabbing dark:hover:bg-zinc-800 dark:hover:text-zinc-200 ${focusRing}`}
            >
              <span aria-hidden="true">⠿</span>
            </button>
          ) : null
        }
      />
    </div>
  );
}

function Card({ deal, handle, overlay }: { deal: BoardDeal; handle?: ReactNode; overlay?: boolean }) {
  return (
    <article
      className={`rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800 ${overlay ? "shadow-lg ring-accent" : ""}`}
      aria-label={overlay ? undefined : deal.title}
    >
      <div className="flex items-start justify-between gap-2">
        {overlay ? (
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{deal.title}</span>
        ) : (
          <Link href={`/deals/${deal.id}`} className={`font-medium break-words text-zinc-900 hover:underline dark:text-zinc-100 ${focusRing}`}>
            {deal.title}
          </Link>
        )}
        {handle}
      </div>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{deal.customerName}</p>
      <p className="mt-2 flex flex-wrap items-center justify-between gap-x-2 text-xs">
        <span className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">{formatMoney(deal.valueCents, deal.currency)}</span>
        {deal.expectedClose ? (
          <span className="text-zinc-500 dark:text-zinc-400">closes {dateFormat.format(new Date(`${deal.expectedClose}T00:00:00Z`))}</span>
        ) : null}
      </p>
      {deal.ownerLabel ? <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400">Owner: {deal.ownerLabel}</p> : null}
    </article>
  );
}
