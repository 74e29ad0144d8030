import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { adminSignOutAction } from "@/lib/admin/actions";
import { PageShell } from "@/components/page-shell";
import { adminState } from "@/lib/admin/session";

// Per request: every admin page checks the founder's session (requirePlatformAdmin) itself.
export const dynamic = "force-dynamic";
export const metadata = { title: { default: "Founder console", template: "%s · Founder console" }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const state = await adminState();
  const signedIn = state.kind !== "signed-out";
  return (
    <PageShell label="Founder console" actions={signedIn ? <SignOutButton action={adminSignOutAction} /> : undefined}>
      {state.kind === "admin" ? (
        <nav aria-label="Console" className="mb-8 flex gap-4 text-sm font-medium">
          <a href="/" className="text-indigo-700 hover:underline">
            Overview
          </a>
          <a href="/tenants" className="text-indigo-700 hover:underline">
            Tenants
          </a>
          <a href="/users" className="text-indigo-700 hover:underline">
            Users
          </a>
          <a href="/audit" className="text-indigo-700 hover:underline">
            Audit log
          </a>
        </nav>
      ) : null}
      {children}
    </PageShell>
  );
}
