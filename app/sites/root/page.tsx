import { LinkButton } from "@/components/link-button";
import { PageShell } from "@/components/page-shell";
import { tenantOrigin } from "@/lib/hosts";
import { getHostConfig } from "@/lib/config/hosts";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { redirect } from "next/navigation";
import { openWorkspaceAction } from "@/lib/auth/actions";
import { issueHandoff } from "@/lib/auth/handoff";
import { currentUser } from "@/lib/auth/session";
import { listUserWorkspaces } from "@/lib/auth/workspaces";

// Links are built from the runtime configuration (APP_ROOT_DOMAIN), not baked in at build.
export const dynamic = "force-dynamic";

const FEATURES = [
  {
    title: "A subdomain per customer",
    body: "Every workspace lives at its own address, like acme.your-domain.com, with its own members and data.",
  },
  {
    title: "Isolation you can prove",
    body: "Two independent walls — a tenant-bound data layer and PostgreSQL row-level security — each tested on its own.",
  },
  {
    title: "Billing built in",
    body: "Plans, trials and invoices per workspace, with Stripe doing the heavy lifting.",
  },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RootHome({ searchParams }: Props) {
  const user = await currentUser();
  // `/?open=<slug>`: the workspace switcher's target. Signed in here → a one-time handoff to
  // that workspace's host (only if the user is a member); signed out → sign in here first.
  const query = await searchParams;
  const open = typeof query.open === "string" && /^[a-z0-9-]{1,63}$/.test(query.open) ? query.open : null;
  if (open && !user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/?open=${open}`)}`);
  if (open && user) {
    const url = await issueHandoff(user.id, open, "/");
    if (url) redirect(url);
  }
  // openWorkspaceAction comes back with `error=workspace` when the handoff was refused (the
  // workspace was suspended or deleted meanwhile, or the membership is gone).
  const notice = open
    ? `You cannot open “${open}”: you are not a member of an active workspace by that name.`
    : query.error === "workspace"
      ? "That workspace could not be opened: it is not active any more, or you are no longer a member."
      : undefined;
  if (user) return <SignedInHome userId={user.id} email={user.email} notice={notice} />;
  const demo = tenantOrigin("acme", getHostConfig());
  return (
    <PageShell
      actions={
        <>
          <LinkButton href="/sign-in" variant="secondary">
            Sign in
          </LinkButton>
          <LinkButton href="/signup">Sign up</LinkButton>
        </>
      }
    >
      <section aria-labelledby="hero-title" className="max-w-2xl">
        <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">Multi-tenant SaaS, done properly</p>
        <h1 id="hero-title" className="mt-3 text-5xl font-semibold tracking-tight text-balance sm:text-6xl">
          Tenantry
        </h1>
        <p className="mt-6 text-lg text-pretty text-zinc-600 dark:text-zinc-400">
          A home for every customer: their own workspace on their own subdomain, customers and deals in one place,
          and data that never leaks from one workspace to another.
        </p>
        <div className="mt-10 flex flex-wrap gap-3">
          <LinkButton href="/signup">Sign up</LinkButton>
          {demo ? (
            <LinkButton href={demo} variant="secondary" external>
              Open the demo workspace <span aria-hidden="true">→</span>
            </LinkButton>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="features-title" className="mt-24">
        <h2 id="features-title" className="sr-only">
          Features
        </h2>
        <ul className="grid gap-6 sm:grid-cols-3">
          {FEATURES.map((f) => (
            <li key={f.title} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
              <h3 className="font-semibold">{f.title}</h3>
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{f.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </PageShell>
  );
}

/** The signed-in root: the user's workspaces, each opened through a one-time handoff. */
async function SignedInHome({ userId, email, notice }: { userId: string; email: string; notice?: string }) {
  const workspaces = await listUserWorkspaces(userId);
  return (
    <PageShell actions={<SignOutButton />}>
      <section aria-labelledby="workspaces-title" className="max-w-2xl">
        {notice ? (
          <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
            {notice}
          </p>
        ) : null}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Signed in as {email}</p>
        <h1 id="workspaces-title" className="mt-2 text-3xl font-semibold tracking-tight">
          Your workspaces
        </h1>
        {workspaces.length === 0 ? (
          <p className="mt-6 text-zinc-600 dark:text-zinc-400">You are not a member of any workspace yet.</p>
        ) : (
          <ul className="mt-8 divide-y divide-zinc-200 rounded-xl bg-white shadow-sm ring-1 ring-zinc-200 dark:divide-zinc-800 dark:bg-zinc-900 dark:ring-zinc-800">
            {workspaces.map((w) => (
              <li key={w.slug} className="flex items-center justify-between gap-4 px-5 py-4">
                <div>
                  <p className="font-medium">{w.name}</p>
                  <p className="text-sm text-zinc-500 dark:text-zinc-400">
                    {w.slug} · {w.role.toLowerCase()}
                    {w.status === "SUSPENDED" ? " · suspended" : ""}
                  </p>
                </div>
                {w.status === "SUSPENDED" ? (
                  // No handoff into a suspended workspace; its own page says why and who can help.
                  <a href={tenantOrigin(w.slug, getHostConfig()) ?? "#"} className="text-sm font-medium text-amber-800 underline dark:text-amber-200">
                    Why is {w.name} suspended?
                  </a>
                ) : (
                  <form action={openWorkspaceAction}>
                    <input type="hidden" name="slug" value={w.slug} />
                    <button
                      type="submit"
                      aria-label={`Open ${w.name}`}
                      className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
                    >
                      Open
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-8 flex flex-wrap gap-3">
          <LinkButton href="/signup" variant="secondary">
            {workspaces.length === 0 ? "Create a workspace" : "Create another workspace"}
          </LinkButton>
          <LinkButton href="/account" variant="secondary">
            Your account
          </LinkButton>
        </div>
      </section>
    </PageShell>
  );
}
