// Settings → Danger zone (OWNER): delete the workspace. A soft delete with a grace period
// (docs/data.md): restorable from the root site's account page until the purge.
import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { requestMembers } from "@/lib/members/request";
import { retentionDays } from "@/lib/workspace/deletion";
import { cardStyles, headingStyles, mutedText } from "@/components/ui/styles";
import { DeleteWorkspaceForm } from "./forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Danger zone" };

type Props = { params: Promise<{ slug: string }> };

export default async function DangerZonePage({ params }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/settings/danger")}`);
  if (access.kind === "forbidden") forbidden();
  if (!can(access.ctx.actor.role, "workspace", "delete")) forbidden(); // settings/forbidden.tsx
  return (
    <section className="flex flex-col gap-6">
      <h2 className={headingStyles}>Danger zone</h2>
      <div className={`${cardStyles} ring-red-200 dark:ring-red-900`}>
        <h3 className="text-lg font-semibold text-red-800 dark:text-red-300">Delete this workspace</h3>
        <p className={`mt-2 ${mutedText}`}>
          {access.tenant.name} stops working at once for everyone, and every member is told by e-mail. Its data is kept for {retentionDays()} days,
          during which an owner can restore it from their account page; after that it is removed for good. The address{" "}
          <span className="font-mono">{access.tenant.slug}</span> stays reserved and cannot be taken by anyone else. Export your data first if you want a copy.
        </p>
        <div className="mt-6">
          <DeleteWorkspaceForm slug={access.tenant.slug} />
        </div>
      </div>
    </section>
  );
}
