// Import customers from a CSV file: the client component parses and previews, the server
// (./rows/route.ts) re-validates and imports all rows or none. Roles without customers:create
// get the reason instead.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { can, forbiddenMessage } from "@/lib/authz/permissions";
import { IMPORT_FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/crm/csv-parse";
import { requestMembers } from "@/lib/members/request";
import { focusRing, headingStyles, mutedText } from "@/components/ui/styles";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import customers" };

type Props = { params: Promise<{ slug: string }> };

export default async function ImportCustomersPage({ params }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/customers/import")}`);
  if (access.kind === "forbidden") forbidden();
  const allowed = can(access.ctx.actor.role, "customers", "create");
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <Link href="/customers" className={`text-sm text-indigo-700 hover:underline dark:text-indigo-300 ${focusRing}`}>
        ← Customers
      </Link>
      <div>
        <h1 className={headingStyles}>Import customers</h1>
        <p className={`mt-2 ${mutedText}`}>
          A CSV file with a header row. Columns: {IMPORT_FIELDS.map((f, i) => (
            <span key={f}>
              {i > 0 ? ", " : ""}
              <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{f}</code>
            </span>
          ))}{" "}
          (only <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">name</code> is required; <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">kind</code> is company or person). Up to{" "}
          {MAX_IMPORT_ROWS.toLocaleString("en")} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB. You see a preview first; customers are added only when
          every row is valid, all at once.
        </p>
      </div>
      {allowed ? (
        <ImportForm />
      ) : (
        <p role="alert" className="text-zinc-700 dark:text-zinc-300">
          {forbiddenMessage("customers", "create")}
        </p>
      )}
    </div>
  );
}
