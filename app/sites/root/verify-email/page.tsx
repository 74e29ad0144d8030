import { ResendVerificationButton } from "@/components/auth/resend-verification";
import { LinkButton } from "@/components/link-button";
import { PageShell } from "@/components/page-shell";
import { currentUser } from "@/lib/auth/session";
import { verifyEmail } from "@/lib/auth/user-tokens";

export const metadata = { title: "Verify your email" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VerifyEmail({ searchParams }: Props) {
  const token = (await searchParams).token;
  const ok = typeof token === "string" && (await verifyEmail(token));
  // A bad or expired link: a signed-in user gets a new one here; others sign in and come back.
  const user = ok ? null : await currentUser();
  return (
    <PageShell>
      <section aria-labelledby="verify-title" className="mx-auto max-w-xl text-center">
        <h1 id="verify-title" className="text-3xl font-semibold tracking-tight">
          {ok ? "Your email is verified" : "This link is invalid or has expired"}
        </h1>
        <p className="mt-4 text-zinc-600 dark:text-zinc-400">
          {ok
            ? "Thanks! You can close this tab."
            : user
              ? `Verification links work once, for 24 hours. We can send a new one to ${user.email}.`
              : "Verification links work once, for 24 hours. Sign in to get a new one."}
        </p>
        {user ? <ResendVerificationButton className="mt-6 items-center" /> : null}
        <div className="mt-8 flex justify-center gap-3">
          {ok || user ? null : (
            <LinkButton href={`/sign-in?callbackUrl=${encodeURIComponent("/verify-email")}`}>Sign in</LinkButton>
          )}
          <LinkButton href="/" variant="secondary">
            Go to Tenantry
          </LinkButton>
        </div>
      </section>
    </PageShell>
  );
}
