"use client";
// Type the subdomain to enable the delete button (with JavaScript; without it the button is
// enabled and only the server's check applies); the server checks it again either way.
import { useId, useState } from "react";
import { FollowRedirect } from "@/components/auth/follow-redirect";
import { buttonStyles, errorText, inputStyles, labelStyles } from "@/components/ui/styles";
import { useHydrated, useToastingAction } from "@/components/ui/use-toasting-action";
import { deleteWorkspaceAction, type DangerState } from "./actions";

export function DeleteWorkspaceForm({ slug }: { slug: string }) {
  const id = useId();
  const hydrated = useHydrated();
  const [typed, setTyped] = useState("");
  const [state, action, pending] = useToastingAction<DangerState>(deleteWorkspaceAction, null);
  const matches = !hydrated || typed.trim().toLowerCase() === slug;
  return (
    <form action={action} className="flex flex-col gap-3">
      <FollowRedirect to={state?.ok ? state.redirectTo : undefined} />
      <label htmlFor={id} className={labelStyles}>
        Type <span className="font-mono font-semibold">{slug}</span> to confirm
      </label>
      <input
        id={id}
        name="confirmation"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        aria-invalid={state?.ok === false ? true : undefined}
        aria-describedby={`${id}-result`}
        className={`${inputStyles} max-w-sm`}
      />
      <p id={`${id}-result`} aria-live="polite" className={state?.ok === false ? errorText : "text-sm text-emerald-700 dark:text-emerald-400"}>
        {state?.message ?? ""}
      </p>
      <div>
        <button type="submit" disabled={!matches || pending} className={buttonStyles.danger}>
          {pending ? "Deleting…" : "Delete this workspace"}
        </button>
      </div>
    </form>
  );
}
