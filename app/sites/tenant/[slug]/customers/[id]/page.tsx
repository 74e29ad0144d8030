// One customer: details, the edit form and archive/restore (for roles that may), and the
// customer's deals and notes (read-only for now; the deals board and notes come next).
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { CrmError, getCustomer } from "@/lib/crm/customers";
import { requestMembers } from "@/lib/members/request";
import { archiveCustomerAction, restoreCustomerAction, updateCustomerAction } from "../actions";
import { CustomerActionButton, CustomerForm } from "../forms";
import { focusRing } from "@/components/ui/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Customer" };

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const STAGE: Record<string, string> = { LEAD: "Lead", QUALIFIED: "Qualified", PROPOSAL: "Proposal", NEGOTIATION: "Negotiation", WON: "Won", LOST: "Lost" };

function money(cents: bigint, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(Number(cents) / 100);
  } catch {
    return `${(Number(cents) / 100).toFixed(2)} ${currency}`;
  }
}

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
  const { customer, deals, notes } = details;
  const role = ctx.actor.role;
  const canEdit = can(role, "customers", "update");
  const canArchive = can(role, "customers", "archive");
  const created = (await searchParams).created === "1";

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
        <Link href="/customers" className={`text-sm text-indigo-700 hover:underline ${focusRing}`}>
          ← Customers
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-semibold tracking-tight">{customer.name}</h1>
          {customer.archivedAt ? (
            <span className="rounded-full bg-zinc-100 px-3 py-1 text-sm text-zinc-700">Archived {dateFormat.format(customer.archivedAt)}</span>
          ) : null}
        </div>
        {created ? (
          <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
            {customer.name} was added.
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
              <dt className="text-sm text-zinc-500">{label}</dt>
              <dd className="text-sm break-words whitespace-pre-line text-zinc-900">{value ?? "—"}</dd>
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
          <p className="mt-1 mb-3 text-sm text-zinc-600">
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
        <h2 id="deals-title" className="text-lg font-semibold">
          Deals
        </h2>
        {deals.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600">No deals yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-200 rounded-xl ring-1 ring-zinc-200">
            {deals.map((deal) => (
              <li key={deal.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
                <span className="font-medium">{deal.title}</span>
                <span className="text-zinc-600">
                  {STAGE[deal.stage] ?? deal.stage} · {money(deal.valueCents, deal.currency)}
                  {deal.expectedClose ? ` · closes ${dateFormat.format(deal.expectedClose)}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title" className="text-lg font-semibold">
          Notes
        </h2>
        {notes.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600">No notes yet.</p>
        ) : (
          <ul className="mt-3 flex flex-col gap-3">
            {notes.map((note) => (
              <li key={note.id} className="rounded-xl p-4 text-sm ring-1 ring-zinc-200">
                <p className="whitespace-pre-line text-zinc-900">{note.body}</p>
                <p className="mt-2 text-xs text-zinc-500">
                  {note.author ?? "Someone"} · {dateTimeFormat.format(note.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
