import Link from "next/link";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/page-shell";
import { AuthCard } from "@/components/auth/fields";
import { SignInForm } from "@/components/auth/sign-in-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { safeRedirect } from "@/lib/auth/redirects";
import { currentUser } from "@/lib/auth/session";
import { getHostConfig } from "@/lib/config/hosts";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignIn({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirect(params.callbackUrl, getHostConfig(), "/");
  if (await currentUser()) redirect(callbackUrl);
  const notice =
    params.reset !== undefined ? "Your password was changed. Sign in with the new one." : params.error !== undefined ? "That link did not work. Please sign in." : undefined;
  return (
    <PageShell>
      <AuthCard
        title="Sign in to Tenantry"
        footer={
          <div className="flex justify-between">
            <Link href="/forgot-password" className="font-medium text-indigo-700 underline dark:text-indigo-300">
              Forgot your password?
            </Link>
            <Link href="/signup" className="font-medium text-indigo-700 underline dark:text-indigo-300">
              Create a workspace
            </Link>
          </div>
        }
      >
        <SignInForm callbackUrl={callbackUrl} notice={notice} />
        <OAuthButtons callbackUrl={callbackUrl} />
      </AuthCard>
    </PageShell>
  );
}
