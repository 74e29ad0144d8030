import Link from "next/link";
import { buttonStyles } from "@/components/ui/styles";
import { requestMembers } from "@/lib/members/request";
import WorkspaceForbidden from "../forbidden";

// 403 inside settings. For a member whose role may not open this section (the page called
// forbidden() after its permission check): nothing of the section, a way back. For a signed-in
// non-member (removed, or another account), the workspace's own 403 — with sign-out — since
// "your role" and "back to settings" would lead them round in a circle.
export default async function SettingsForbidden() {
  const access = await requestMembers();
  if (access.kind !== "member") return <WorkspaceForbidden />;
  return (
    <section aria-labelledby="settings-forbidden-title" className="mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold text-accent">403</p>
      <h1 id="settings-forbidden-title" className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
        This section is not available to your role
      </h1>
      <p className="mt-4 text-zinc-600 dark:text-zinc-400">Ask an owner or an admin of this workspace if you need it.</p>
      <div className="mt-8 flex justify-center">
        <Link href="/settings" className={buttonStyles.secondary}>
          Back to settings
        </Link>
      </div>
    </section>
  );
}
