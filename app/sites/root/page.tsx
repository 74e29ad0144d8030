import { LinkButton } from "@/components/link-button";
import { PageShell } from "@/components/page-shell";
import { tenantOrigin } from "@/lib/hosts";
import { getHostConfig } from "@/lib/config/hosts";

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

export default function RootHome() {
  const demo = tenantOrigin("acme", getHostConfig());
  return (
    <PageShell actions={<LinkButton href="/signup">Sign up</LinkButton>}>
      <section aria-labelledby="hero-title" className="max-w-2xl">
        <p className="text-sm font-semibold text-indigo-600">Multi-tenant SaaS, done properly</p>
        <h1 id="hero-title" className="mt-3 text-5xl font-semibold tracking-tight text-balance sm:text-6xl">
          Tenantry
        </h1>
        <p className="mt-6 text-lg text-pretty text-zinc-600">
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
            <li key={f.title} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
              <h3 className="font-semibold">{f.title}</h3>
              <p className="mt-2 text-sm text-zinc-600">{f.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </PageShell>
  );
}
