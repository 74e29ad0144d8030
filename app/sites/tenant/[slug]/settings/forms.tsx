"use client";
// The settings screens' forms: small client components around server actions. Each result is
// announced in the form (role status/alert) and, with JavaScript, shown as a toast
// (useToastingAction). Without JavaScript they post to the same actions and the page comes
// back with the result. An action that moves the workspace to another host (subdomain, custom
// domain) returns `redirectTo`, a handoff URL that FollowRedirect follows.
import { useId, type ReactNode } from "react";
import { FollowRedirect } from "@/components/auth/follow-redirect";
import { buttonStyles, errorText, inputStyles, labelStyles, mutedText } from "@/components/ui/styles";
import { useToastingAction } from "@/components/ui/use-toasting-action";
import type { SettingsState } from "./actions";
import { confirmBeforeSubmit } from "@/components/ui/confirm-submit";

type ServerAction = (state: SettingsState, form: FormData) => Promise<SettingsState>;

function Result({ state, id }: { state: SettingsState; id: string }) {
  return (
    <p id={id} aria-live="polite" role={state && !state.ok ? "alert" : "status"} className={state ? (state.ok ? "text-sm text-emerald-700 dark:text-emerald-400" : errorText) : "sr-only"}>
      {state?.message ?? ""}
    </p>
  );
}

/** One text field and a submit button (name, subdomain, domain). */
export function TextSettingForm({
  action,
  name,
  label,
  defaultValue = "",
  submitLabel,
  pendingLabel,
  hint,
  prefix,
  suffix,
  confirm,
  autoComplete = "off",
  placeholder,
}: {
  action: ServerAction;
  name: string;
  label: string;
  defaultValue?: string;
  submitLabel: string;
  pendingLabel?: string;
  hint?: ReactNode;
  prefix?: string;
  suffix?: string;
  confirm?: string;
  autoComplete?: string;
  placeholder?: string;
}) {
  const [state, formAction, pending] = useToastingAction(action, null);
  const id = useId();
  // A refusal gives the typed value back (the action's `values`); the key remounts the form
  // with it as the default, since React resets a form after its action.
  const shown = state?.ok === false ? (state.values?.[name] ?? defaultValue) : defaultValue;
  return (
    <form
      key={JSON.stringify(state)}
      action={formAction}
      onSubmit={confirmBeforeSubmit(confirm)}
      className="flex flex-col gap-2"
    >
      <label htmlFor={`${id}-input`} className={labelStyles}>
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div className="flex flex-1 items-center gap-1">
          {prefix ? <span className={mutedText}>{prefix}</span> : null}
          <input
            id={`${id}-input`}
            name={name}
            defaultValue={shown}
            required
            autoComplete={autoComplete}
            placeholder={placeholder}
            spellCheck={false}
            aria-invalid={state?.ok === false}
            aria-describedby={`${id}-hint ${id}-result`}
            className={inputStyles}
          />
          {suffix ? <span className={`${mutedText} whitespace-nowrap`}>{suffix}</span> : null}
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? (pendingLabel ?? submitLabel) : submitLabel}
        </button>
      </div>
      <p id={`${id}-hint`} className={mutedText}>
        {hint}
      </p>
      <Result state={state} id={`${id}-result`} />
      <FollowRedirect to={state?.redirectTo} />
    </form>
  );
}

/** A one-button form (verify, remove, open). */
export function ActionButton({
  action,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
}: {
  action: (state: SettingsState) => Promise<SettingsState>;
  label: string;
  pendingLabel?: string;
  variant?: keyof typeof buttonStyles;
  confirm?: string;
}) {
  const [state, formAction, pending] = useToastingAction(action, null);
  const id = useId();
  return (
    <form
      action={formAction}
      onSubmit={confirmBeforeSubmit(confirm)}
      className="flex flex-col gap-1"
    >
      <FollowRedirect to={state?.redirectTo} />
      <button type="submit" className={buttonStyles[variant]} disabled={pending} aria-describedby={id}>
        {pending ? (pendingLabel ?? label) : label}
      </button>
      <Result state={state} id={id} />
    </form>
  );
}

export function AccentForm({ action, current }: { action: ServerAction; current: string | null }) {
  const [state, formAction, pending] = useToastingAction(action, null);
  const id = useId();
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <label htmlFor={`${id}-color`} className={labelStyles}>
        Accent colour
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={`${id}-color`}
          type="color"
          name="accentColor"
          defaultValue={current ?? "#4f46e5"}
          aria-describedby={`${id}-result`}
          className="h-10 w-16 cursor-pointer rounded-lg bg-white ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700"
        />
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? "Saving…" : "Save colour"}
        </button>
        {current ? (
          <button type="submit" name="reset" value="1" className={buttonStyles.ghost} disabled={pending}>
            Reset to default
          </button>
        ) : null}
      </div>
      <p className={mutedText}>Buttons, links and focus rings in this workspace use it.</p>
      <Result state={state} id={`${id}-result`} />
    </form>
  );
}

export function LogoForm({ action, removeAction, hasLogo }: { action: ServerAction; removeAction: (state: SettingsState) => Promise<SettingsState>; hasLogo: boolean }) {
  const [state, formAction, pending] = useToastingAction(action, null);
  const id = useId();
  return (
    <div className="flex flex-col gap-2">
      <form action={formAction} className="flex flex-col gap-2">
        <label htmlFor={`${id}-file`} className={labelStyles}>
          Logo
        </label>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <input
            id={`${id}-file`}
            type="file"
            name="logo"
            required
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={`${id}-hint ${id}-result`}
            className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-lg file:border-0 file:bg-zinc-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-900 hover:file:bg-zinc-200 dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-100 dark:hover:file:bg-zinc-700"
          />
          <button type="submit" className={buttonStyles.primary} disabled={pending}>
            {pending ? "Uploading…" : "Upload logo"}
          </button>
        </div>
        <p id={`${id}-hint`} className={mutedText}>
          PNG, JPEG or WebP, at most 256 KiB. Shown in the workspace header.
        </p>
        <Result state={state} id={`${id}-result`} />
      </form>
      {hasLogo ? <ActionButton action={removeAction} label="Remove logo" pendingLabel="Removing…" variant="ghost" /> : null}
    </div>
  );
}
