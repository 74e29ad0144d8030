"use client";
// Account page forms: restore one workspace; delete the account (typed e-mail + password).
// Both work without JavaScript (useToastingAction: a plain form post until hydrated); the delete
// button waits for the typed address only once hydrated — the action checks it either way, and
// on success redirects on the server (actions.ts).
import { useId, useState } from "react";
import { buttonStyles, errorText, inputStyles, labelStyles } from "@/components/ui/styles";
import { useHydrated, useToastingAction } from "@/components/ui/use-toasting-action";
import { deleteAccountAction, restoreWorkspaceAction } from "./actions";

export function RestoreWorkspaceButton({ tenantId, name }: { tenantId: string; name: string }) {
  const [state, action, pending] = useToastingAction(restoreWorkspaceAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="tenantId" value={tenantId} />
      <button type="submit" disabled={pending} aria-label={`Restore ${name}`} className={buttonStyles.secondary}>
        {pending ? "Restoring…" : "Restore"}
      </button>
      <p aria-live="polite" className={state?.ok === false ? errorText : "sr-only"}>
        {state?.message ?? ""}
      </p>
    </form>
  );
}

export function DeleteAccountForm({ email, hasPassword, blocked }: { email: string; hasPassword: boolean; blocked: boolean }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [state, action, pending] = useToastingAction(deleteAccountAction, null);
  const hydrated = useHydrated();
  const matches = typed.trim().toLowerCase() === email;
  return (
    <form action={action} className="flex flex-col gap-4">
      <div>
        <label htmlFor={`${id}-confirm`} className={labelStyles}>
          Type your e-mail address <span className="font-mono">{email}</span> to confirm
        </label>
        <input
          id={`${id}-confirm`}
          name="confirmation"
          type="email"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-invalid={state?.field === "confirmation" ? true : undefined}
          className={`${inputStyles} mt-1 max-w-sm`}
        />
      </div>
      {hasPassword ? (
        <div>
          <label htmlFor={`${id}-password`} className={labelStyles}>
            Your password
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={state?.field === "password" ? true : undefined}
            className={`${inputStyles} mt-1 max-w-sm`}
          />
        </div>
      ) : null}
      <p aria-live="polite" role={state?.ok === false ? "alert" : undefined} className={errorText}>
        {state?.ok === false ? state.message : ""}
      </p>
      <div>
        <button type="submit" disabled={(hydrated && !matches) || pending || blocked} className={buttonStyles.danger}>
          {pending ? "Deleting…" : "Delete my account"}
        </button>
      </div>
    </form>
  );
}
