// Signup on the root host. Signed out: a new account and its first workspace. Signed in:
// "create another workspace" for that account (name and subdomain only).
import Link from "next/link";
import { PageShell } from "@/components/page-shell";
import { AuthCard } from "@/components/auth/fields";
import { SignUpForm } from "@/components/auth/signup-form";
import { getHostConfig } from "@/lib/config/hosts";
import { currentUser } from "@/lib/auth/session";

export const metadata = { title: "Sign up" };
export const dynamic = "force-dynamic";

const linkClass = "font-medium text-indigo-700 underline dark:text-indigo-300";

export default async function SignUp() {
  const user = await currentUser();
  const rootHost = getHostConfig().rootDomain;
  if (user && !user.support) {
    return (
      <PageShell>
        <AuthCard
          title="Create another workspace"
          footer={
            <>
              Signed in as {user.email}: you will be its owner.{" "}
              <Link href="/" className={linkClass}>
                Back to your workspaces
              </Link>
            </>
          }
        >
          <SignUpForm rootHost={rootHost} signedIn />
        </AuthCard>
      </PageShell>
    );
  }
  return (
    <PageShell>
      <AuthCard
        title="Create your workspace"
        footer={
          <>
            Already have an account?{" "}
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent("/signup")}`} className={linkClass}>
              Sign in
            </Link>{" "}
            first, then create another workspace.
          </>
        }
      >
        <SignUpForm rootHost={rootHost} />
      </AuthCard>
    </PageShell>
  );
}
