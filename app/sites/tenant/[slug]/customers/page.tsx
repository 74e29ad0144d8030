// The customers list (server component): search, filter chips, sort, keyset pagination with
// the cursor in the URL (?after= / ?before=), empty states. Reads only; the forms are on
// /customers/new and /customers/[id].
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { listCustomers, type CustomerListPage } from "@/lib/crm/customers";
import { requestMembers } from "@/lib/members/request";
import { FormMessage } from "@/components/auth/fields";
import { buttonStyles, focusRing as focus } from "@/components/ui/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Customers" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

type Query = CustomerListPage["query"];
/** The list URL for `query` with `change` applied; pagination starts over unless a cursor is given. */
function href(query: Query, change: Partial<{ q: string; kind: string | null; status: string; sort: string; after: string; before: string }>) {
  const merged = { q: query.q, kind: query.kind, status: query.status, sort: query.sort, ...change };
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  if (merged.kind) params.set("kind", merged.kind);
  if (merged.status && merged.status !== "active") params.set("status", merged.status);
  if (merged.sort && merged.sort !== "created") params.set("sort", merged.sort);
  if (change.after) params.set("after", change.after);
  if (change.before) params.set("before", change.before);
  const s = params.toString();
  return s ? `/customers?${s}` : "/customers";
}

function Chip({ active, href: to, children }: { active: boolean; href: string; children: string }) {
  return (
    <Link
      href={to}
      aria-current={active ? "true" : undefined}
      className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset ${focus} ${
        active
          ? "bg-accent text-white ring-accent"
          : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800"
      }`}
    >
      {children}
    </Link>
  );
}

export default async function CustomersPage({ params, searchParams }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/customers")}`);
  if (access.kind === "forbidden") forbidden();

  const sp = await searchParams;
  const ctx = { db: access.ctx.db, actor: access.ctx.actor };
  const page = await listCustomers(ctx, {
    q: one(sp.q),
    kind: one(sp.kind),
    status: one(sp.status),
    sort: one(sp.sort),
    after: one(sp.after),
    before: one(sp.before),
  });
  const { query, items } = page;
  const canCreate = can(ctx.actor.role, "customers", "create");
  const filtered = query.q !== "" || query.kind !== null || query.status !== "active";
  // The CSV import lands here with its count (a full navigation: its toast would not survive).
  const importedParam = one(sp.imported);
  const imported = importedParam !== undefined && /^\d{1,6}$/.test(importedParam) ? Number(importedParam) : null;

  return (
    <div className="flex flex-col gap-6">
      {imported !== null ? <FormMessage notice={`Imported ${imported} ${imported === 1 ? "customer" : "customers"}.`} /> : null}
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-accent">{access.tenant.name}</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight">Customers</h1>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {can(ctx.actor.role, "export", "create") ? (
            // A file download with the list's current search and filters (docs/data.md).
            <a href={href(query, {}).replace(/^\/customers/, "/customers/export")} className={buttonStyles.secondary} download>
              Export CSV
            </a>
          ) : null}
          {canCreate ? (
            <Link href="/customers/import" className={buttonStyles.secondary}>
              Import CSV
            </Link>
          ) : null}
          {canCreate ? (
            <Link href="/customers/new" className={buttonStyles.primary}>
              New customer
            </Link>
          ) : null}
        </div>
      </header>

      <form method="get" action="/customers" role="search" className="flex flex-wrap items-end gap-3">
        {query.kind ? <input type="hidden" name="kind" value={query.kind} /> : null}
        {query.status !== "active" ? <input type="hidden" name="status" value={query.status} /> : null}
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="customer-search" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            Search customers
          </label>
          <input
            id="customer-search"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={200}
            placeholder="Name or email"
            className="mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-accent dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700"
          />
        </div>
        <div>
          <label htmlFor="customer-sort" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            Sort by
          </label>
          <select
            id="customer-sort"
            name="sort"
            defaultValue={query.sort}
            className="mt-1 rounded-lg border-0 bg-white py-2 pr-8 pl-3 text-sm text-zinc-900 ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-accent dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700"
          >
            <option value="created">Newest first</option>
            <option value="name">Name (A–Z)</option>
          </select>
        </div>
        <button type="submit" className={buttonStyles.secondary}>
          Search
        </button>
      </form>

      <nav aria-label="Filters" className="flex flex-wrap items-center gap-2">
        <Chip active={query.status === "active"} href={href(query, { status: "active" })}>
          Active
        </Chip>
        <Chip active={query.status === "archived"} href={href(query, { status: "archived" })}>
          Archived
        </Chip>
        <Chip active={query.status === "all"} href={href(query, { status: "all" })}>
          All
        </Chip>
        <span aria-hidden="true" className="mx-1 h-5 w-px bg-zinc-300" />
        <Chip active={query.kind === null} href={href(query, { kind: null })}>
          Any type
        </Chip>
        <Chip active={query.kind === "COMPANY"} href={href(query, { kind: "COMPANY" })}>
          Companies
        </Chip>
        <Chip active={query.kind === "PERSON"} href={href(query, { kind: "PERSON" })}>
          People
        </Chip>
      </nav>

      {items.length === 0 ? (
        <section className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
          <h2 className="text-lg font-semibold">{filtered ? "No customers match" : "No customers yet"}</h2>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {filtered ? "Try another search or filter." : canCreate ? "Add your first customer to get started." : "Customers added by your team will appear here."}
          </p>
          <div className="mt-4 flex justify-center gap-3">
            {filtered ? (
              <Link href="/customers" className={buttonStyles.secondary}>
                Clear search and filters
              </Link>
            ) : null}
            {canCreate && !filtered ? (
              <Link href="/customers/new" className={buttonStyles.primary}>
                New customer
              </Link>
            ) : null}
          </div>
        </section>
      ) : (
        <div className="overflow-x-auto rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Customers</caption>
            <thead className="bg-zinc-50 text-xs text-zinc-600 uppercase dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Email
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                  Company
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
                  Added
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {items.map((c) => (
                <tr key={c.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800">
                  <td className="px-4 py-3">
                    <Link href={`/customers/${c.id}`} className={`font-medium text-accent hover:underline ${focus}`}>
                      {c.name}
                    </Link>
                    <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">{c.kind === "PERSON" ? "Person" : "Company"}</span>
                    {c.archivedAt ? (
                      <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">Archived</span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">{c.email ?? "—"}</td>
                  <td className="hidden px-4 py-3 text-zinc-700 md:table-cell dark:text-zinc-300">{c.company ?? "—"}</td>
                  <td className="hidden px-4 py-3 text-zinc-500 sm:table-cell dark:text-zinc-400">{dateFormat.format(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.prevCursor || page.nextCursor ? (
        <nav aria-label="Pagination" className="flex justify-between gap-3">
          {page.prevCursor ? (
            <Link href={href(query, { before: page.prevCursor })} rel="prev" className={buttonStyles.secondary}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={href(query, { after: page.nextCursor })} rel="next" className={buttonStyles.secondary}>
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
