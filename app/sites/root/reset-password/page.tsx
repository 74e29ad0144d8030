import { PageShell } from "@/components/page-shell";
import { AuthCard } from "@/components/auth/fields";
import { ResetPasswordForm } from "@/components/auth/password-forms";

export const metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPassword({ searchParams }: Props) {
  const token = (await searchParams).token;
  return (
    <PageShell>
      <AuthCard title="Choose a new password">
        <ResetPasswordForm token={typeof token === "string" ? token : ""} />
      </AuthCard>
    </PageShell>
  );
}
