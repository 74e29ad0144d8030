// The root site's account page: the signed-in user's workspaces scheduled for deletion (an
// owner restores them here during the grace period) and deleting the account itself.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/page-shell";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { cardStyles, focusRing, headingStyles, mutedText } from "@/components/ui/styles";
import { soleOwnerships } from "@/lib/account/delete-account";
import { accountSummary } from "@/lib/account/summary";
import { currentUser } from "@/lib/auth/session";
import { formatPurgeDate, listDeletedWorkspaces } from "@/lib/workspace/deletion";
import { DeleteAccountForm, RestoreWorkspaceButton } from "./forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account")}`);
  const [summary, deleted, blocking] = await Promise.all([accountSummary(user.id), listDeletedWorkspaces(user.id), soleOwnerships(user.id)]);
  if (!summary) redirect("/");
  const justDeleted = (await searchParams).deleted;

  return (
    <PageShell actions={<SignOutButton />}>
      <div className="flex max-w-2xl flex-col gap-10">
        <div>
          <Link href="/" className={`text-sm text-indigo-700 hover:underline dark:text-indigo-300 ${focusRing}`}>
            ← Your workspaces
          </Link>
          <h1 className={`mt-4 ${headingStyles}`}>Your account</h1>
          <p className={`mt-1 ${mutedText}`}>Signed in as {summary.email}</p>
        </div>

        <section aria-labelledby="deleted-title" className="flex flex-col gap-4">
          <h2 id="deleted-title" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
            Workspaces scheduled for deletion
          </h2>
          {typeof justDeleted === "string" ? (
            <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
              The workspace {justDeleted} was deleted. You can restore it below until its purge date.
            </p>
          ) : null}
          {deleted.length === 0 ? (
            <p className={mutedText}>None.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-xl bg-white shadow-sm ring-1 ring-zinc-200 dark:divide-zinc-800 dark:bg-zinc-900 dark:ring-zinc-800">
              {deleted.map((w) => (
                <li key={w.id} className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
                  <div>
                    <p className="font-medium text-zinc-900 dark:text-zinc-100">{w.name}</p>
                    <p className={mutedText}>
                      {w.slug} · removed for good on {formatPurgeDate(w.purgeAfter)}
                      {w.restorable ? "" : " · deleted by Tenantry support: contact us to restore it"}
                    </p>
                  </div>
                  {w.restorable ? <RestoreWorkspaceButton tenantId={w.id} name={w.name} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="delete-account-title" className={`${cardStyles} ring-red-200 dark:ring-red-900`}>
          <h2 id="delete-account-title" className="text-lg font-semibold text-red-800 dark:text-red-300">
            Delete your account
          </h2>
          <p className={`mt-2 ${mutedText}`}>
            You leave every workspace and every session ends. Notes and deals you wrote stay in their workspaces, without your name. This cannot be undone.
          </p>
          {blocking.length > 0 ? (
            <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
              You are the only owner of {blocking.map((w) => `“${w.name}”`).join(", ")}. Make another member an owner (Members → Transfer ownership) or delete
              the workspace first.
            </p>
          ) : null}
          <div className="mt-6">
            <DeleteAccountForm email={summary.email} hasPassword={summary.hasPassword} blocked={blocking.length > 0} />
          </div>
        </section>
      </div>
    </PageShell>
  );
}
