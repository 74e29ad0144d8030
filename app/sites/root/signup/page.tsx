import Link from "next/link";
import { PageShell } from "@/components/page-shell";
import { AuthCard } from "@/components/auth/fields";
import { SignUpForm } from "@/components/auth/signup-form";
import { getHostConfig } from "@/lib/config/hosts";

export const metadata = { title: "Sign up" };
export const dynamic = "force-dynamic";

export default function SignUp() {
  return (
    <PageShell>
      <AuthCard
        title="Create your workspace"
        footer={
          <>
            Already have an account?{" "}
            <Link href="/sign-in" className="font-medium text-indigo-700 underline dark:text-indigo-300">
              Sign in
            </Link>{" "}
            first, then create another workspace.
          </>
        }
      >
        <SignUpForm rootHost={getHostConfig().rootDomain} />
      </AuthCard>
    </PageShell>
  );
}
