import { PageShell } from "@/components/page-shell";
import { AuthCard } from "@/components/auth/fields";
import { ForgotPasswordForm } from "@/components/auth/password-forms";

export const metadata = { title: "Reset your password" };

export default function ForgotPassword() {
  return (
    <PageShell>
      <AuthCard title="Reset your password">
        <ForgotPasswordForm />
      </AuthCard>
    </PageShell>
  );
}
