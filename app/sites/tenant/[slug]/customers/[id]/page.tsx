// One customer: details, the edit form and archive/restore (for roles that may), its deals (with
// "New deal"), its notes (write, edit own, delete) and its activity feed (lib/crm/activity.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { CrmError, getCustomer } from "@/lib/crm/customers";
import { requestMembers } from "@/lib/members/request";
import { archiveCustomerAction, restoreCustomerAction, updateCustomerAction } from "../actions";
import { CustomerActionButton, CustomerForm } from "../forms";
import { customerActivity } from "@/lib/crm/activity";
import { customerDeals } from "@/lib/crm/deals";
import { formatMoney } from "@/lib/crm/money";
import { listNotesPage } from "@/lib/crm/notes";
import { formatDay } from "@/components/crm/format";
import { StageBadge } from "@/components/crm/stage-badge";
import { buttonStyles, focusRing } from "@/components/ui/styles";
import { NotesAndActivity } from "../../notes-and-activity";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Customer" };

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function CustomerPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const access = await requestMembers(slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/customers/${id}`)}`);
  if (access.kind === "forbidden") forbidden();
  const ctx = { db: access.ctx.db, actor: access.ctx.actor };
  const details = await getCustomer(ctx, id).catch((error: unknown) => {
    if (error instanceof CrmError && error.code === "not-found") notFound();
    throw error;
  });
  const { customer } = details;
  const sp = await searchParams;
  const notesBefore = typeof sp.notesBefore === "string" ? sp.notesBefore : undefined;
  const [deals, notes, activity] = await Promise.all([customerDeals(ctx, customer.id), listNotesPage(ctx, { customerId: customer.id }, { before: notesBefore }), customerActivity(ctx, customer.id)]);
  const role = ctx.actor.role;
  const canCreateDeal = can(role, "deals", "create");
  const canEdit = can(role, "customers", "update");
  const canArchive = can(role, "customers", "archive");
  const created = sp.created === "1";
  const deletedDeal = sp.deletedDeal === "1";

  const facts: [string, string | null][] = [
    ["Type", customer.kind === "PERSON" ? "Person" : "Company"],
    ["Email", customer.email],
    ["Phone", customer.phone],
    ["Website", customer.website],
    ["Company", customer.company],
    ["Address", customer.address],
    ["Added", dateFormat.format(customer.createdAt)],
  ];

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-3">
        <Link href="/customers" className={`text-sm text-accent hover:underline ${focusRing}`}>
          ← Customers
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-semibold tracking-tight">{customer.name}</h1>
          {customer.archivedAt ? (
            <span className="rounded-full bg-zinc-100 px-3 py-1 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              Archived {dateFormat.format(customer.archivedAt)}
            </span>
          ) : null}
        </div>
        {created ? (
          <p
            role="status"
            className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800"
          >
            {customer.name} was added.
          </p>
        ) : null}
        {deletedDeal ? (
          <p
            role="status"
            className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800"
          >
            The deal was deleted.
          </p>
        ) : null}
      </div>

      <section aria-labelledby="details-title">
        <h2 id="details-title" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="text-sm break-words whitespace-pre-line text-zinc-900 dark:text-zinc-100">{value ?? "—"}</dd>
            </div>
          ))}
        </dl>
      </section>

      {canEdit && !customer.archivedAt ? (
        <section aria-labelledby="edit-title" className="max-w-2xl">
          <h2 id="edit-title" className="mb-3 text-lg font-semibold">
            Edit customer
          </h2>
          <CustomerForm
            action={updateCustomerAction}
            id={customer.id}
            initial={{
              kind: customer.kind,
              name: customer.name,
              email: customer.email ?? "",
              phone: customer.phone ?? "",
              website: customer.website ?? "",
              company: customer.company ?? "",
              address: customer.address ?? "",
            }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
          />
        </section>
      ) : null}

      {canArchive ? (
        <section aria-labelledby="archive-title">
          <h2 id="archive-title" className="text-lg font-semibold">
            {customer.archivedAt ? "Restore" : "Archive"}
          </h2>
          <p className="mt-1 mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            {customer.archivedAt
              ? "Restoring brings the customer back into the active list (it counts against your plan's customer limit again)."
              : "Archived customers leave the active list and stop counting against your plan. Nothing is deleted; you can restore them."}
          </p>
          {customer.archivedAt ? (
            <CustomerActionButton key="restore" action={restoreCustomerAction} id={customer.id} label="Restore customer" pendingLabel="Restoring…" />
          ) : (
            <CustomerActionButton
              key="archive"
              action={archiveCustomerAction}
              id={customer.id}
              label="Archive customer"
              pendingLabel="Archiving…"
              variant="danger"
              confirm={`Archive ${customer.name}?`}
            />
          )}
        </section>
      ) : null}

      <section aria-labelledby="deals-title">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="deals-title" className="text-lg font-semibold">
            Deals
          </h2>
          {canCreateDeal && !customer.archivedAt ? (
            <Link href={`/deals/new?customer=${customer.id}`} className={buttonStyles.secondary}>
              New deal
            </Link>
          ) : null}
        </div>
        {deals.items.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No deals yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-200 rounded-xl ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
            {deals.items.map((deal) => (
              <li key={deal.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
                <Link href={`/deals/${deal.id}`} className={`font-medium text-accent hover:underline ${focusRing}`}>
                  {deal.title}
                </Link>
                <span className="flex flex-wrap items-center gap-2 text-zinc-600 dark:text-zinc-400">
                  <StageBadge stage={deal.stage} />
                  <span className="tabular-nums">{formatMoney(deal.valueCents, deal.currency)}</span>
                  {deal.expectedClose ? <span>· closes {formatDay(deal.expectedClose)}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        {deals.more ? (
          <p className="mt-3 text-sm">
            <Link href={`/deals?view=table&customer=${customer.id}`} className={`font-medium text-accent hover:underline ${focusRing}`}>
              All deals of {customer.name} in the deals table →
            </Link>
          </p>
        ) : null}
      </section>

      <NotesAndActivity
        subject={{ customerId: customer.id }}
        actor={ctx.actor}
        notes={notes}
        path={`/customers/${customer.id}`}
        olderThan={notesBefore}
        activity={activity}
        emptyActivity="No activity yet."
        showDeal
      />
    </div>
  );
}
