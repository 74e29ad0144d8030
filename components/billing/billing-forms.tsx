"use client";
// The billing page's buttons: each runs its server action, shows a refusal inline, or navigates
// the browser to the Stripe page the action returned (FollowRedirect: a full navigation, or a
// "Continue" link without JavaScript).
import { useActionState, type ReactNode } from "react";
import { FollowRedirect } from "@/components/auth/follow-redirect";

export type BillingActionState = { error?: string; redirectTo?: string };
type Action = (state: BillingActionState, form: FormData) => Promise<BillingActionState>;

export function BillingActionForm({
  action,
  hidden = {},
  className,
  buttonClassName,
  children,
}: {
  action: Action;
  hidden?: Record<string, string>;
  className?: string;
  buttonClassName?: string;
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending || Boolean(state.redirectTo)} className={buttonClassName}>
        {children}
      </button>
      {state.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      <FollowRedirect to={state.redirectTo} />
    </form>
  );
}
