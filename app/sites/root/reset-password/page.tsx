import { PageShell } from "@/components/page-shell";
import { AuthCard } from "@/components/auth/fields";
import { ResetPasswordForm } from "@/components/auth/password-forms";
import { LinkButton } from "@/components/link-button";
import { isResetLinkUsable } from "@/lib/auth/user-tokens";

export const metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPassword({ searchParams }: Props) {
  const token = (await searchParams).token;
  // A used or expired link says so before a new password is typed for nothing. (The action
  // checks again: the link can be used up between this page and the submit.)
  if (!(await isResetLinkUsable(token))) {
    return (
      <PageShell>
        <AuthCard title="This reset link is invalid or has expired">
          <div className="space-y-4 text-sm">
            <p className="text-zinc-600 dark:text-zinc-400">Reset links work once, for one hour, and a newer one replaces the older ones.</p>
            <LinkButton href="/forgot-password">Ask for a new link</LinkButton>
          </div>
        </AuthCard>
      </PageShell>
    );
  }
  return (
    <PageShell>
      <AuthCard title="Choose a new password">
        <ResetPasswordForm token={token as string} />
      </AuthCard>
    </PageShell>
  );
}
