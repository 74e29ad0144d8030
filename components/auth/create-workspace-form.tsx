"use client";
// "Create another workspace" for a signed-in user (root host): name and subdomain only — the
// signed-in user becomes its owner and lands in it, signed in.
import { useActionState } from "react";
import { createWorkspaceAction, type FormState } from "@/lib/auth/actions";
import { useRedirect } from "./use-redirect";
import { RedirectFallback } from "./redirect-fallback";
import { buttonClass, FormMessage } from "./fields";
import { WorkspaceAddressFields } from "./workspace-address-fields";

export function CreateWorkspaceForm({ rootHost }: { rootHost: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createWorkspaceAction, {});
  useRedirect(state.redirectTo);
  return (
    <form action={action} className="space-y-5">
      <RedirectFallback to={state.redirectTo} />
      <FormMessage error={state.error} notice={state.notice} />
      <WorkspaceAddressFields rootHost={rootHost} initial={state.fields} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your workspace…" : "Create workspace"}
      </button>
    </form>
  );
}
