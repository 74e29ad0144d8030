import { oauthSignInAction } from "@/lib/auth/actions";
import { configuredOAuthProviders } from "@/lib/auth/oauth";

/** "Continue with …" for each configured OAuth provider; renders nothing when none is set. */
export function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  const providers = Object.entries(configuredOAuthProviders());
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-2 border-t border-zinc-200 pt-6 dark:border-zinc-800">
      {providers.map(([id, label]) => (
        <form key={id} action={oauthSignInAction}>
          <input type="hidden" name="provider" value={id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className="w-full rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
          >
            Continue with {label}
          </button>
        </form>
      ))}
    </div>
  );
}
