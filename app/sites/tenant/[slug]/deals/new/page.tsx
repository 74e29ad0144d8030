// New deal: the form around createDealAction. `?customer=<id>` (the customer page's "New deal")
// preselects the customer. Roles without deals:create get the reason instead.
import type { Metadata } from "next";
import Link from "next/link";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { dealFormOptions } from "@/lib/crm/deals";
import { crmPage } from "@/lib/crm/page-access";
import { DealForm } from "@/components/crm/deal-form";
import { buttonStyles, focusRing } from "@/components/ui/styles";
import { createDealAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New deal" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function NewDealPage({ params, searchParams }: Props) {
  const { ctx } = await crmPage((await params).slug, "/deals/new");
  const customer = (await searchParams).customer;
  const preselected = typeof customer === "string" ? customer.toLowerCase() : undefined;
  const allowed = can(ctx.actor.role, "deals", "create");
  const options = allowed ? await dealFormOptions(ctx, preselected ? [preselected] : []) : null;
  const known = preselected && options?.customers.some((c) => c.id === preselected) ? preselected : undefined;
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
        <DealForm
          action={createDealAction}
          customers={options.customers}
          members={options.members}
          initial={{ customerId: known, ownerId: ctx.actor.userId }}
          submitLabel="Create deal"
          pendingLabel="Creating…"
        />
      )}
    </div>
  );
}
