import { PageShell } from "@/components/page-shell";

export const metadata = { title: "Founder console" };

export default function AdminHome() {
  return (
    <PageShell label="Founder console">
      <section aria-labelledby="console-title">
        <p className="text-sm font-semibold text-indigo-600">Founder console</p>
        <h1 id="console-title" className="mt-2 text-4xl font-semibold tracking-tight">
          Tenantry console
        </h1>
        <p className="mt-3 max-w-2xl text-zinc-600">
          Workspaces, plans and the platform audit trail will live here. Every cross-tenant action taken from this
          console is recorded with who did it and why.
        </p>
        <div className="mt-10 rounded-xl border border-dashed border-zinc-300 bg-white p-8 text-sm text-zinc-500">
          Sign-in for founders is not set up yet.
        </div>
      </section>
    </PageShell>
  );
}
