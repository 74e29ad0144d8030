import { MfaResetForm, UserLockForm } from "@/components/admin/forms";
import { FormMessage, inputClass } from "@/components/auth/fields";
import { founderActor, requirePlatformAdmin } from "@/lib/admin/session";
import { isAdminLocked, searchUsers } from "@/lib/admin/users";

export const metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AdminUsers({ searchParams }: Props) {
  const user = await requirePlatformAdmin();
  const query = await searchParams;
  const q = one(query.q);
  const rows = await searchUsers(founderActor(user), q);
  const DONE: Record<string, string> = {
    lock: "The account is locked.",
    unlock: "The account is unlocked.",
    "mfa-reset": "The second factor is reset: that founder's sessions ended, and they enroll again at their next sign-in.",
  };
  const done = DONE[one(query.done)];
  return (
    <section aria-labelledby="users-title" className="space-y-6">
      <h1 id="users-title" className="text-3xl font-semibold tracking-tight">
        Users
      </h1>
      <FormMessage notice={done} />
      <form method="get" className="flex max-w-md gap-2">
        <label htmlFor="q" className="sr-only">
          Search by email or name
        </label>
        <input id="q" name="q" defaultValue={q} placeholder="email or name" className={inputClass} />
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white">
          Search
        </button>
      </form>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Workspaces</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => {
            const locked = isAdminLocked(u.lockedUntil);
            return (
              <tr key={u.id} className="border-t border-zinc-200 align-top">
                <td className="py-2 font-mono">{u.email}</td>
                <td className="py-2">{u.name ?? "—"}</td>
                <td className="py-2">
                  {u.memberships.map((m) => (
                    <a key={m.tenant.id} href={`/tenants/${m.tenant.id}`} className="mr-2 text-indigo-700 underline">
                      {m.tenant.slug} ({m.role.toLowerCase()}
                      {m.tenant.status !== "ACTIVE" ? `, ${m.tenant.status.toLowerCase()}` : ""})
                    </a>
                  ))}
                </td>
                <td className="py-2">
                  {u.isPlatformAdmin ? <span>platform admin</span> : <UserLockForm userId={u.id} lock={!locked} q={q} />}
                  {u.isPlatformAdmin && u.id !== user.id ? <MfaResetForm userId={u.id} email={u.email} q={q} /> : null}
                  {locked ? <span data-testid="user-locked"> locked</span> : null}
                </td>
              </tr>
            );
          })}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="py-2 text-zinc-500">
                No users found.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
