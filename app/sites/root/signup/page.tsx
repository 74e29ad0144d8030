import { LinkButton } from "@/components/link-button";
import { PageShell } from "@/components/page-shell";

export const metadata = { title: "Sign up" };

export default function SignUp() {
  return (
    <PageShell>
      <section aria-labelledby="signup-title" className="mx-auto max-w-xl text-center">
        <h1 id="signup-title" className="text-3xl font-semibold tracking-tight sm:text-4xl">
          Sign-up opens soon
        </h1>
        <p className="mt-4 text-zinc-600">
          Creating your own workspace is not available yet. In the meantime, have a look around the demo.
        </p>
        <div className="mt-8 flex justify-center">
          <LinkButton href="/" variant="secondary">
            Back to the home page
          </LinkButton>
        </div>
      </section>
    </PageShell>
  );
}
