import { LinkButton } from "@/components/link-button";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getHostConfig } from "@/lib/config/hosts";
import { rootOrigin } from "@/lib/hosts";

// 403 for a signed-in user who is not a member of this workspace (threat A1): no workspace data.
// Also rendered by settings/forbidden.tsx for a non-member (that boundary is for roles).
export default function Forbidden() {
  const root = rootOrigin(getHostConfig()) ?? "/";
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">403</p>
      <h1 id="forbidden-title" className="mt-2 text-3xl font-semibold tracking-tight">
        You do not have access to this workspace
      </h1>
      <p className="mt-4 text-zinc-600 dark:text-zinc-400">
        You are signed in, but not as a member of this workspace. Ask one of its owners for an invitation, or sign in with another account.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <LinkButton href={root} variant="secondary" external>
          Your workspaces
        </LinkButton>
        <SignOutButton />
      </div>
    </section>
  );
}
