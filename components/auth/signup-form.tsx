"use client";
// Sign-up: the workspace's name and subdomain (WorkspaceAddressFields: live availability), then
// for a new account email and password — or "email me a link" instead of a password. Signed
// in (`signedIn`), only the workspace: it is created for the session's user.
import { useActionState } from "react";
import { createWorkspaceAction, signUpAction, type FormState } from "@/lib/auth/actions";
import { FollowRedirect } from "./follow-redirect";
import { buttonClass, FormMessage, inputClass, secondaryButtonClass } from "./fields";
import { WorkspaceAddressFields } from "./workspace-address-fields";

export function SignUpForm({ rootHost, signedIn = false }: { rootHost: string; signedIn?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signedIn ? createWorkspaceAction : signUpAction, {});
  return (
    <form action={action} className="space-y-5">
      <FollowRedirect to={state.redirectTo} />
      <FormMessage error={state.error} notice={state.notice} />
      <WorkspaceAddressFields rootHost={rootHost} initial={state.fields} />
      {signedIn ? null : (
        <>
          <div>
            <label htmlFor="email" className="block text-sm font-medium">
              Email
            </label>
            <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.fields?.email} className={inputClass} />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium">
              Password
            </label>
            <input id="password" name="password" type="password" autoComplete="new-password" aria-describedby="password-help" className={inputClass} />
            <p id="password-help" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              At least 10 characters.
            </p>
          </div>
        </>
      )}
      <button type="submit" name="mode" value="password" className={buttonClass} disabled={pending}>
        {pending ? "Creating your workspace…" : "Create workspace"}
      </button>
      {signedIn ? null : (
        <button type="submit" name="mode" value="link" className={secondaryButtonClass} disabled={pending} formNoValidate>
          Create it and email me a sign-in link instead
        </button>
      )}
    </form>
  );
}
