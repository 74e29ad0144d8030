"use client";
// The members screen's forms: small client components around server actions
// (useActionState), so each form shows its own result without a page reload. They work
// without JavaScript too (plain form posts to the server actions).
import { useActionState, useId, type ReactNode } from "react";
import type { ActionState } from "@/lib/members/errors";
import { confirmBeforeSubmit } from "@/components/ui/confirm-submit";

type ServerAction = (state: ActionState, form: FormData) => Promise<ActionState>;

const button = {
  primary:
    "rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60",
  secondary:
    "rounded-lg bg-white px-3 py-2 text-sm font-medium text-zinc-900 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60",
  danger:
    "rounded-lg bg-white px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:opacity-60",
} as const;

function Result({ state, id }: { state: ActionState; id: string }) {
  if (!state) return <span id={id} aria-live="polite" className="sr-only" />;
  return (
    <p id={id} role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}

/** A one-button form (resend, revoke, remove, transfer, leave) with hidden fields. */
export function ActionButton({
  action,
  fields = {},
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
}: {
  action: ServerAction;
  fields?: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: keyof typeof button;
  /** Asked before submitting (destructive actions). */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const resultId = useId();
  return (
    <form
      action={formAction}
      onSubmit={confirmBeforeSubmit(confirm)}
      className="flex flex-col items-end gap-1"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={button[variant]} disabled={pending} aria-describedby={resultId}>
        {pending ? (pendingLabel ?? label) : label}
      </button>
      <Result state={state} id={resultId} />
    </form>
  );
}

export type RoleOption = { value: string; label: string };

/** The role of one member: a select of the roles the viewer may set, and Save. */
export function RoleForm({
  action,
  membershipId,
  current,
  options,
  memberLabel,
}: {
  action: ServerAction;
  membershipId: string;
  current: string;
  options: RoleOption[];
  memberLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const selectId = useId();
  const resultId = useId();
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="membershipId" value={membershipId} />
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Role of {memberLabel}
        </label>
        <select
          id={selectId}
          name="role"
          defaultValue={current}
          aria-describedby={resultId}
          className="rounded-lg border-0 py-2 pr-8 pl-3 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 dark:ring-zinc-700"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="submit" className={button.secondary} disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
      <Result state={state} id={resultId} />
    </form>
  );
}

export function InviteForm({ action, roles, defaultRole }: { action: ServerAction; roles: RoleOption[]; defaultRole: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const emailId = useId();
  const roleId = useId();
  const resultId = useId();
  // A refusal gives the typed values back; the key remounts the form with them as defaults.
  const kept = state && !state.ok ? state.values : undefined;
  return (
    <form key={JSON.stringify(state)} action={formAction} className="flex flex-col gap-3" aria-describedby={resultId}>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Email address" htmlFor={emailId}>
          <input
            id={emailId}
            name="email"
            type="email"
            required
            autoComplete="off"
            maxLength={254}
            placeholder="name@example.com"
            defaultValue={kept?.email ?? ""}
            className="w-72 rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 dark:ring-zinc-700"
          />
        </Field>
        <Field label="Role" htmlFor={roleId}>
          <select
            id={roleId}
            name="role"
            defaultValue={kept?.role ?? defaultRole}
            className="rounded-lg border-0 py-2 pr-8 pl-3 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 dark:ring-zinc-700"
          >
            {roles.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className={button.primary} disabled={pending}>
          {pending ? "Sending…" : "Send invitation"}
        </button>
      </div>
      <Result state={state} id={resultId} />
    </form>
  );
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={htmlFor} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      {children}
    </div>
  );
}
