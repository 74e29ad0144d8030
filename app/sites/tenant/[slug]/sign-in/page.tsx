import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/fields";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeRelativePath } from "@/lib/auth/redirects";
import { currentUser } from "@/lib/auth/session";
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";
import { getRequestWorkspace } from "@/lib/tenants/overview";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Direct sign-in on a workspace host: the session cookie is this host's only.
export default async function WorkspaceSignIn({ params, searchParams }: Props) {
  const workspace = await getRequestWorkspace((await params).slug);
  if (workspace.kind === "not-found") notFound();
  const query = await searchParams;
  const callbackUrl = safeRelativePath(query.callbackUrl) ?? "/";
  if (await currentUser()) redirect(callbackUrl);
  const root = rootOrigin(getHostConfig()) ?? "/";
  return (
    <AuthCard
      title={`Sign in to ${workspace.tenant.name}`}
      footer={
        <div className="flex justify-between">
          <a href={`${root}/forgot-password`} className="font-medium text-indigo-700 underline dark:text-indigo-300">
            Forgot your password?
          </a>
          <Link href={root} className="font-medium text-indigo-700 underline dark:text-indigo-300">
            Tenantry home
          </Link>
        </div>
      }
    >
      <SignInForm callbackUrl={callbackUrl} notice={query.error !== undefined ? "That sign-in link did not work. Please sign in." : undefined} />
    </AuthCard>
  );
}
