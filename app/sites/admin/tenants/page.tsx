import { inputClass } from "@/components/auth/fields";
import { founderActor, requirePlatformAdmin } from "@/lib/admin/session";
import { listTenants, SORTS, type SortKey } from "@/lib/admin/tenants";

export const metadata = { title: "Tenants" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AdminTenants({ searchParams }: Props) {
  const user = await requirePlatformAdmin();
  const query = await searchParams;
  const sortParam = one(query.sort);
  const list = await listTenants(founderActor(user), {
    q: one(query.q),
    sort: sortParam in SORTS ? (sortParam as SortKey) : undefined,
    dir: one(query.dir) === "asc" ? "asc" : "desc",
    after: one(query.after) || undefined,
    before: one(query.before) || undefined,
  });
  // Keyset pages: a link carries the cursor of the row it continues from (no page numbers).
  const href = (over: Record<string, string>) => {
    const params = new URLSearchParams({ q: list.q, sort: list.sort, dir: list.dir });
    for (const [k, v] of Object.entries(over)) params.set(k, v);
    if (!params.get("q")) params.delete("q");
    return `/tenants?${params.toString()}`;
  };
  const sortLink = (key: SortKey, label: string) => {
    const active = list.sort === key;
    const dir = active && list.dir === "asc" ? "desc" : "asc";
    return (
      <a href={href({ sort: key, dir })} className="hover:underline">
        {label}
        {active ? (list.dir === "asc" ? " ▲" : " ▼") : ""}
      </a>
    );
  };
  const ariaSort = (key: SortKey) => (list.sort === key ? (list.dir === "asc" ? "ascending" : "descending") : undefined);
  return (
    <section aria-labelledby="tenants-title" className="space-y-6">
      <h1 id="tenants-title" className="text-3xl font-semibold tracking-tight">
        Tenants
      </h1>
      <form method="get" action="/tenants" role="search" className="flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search by name, subdomain or owner email
        </label>
        <input id="q" name="q" type="search" defaultValue={list.q} placeholder="Name, subdomain or owner email" className={inputClass + " mt-0"} />
        <input type="hidden" name="sort" value={list.sort} />
        <input type="hidden" name="dir" value={list.dir} />
        <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white">
          Search
        </button>
      </form>
      <p className="text-sm text-zinc-600">
        {list.total} workspace{list.total === 1 ? "" : "s"}
      </p>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-zinc-500">
          <tr>
            <th scope="col" className="py-2" aria-sort={ariaSort("name")}>
              {sortLink("name", "Name")}
            </th>
            <th scope="col" aria-sort={ariaSort("slug")}>
              {sortLink("slug", "Subdomain")}
            </th>
            <th scope="col">Owner</th>
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col" aria-sort={ariaSort("created")}>
              {sortLink("created", "Created")}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((t) => (
            <tr key={t.id} className="border-b border-zinc-100">
              <td className="py-2">
                <a href={`/tenants/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                  {t.name}
                </a>
              </td>
              <td className="font-mono">{t.slug}</td>
              <td>{t.ownerEmail ?? "—"}</td>
              <td>
                {t.plan}
                {t.subscriptionStatus ? ` (${t.subscriptionStatus.toLowerCase()})` : ""}
              </td>
              <td>{t.status.toLowerCase()}</td>
              <td>{t.createdAt.toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex justify-between text-sm">
        <span className="flex gap-4">
          {list.previous ? <a href={href({})}>« First</a> : null}
          {list.previous ? <a href={href({ before: list.previous })}>← Previous</a> : null}
        </span>
        {list.next ? <a href={href({ after: list.next })}>Next →</a> : <span />}
      </nav>
    </section>
  );
}
