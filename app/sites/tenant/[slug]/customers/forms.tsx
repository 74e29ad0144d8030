"use client";
// The customers screens' forms: small client components around server actions
// (useActionState). Field errors sit under their field (aria-invalid + aria-describedby); the
// form's result is announced (role status/alert). They post to the same actions without
// JavaScript too.
import { useActionState, useId } from "react";
import { FollowRedirect } from "@/components/auth/follow-redirect";
import { FormResult as Result, type ServerAction } from "@/components/crm/form-result";
import { buttonStyles } from "@/components/ui/styles";
import { confirmBeforeSubmit } from "@/components/ui/confirm-submit";
import { useToastingAction } from "@/components/ui/use-toasting-action";

const inputClass =
  "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-accent focus:ring-inset aria-[invalid=true]:ring-red-500 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700";


export type CustomerFormValues = Partial<Record<"kind" | "name" | "email" | "phone" | "website" | "company" | "address", string>>;

/** Create (no `id`) or edit (with `id`) a customer. */
export function CustomerForm({
  action,
  id,
  initial = {},
  submitLabel,
  pendingLabel,
}: {
  action: ServerAction;
  id?: string;
  initial?: CustomerFormValues;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const resultId = useId();
  const base = useId();
  const values: CustomerFormValues = { ...initial, ...(state?.values ?? {}) };
  const errors = state?.ok === false ? (state.fieldErrors ?? {}) : {};

  function field(name: keyof CustomerFormValues, label: string, props: { type?: string; autoComplete?: string; required?: boolean; maxLength?: number; hint?: string } = {}) {
    const inputId = `${base}-${name}`;
    const errorId = `${inputId}-error`;
    const error = errors[name];
    return (
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
          {label}
          {props.required ? null : <span className="font-normal text-zinc-500 dark:text-zinc-400"> (optional)</span>}
        </label>
        {name === "address" ? (
          <textarea
            id={inputId}
            name={name}
            rows={3}
            defaultValue={values[name] ?? ""}
            maxLength={props.maxLength}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={inputClass}
          />
        ) : (
          <input
            id={inputId}
            name={name}
            type={props.type ?? "text"}
            required={props.required}
            autoComplete={props.autoComplete ?? "off"}
            maxLength={props.maxLength}
            defaultValue={values[name] ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={inputClass}
          />
        )}
        {error ? (
          <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  // key: after each result the inputs take the returned values as their defaults.
  return (
    <form key={JSON.stringify(state)} action={formAction} noValidate className="flex flex-col gap-4" aria-describedby={resultId}>
      <FollowRedirect to={state?.ok ? state.redirectTo : undefined} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <fieldset>
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Type</legend>
        <div className="mt-2 flex gap-4">
          {(
            [
              ["COMPANY", "Company"],
              ["PERSON", "Person"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value={value} defaultChecked={(values.kind ?? "COMPANY") === value} className="h-4 w-4 accent-indigo-600" />
              {label}
            </label>
          ))}
        </div>
        {errors.kind ? <p className="mt-1 text-sm text-red-700 dark:text-red-400">{errors.kind}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {field("name", "Name", { required: true, maxLength: 200 })}
        {field("company", "Company", { maxLength: 200, autoComplete: "organization" })}
        {field("email", "Email", { type: "email", maxLength: 254 })}
        {field("phone", "Phone", { type: "tel", maxLength: 50 })}
        {field("website", "Website", { type: "text", maxLength: 500 })}
      </div>
      {field("address", "Address", { maxLength: 500 })}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
      <Result state={state} id={resultId} />
    </form>
  );
}

/** Archive or restore: one button with the customer's id. */
export function CustomerActionButton({
  action,
  id,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
}: {
  action: ServerAction;
  id: string;
  label: string;
  pendingLabel: string;
  variant?: keyof typeof buttonStyles;
  confirm?: string;
}) {
  // Success swaps this button for the other one (the page refreshes), so the result is a toast
  // raised from the action's continuation, not a message inside a form that is gone.
  const [state, formAction, pending] = useToastingAction(action, null);
  const resultId = useId();
  return (
    <form
      action={formAction}
      onSubmit={confirmBeforeSubmit(confirm)}
      className="flex flex-col items-start gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={buttonStyles[variant]} disabled={pending} aria-describedby={resultId}>
        {pending ? pendingLabel : label}
      </button>
      <Result state={state} id={resultId} />
    </form>
  );
}
