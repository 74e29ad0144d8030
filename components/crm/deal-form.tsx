"use client";
// Create (no `id`) or edit (with `id`) a deal: a small client component around a server action
// (useActionState). Field errors sit under their field; the amount is typed as a decimal and
// parsed on the server (lib/crm/money.ts). Posts without JavaScript too.
import Link from "next/link";
import { useActionState, useId, type ReactNode } from "react";
import { FollowRedirect } from "@/components/auth/follow-redirect";
import { buttonStyles, errorText, focusRing, inputStyles, labelStyles } from "@/components/ui/styles";
import { CURRENCIES } from "@/lib/crm/money";
import { DEAL_STAGES, STAGE_LABEL } from "@/lib/crm/stages";
import { FormResult, useResultToast, type ServerAction } from "./form-result";

export type DealFormValues = Partial<Record<"title" | "customerId" | "value" | "currency" | "ownerId" | "expectedClose" | "stage", string>>;

export function DealForm({
  action,
  id,
  initial = {},
  customers,
  members,
  submitLabel,
  pendingLabel,
}: {
  action: ServerAction;
  id?: string;
  initial?: DealFormValues;
  customers: { id: string; name: string }[];
  members: { userId: string; label: string }[];
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  useResultToast(state?.ok && state.redirectTo ? null : state);
  const resultId = useId();
  const base = useId();
  const values: DealFormValues = { ...initial, ...(state?.values ?? {}) };
  const errors = state?.ok === false ? (state.fieldErrors ?? {}) : {};

  function field(
    name: keyof DealFormValues,
    label: string,
    control: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode,
    optional = false,
    hint?: string,
  ) {
    const inputId = `${base}-${name}`;
    const error = errors[name];
    const hintId = hint ? `${inputId}-hint` : undefined;
    const errorId = error ? `${inputId}-error` : undefined;
    const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
    return (
      <div>
        <label htmlFor={inputId} className={labelStyles}>
          {label}
          {optional ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> (optional)</span> : null}
        </label>
        <div className="mt-1">
          {control({
            id: inputId,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": describedBy,
          })}
        </div>
        {hint ? (
          <p id={hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} className={`mt-1 ${errorText}`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <form key={JSON.stringify(state)} action={formAction} noValidate className="flex flex-col gap-4" aria-describedby={resultId}>
      <FollowRedirect to={state?.ok ? state.redirectTo : undefined} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("title", "Title", (p) => (
          <input {...p} name="title" required maxLength={200} autoComplete="off" defaultValue={values.title ?? ""} className={inputStyles} />
        ))}
        {field(
          "customerId",
          "Customer",
          (p) => (
            <select {...p} name="customerId" defaultValue={values.customerId ?? ""} className={inputStyles}>
              <option value="">Choose a customer…</option>
              {customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          ),
          false,
          customers.length >= 200 ? "Recently updated customers. To pick another, find it above or start from its customer page." : undefined,
        )}
        <div className="grid grid-cols-[1fr_7rem] gap-3">
          {field("value", "Value (optional)", (p) => (
            <input
              {...p}
              name="value"
              inputMode="decimal"
              autoComplete="off"
              placeholder="12,500.00"
              defaultValue={values.value ?? ""}
              className={inputStyles}
            />
          ))}
          {field("currency", "Currency", (p) => (
            <select {...p} name="currency" defaultValue={values.currency ?? "USD"} className={inputStyles}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ))}
        </div>
        {field(
          "ownerId",
          "Owner",
          (p) => (
            <select {...p} name="ownerId" defaultValue={values.ownerId ?? ""} className={inputStyles}>
              <option value="">No owner</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.label}
                </option>
              ))}
            </select>
          ),
          true,
        )}
        {field(
          "expectedClose",
          "Expected close date",
          (p) => (
            <input {...p} name="expectedClose" type="date" defaultValue={values.expectedClose ?? ""} className={inputStyles} />
          ),
          true,
        )}
        {field("stage", "Stage", (p) => (
          <select {...p} name="stage" defaultValue={values.stage ?? "LEAD"} className={inputStyles}>
            {DEAL_STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABEL[s]}
              </option>
            ))}
          </select>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {id ? null : (
          <Link href="/deals" className={`text-sm text-zinc-600 hover:underline dark:text-zinc-400 ${focusRing}`}>
            Cancel
          </Link>
        )}
      </div>
      <FormResult state={state} id={resultId} />
    </form>
  );
}
