// New deal: the form around createDealAction. `?customer=<id>` (the customer page's "New deal")
// preselects the customer. The customer list holds the most recently updated customers; a
// workspace with more finds any other one with `?find=<text>` (the same trigram search as the
// customers list), whose matches join the list. Roles without deals:create get the reason instead.
import type { Metadata } from "next";
import Link from "next/link";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { listCustomers } from "@/lib/crm/customers";
import { dealFormOptions } from "@/lib/crm/deals";
import { crmPage } from "@/lib/crm/page-access";
import { DealForm } from "@/components/crm/deal-form";
import { buttonStyles, focusRing, inputStyles, labelStyles, mutedText } from "@/components/ui/styles";
import { createDealAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New deal" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function NewDealPage({ params, searchParams }: Props) {
  const { ctx } = await crmPage((await params).slug, "/deals/new");
  const query = await searchParams;
  const customer = query.customer;
  const find = typeof query.find === "string" ? query.find.trim().slice(0, 200) : "";
  const preselected = typeof customer === "string" ? customer.toLowerCase() : undefined;
  const allowed = can(ctx.actor.role, "deals", "create");
  const found = allowed && find ? (await listCustomers(ctx, { q: find, limit: 50 })).items : [];
  const include = [...(preselected ? [preselected] : []), ...found.map((c) => c.id)];
  const options = allowed ? await dealFormOptions(ctx, include) : null;
  const onlyMatch = found.length === 1 ? found[0]!.id : undefined;
  const known = preselected && options?.customers.some((c) => c.id === preselected) ? preselected : onlyMatch;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <Link href={known ? `/customers/${known}` : "/deals"} className={`text-sm text-accent hover:underline ${focusRing}`}>
        ← {known ? "Customer" : "Deals"}
      </Link>
      <h1 className="text-3xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">New deal</h1>
      {!options ? (
        <p role="alert" className="text-zinc-700 dark:text-zinc-300">
          {forbiddenMessage("deals", "create")}
        </p>
      ) : options.customers.length === 0 ? (
        <div className="flex flex-col items-start gap-3">
          <p className="text-zinc-700 dark:text-zinc-300">Every deal belongs to a customer. Add a customer first.</p>
          <Link href="/customers/new" className={buttonStyles.primary}>
            Add a customer
          </Link>
        </div>
      ) : (
        <>
          <form method="GET" role="search" aria-label="Find a customer" className="flex flex-wrap items-end gap-2">
            {known ? <input type="hidden" name="customer" value={known} /> : null}
            <div className="min-w-48 flex-1">
              <label htmlFor="find-customer" className={labelStyles}>
                Customer not in the list?
              </label>
              <input id="find-customer" name="find" type="search" defaultValue={find} placeholder="Find by name or e-mail" className={`mt-1 ${inputStyles}`} />
            </div>
            <button type="submit" className={buttonStyles.secondary}>
              Find
            </button>
          </form>
          {find ? (
            <p role="status" className={mutedText}>
              {found.length === 0
                ? `No customer matches “${find}”.`
                : found.length === 1
                  ? `Found ${found[0]!.name}: selected below.`
                  : `${found.length} matches for “${find}” added to the customer list below.`}
            </p>
          ) : null}
          <DealForm
          action={createDealAction}
          customers={options.customers}
          members={options.members}
          initial={{ customerId: known, ownerId: ctx.actor.userId }}
          submitLabel="Create deal"
          pendingLabel="Creating…"
          />
        </>
      )}
    </div>
  );
}
