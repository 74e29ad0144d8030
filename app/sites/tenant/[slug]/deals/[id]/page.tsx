// One deal: its facts, the edit form (stage included) for roles that may edit, delete for owners
// and admins, its notes, and its activity.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { dealActivity } from "@/lib/crm/activity";
import { CrmError } from "@/lib/crm/customers";
import { dealFormOptions, getDeal } from "@/lib/crm/deals";
import { amountInput, formatMoney } from "@/lib/crm/money";
import { listNotesPage } from "@/lib/crm/notes";
import { crmPage } from "@/lib/crm/page-access";
import { ActionButton } from "@/components/crm/action-button";
import { DealForm } from "@/components/crm/deal-form";
import { dateFormat, formatDay } from "@/components/crm/format";
import { StageBadge } from "@/components/crm/stage-badge";
import { cardStyles, focusRing } from "@/components/ui/styles";
import { deleteDealAction, updateDealAction } from "../actions";
import { NotesAndActivity } from "../../notes-and-activity";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deal" };

type Props = {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function DealPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const { ctx } = await crmPage(slug, `/deals/${id}`);
  const deal = await getDeal(ctx, id).catch((error: unknown) => {
    if (error instanceof CrmError && error.code === "not-found") notFound();
    throw error;
  });
  const role = ctx.actor.role;
  const canEdit = can(role, "deals", "update");
  const canDelete = can(role, "deals", "delete");
  const sp = await searchParams;
  const notesBefore = typeof sp.notesBefore === "string" ? sp.notesBefore : undefined;
  const [notes, activity, options] = await Promise.all([
    listNotesPage(ctx, { dealId: deal.id }, { before: notesBefore }),
    dealActivity(ctx, deal.id),
    canEdit ? dealFormOptions(ctx, [deal.customerId]) : null,
  ]);
  const created = sp.created === "1";

  const facts: [string, ReactNode][] = [
    ["Stage", <StageBadge key="stage" stage={deal.stage} />],
    ["Value", formatMoney(deal.valueCents, deal.currency)],
    [
      "Customer",
      <Link key="customer" href={`/customers/${deal.customerId}`} className={`text-accent hover:underline ${focusRing}`}>
        {deal.customerName}
      </Link>,
    ],
    ["Owner", deal.ownerLabel ?? "—"],
    ["Expected close", deal.expectedClose ? formatDay(deal.expectedClose) : "—"],
    ["Closed", deal.closedAt ? dateFormat.format(new Date(deal.closedAt)) : "—"],
    ["Created", dateFormat.format(new Date(deal.createdAt))],
  ];

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-3">
        <Link href="/deals" className={`text-sm text-accent hover:underline ${focusRing}`}>
          ← Deals
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-semibold tracking-tight break-words text-zinc-900 dark:text-zinc-50">{deal.title}</h1>
          <StageBadge stage={deal.stage} />
        </div>
        {created ? (
          <p
            role="status"
            className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800"
          >
            {deal.title} was added.
          </p>
        ) : null}
      </div>

      <section aria-labelledby="deal-details" className={cardStyles}>
        <h2 id="deal-details" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="text-sm text-zinc-900 dark:text-zinc-100">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {options ? (
        <section aria-labelledby="edit-deal" className="max-w-3xl">
          <h2 id="edit-deal" className="mb-3 text-lg font-semibold">
            Edit deal
          </h2>
          <DealForm
            action={updateDealAction}
            id={deal.id}
            customers={options.customers}
            members={options.members}
            initial={{
              title: deal.title,
              customerId: deal.customerId,
              value: amountInput(deal.valueCents, deal.currency),
              currency: deal.currency,
              ownerId: deal.ownerId ?? "",
              expectedClose: deal.expectedClose ?? "",
              stage: deal.stage,
            }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
          />
        </section>
      ) : null}

      <NotesAndActivity
        subject={{ dealId: deal.id }}
        actor={ctx.actor}
        notes={notes}
        path={`/deals/${deal.id}`}
        olderThan={notesBefore}
        activity={activity}
        emptyActivity="Nothing has happened to this deal yet."
      />

      {canDelete ? (
        <section aria-labelledby="delete-deal">
          <h2 id="delete-deal" className="text-lg font-semibold">
            Delete
          </h2>
          <p className="mt-1 mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            Deleting removes the deal and its notes. The customer&apos;s activity keeps a record of it.
          </p>
          <ActionButton
            action={deleteDealAction}
            id={deal.id}
            label="Delete deal"
            pendingLabel="Deleting…"
            variant="danger"
            confirm={`Delete ${deal.title} and its notes?`}
          />
        </section>
      ) : null}
    </div>
  );
}
