// Shown on every workspace page while the session is a platform admin's support access
// (docs/admin.md): who, whether it can change anything, and when it ends. Read from the live
// support_session row, so widening or ending it in the console shows at the next page.
import { currentUser } from "@/lib/auth/session";
import { liveSupport } from "@/lib/auth/support-session";

export async function SupportBanner({ tenantId }: { tenantId: string }) {
  const user = await currentUser();
  if (!user?.support || user.support.tenantId !== tenantId) return null;
  const live = await liveSupport(user.support, tenantId);
  if (!live) return null;
  const ends = live.expiresAt;
  const writable = live.mode === "READ_WRITE";
  return (
    <div
      role="status"
      data-testid="support-banner"
      data-mode={writable ? "read-write" : "read-only"}
      className={
        writable
          ? "mb-6 rounded-lg bg-red-100 px-4 py-3 text-sm font-medium text-red-900 ring-1 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-800"
          : "mb-6 rounded-lg bg-amber-100 px-4 py-3 text-sm font-medium text-amber-900 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800"
      }
    >
      Support access by {live.adminLabel} — {writable ? "can make changes" : "read-only"} — ends at{" "}
      <time dateTime={ends.toISOString()}>{ends.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
    </div>
  );
}
