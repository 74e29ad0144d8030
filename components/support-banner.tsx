// Shown on every workspace page while the session is a platform admin's support access
// (docs/admin.md): who, that it is read-only, and when it ends.
import { currentUser } from "@/lib/auth/session";

export async function SupportBanner({ tenantId }: { tenantId: string }) {
  const user = await currentUser();
  const support = user?.support;
  if (!user || !support || support.tenantId !== tenantId) return null;
  const ends = new Date(support.expiresAt);
  return (
    <div role="status" data-testid="support-banner" className="mb-6 rounded-lg bg-amber-100 px-4 py-3 text-sm font-medium text-amber-900 ring-1 ring-amber-300">
      Support access by {user.email} — read-only — ends at <time dateTime={ends.toISOString()}>{ends.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
    </div>
  );
}
