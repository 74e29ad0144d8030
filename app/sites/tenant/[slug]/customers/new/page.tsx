// New customer: the form (client) around createCustomerAction. Roles without
// customers:create get the reason instead (the action refuses them anyway).
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { requestMembers } from "@/lib/members/request";
import { createCustomerAction } from "../actions";
import { CustomerForm } from "../forms";
import { focusRing } from "@/components/ui/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New customer" };

type Props = { params: Promise<{ slug: string }> };

export default async function NewCustomerPage({ params }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/customers/new")}`);
  if (access.kind === "forbidden") forbidden();
  const allowed = can(access.ctx.actor.role, "customers", "create");
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <Link href="/customers" className={`text-sm text-accent hover:underline ${focusRing}`}>
        ← Customers
      </Link>
      <h1 className="text-3xl font-semibold tracking-tight">New customer</h1>
      {allowed ? (
        <CustomerForm action={createCustomerAction} submitLabel="Create customer" pendingLabel="Creating…" />
      ) : (
        <p role="alert" className="text-zinc-700 dark:text-zinc-300">
          {forbiddenMessage("customers", "create")}
        </p>
      )}
    </div>
  );
}
