"use client";
// Client forms of the founder console. Actions return `redirectTo`; FollowRedirect goes there.
import { useActionState } from "react";
import {
  adminSignInAction,
  enrollTotpAction,
  supportAccessAction,
  supportSessionAction,
  mfaResetAction,
  tenantAdminAction,
  userLockAction,
  tenantStatusAction,
  verifyTotpAction,
  type AdminFormState,
} from "@/lib/admin/actions";
import { AuthCard, buttonClass, EmailPasswordFields, FormMessage, inputClass, secondaryButtonClass } from "@/components/auth/fields";
import { FollowRedirect } from "@/components/auth/follow-redirect";
import { useRedirect } from "@/components/auth/use-redirect";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";

/**
 * The admin sign-in page's steps in ONE client component at one position of the tree: when an
 * action sets the session cookie, Next re-renders the page (and the server now sees the next
 * step), but this component keeps its state — so the recovery codes returned by the
 * enrollment stay on screen until the founder continues.
 */
export function AdminSignInFlow({ step, secret, uri, notice }: { step: "password" | "enroll" | "verify"; secret?: string; uri?: string; notice?: string }) {
  const [signInState, signInAction, signingIn] = useActionState<AdminFormState, FormData>(adminSignInAction, {});
  const [enrollState, enrollAction, enrolling] = useActionState<AdminFormState, FormData>(enrollTotpAction, {});
  const [verifyState, verifyAction, verifying] = useActionState<AdminFormState, FormData>(verifyTotpAction, {});
  // Navigation here, not in each step: a step's form is gone once the page re-renders with the next.
  useRedirect(signInState.redirectTo ?? verifyState.redirectTo ?? (enrollState.recoveryCodes ? undefined : enrollState.redirectTo));

  if (enrollState.recoveryCodes) {
    return (
      <AuthCard title="Your recovery codes">
        <div className="space-y-4">
          <FormMessage notice={enrollState.notice} />
          <p className="text-sm text-zinc-600">
            Each works once instead of a code from your app. Store them somewhere safe: they are not shown again.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono text-sm">
            {enrollState.recoveryCodes.map((code) => (
              <li key={code} className="rounded bg-zinc-100 px-2 py-1">
                {code}
              </li>
            ))}
          </ul>
          <a href="/" className={buttonClass}>
            Continue to the console
          </a>
        </div>
      </AuthCard>
    );
  }

  if (step === "enroll" && secret && uri) {
    return (
      <AuthCard title="Set up two-factor authentication">
        <div className="space-y-4 text-sm">
          <p>
            The console requires a second factor. Add this account to an authenticator app (1Password, Google Authenticator,
            …) with the setup key below, then enter the code it shows.
          </p>
          <div>
            <p className="font-medium">Setup key</p>
            <code data-testid="totp-secret" className="mt-1 block rounded bg-zinc-100 px-2 py-1 font-mono break-all">
              {secret}
            </code>
          </div>
          <div>
            <p className="font-medium">Or open this link on the device with the app</p>
            <a href={uri} className="mt-1 block font-mono text-xs break-all text-indigo-700 underline">
              {uri}
            </a>
          </div>
          <form action={enrollAction} className="space-y-4" noValidate>
            <FormMessage error={enrollState.error} />
            <CodeField label="Code from your authenticator app" />
            <button type="submit" className={buttonClass} disabled={enrolling}>
              {enrolling ? "Checking…" : "Turn on two-factor authentication"}
            </button>
          </form>
        </div>
      </AuthCard>
    );
  }

  if (step === "verify") {
    return (
      <AuthCard title="Two-factor authentication">
        <form action={verifyAction} className="space-y-4" noValidate>
          <FormMessage error={verifyState.error} />
          <CodeField label="Authentication code" hint="The 6-digit code from your authenticator app, or a recovery code." />
          <button type="submit" className={buttonClass} disabled={verifying}>
            {verifying ? "Checking…" : "Verify"}
          </button>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Founder console">
      <form action={signInAction} className="space-y-4" noValidate>
        <FormMessage error={signInState.error} notice={signInState.error ? undefined : notice} />
        <EmailPasswordFields emailAutoComplete="username" />
        <button type="submit" className={buttonClass} disabled={signingIn}>
          {signingIn ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}

function CodeField({ label, hint }: { label: string; hint?: string }) {
  return (
    <div>
      <label htmlFor="code" className="block text-sm font-medium">
        {label}
      </label>
      <input id="code" name="code" type="text" autoComplete="one-time-code" required className={inputClass} />
      {hint ? <p className="mt-1 text-xs text-zinc-500">{hint}</p> : null}
    </div>
  );
}


export function TenantStatusForm({ tenantId, change, name }: { tenantId: string; change: "suspend" | "reactivate"; name: string }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(tenantStatusAction, {});
  const verb = change === "suspend" ? "Suspend" : "Reactivate";
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="space-y-3" noValidate>
      <FormMessage error={state.error} />
      <FollowRedirect to={state.redirectTo} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="change" value={change} />
      <div>
        <label htmlFor="reason" className="block text-sm font-medium">
          Reason (recorded in the audit logs)
        </label>
        <input id="reason" name="reason" type="text" maxLength={500} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={change === "suspend" ? buttonClass.replace(/indigo/g, "red") : secondaryButtonClass}>
        {pending ? "Working…" : `${verb} ${name}`}
      </button>
    </form>
  );
}

/** One founder action on a workspace (extend trial, overrides, delete, restore). */
export function TenantAdminForm({ tenantId, op, label, danger, children }: { tenantId: string; op: "trial" | "overrides" | "delete" | "restore"; label: string; danger?: boolean; children?: React.ReactNode }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(tenantAdminAction, {});
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="space-y-3" noValidate aria-label={label}>
      <FormMessage error={state.error} />
      <FollowRedirect to={state.redirectTo} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="op" value={op} />
      {children}
      <div>
        <label htmlFor={`reason-${op}`} className="block text-sm font-medium">
          Reason: {label} (audit log)
        </label>
        <input id={`reason-${op}`} name="reason" type="text" maxLength={500} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={danger ? buttonClass.replace(/indigo/g, "red") : secondaryButtonClass}>
        {pending ? "Working…" : label}
      </button>
    </form>
  );
}

/** Lock / unlock one account (users page). */
export function UserLockForm({ userId, lock, q }: { userId: string; lock: boolean; q: string }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(userLockAction, {});
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="inline" noValidate>
      <FormMessage error={state.error} />
      <FollowRedirect to={state.redirectTo} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="lock" value={lock ? "1" : "0"} />
      <input type="hidden" name="q" value={q} />
      <button type="submit" disabled={pending} className="text-sm text-indigo-700 underline">
        {pending ? "Working…" : lock ? "Lock account" : "Unlock account"}
      </button>
    </form>
  );
}

/** Starts 30 minutes of read-only support access and opens the workspace (its own host). */
export function SupportAccessForm({ tenantId, name }: { tenantId: string; name: string }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(supportAccessAction, {});
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="space-y-3" noValidate aria-label="Support access">
      <FormMessage error={state.error} />
      <FollowRedirect to={state.redirectTo} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <div>
        <label htmlFor="reason-support" className="block text-sm font-medium">
          Reason for support access (audit log; the owners see it)
        </label>
        <input id="reason-support" name="reason" type="text" maxLength={500} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Working…" : `Open ${name} as support (read-only, 30 min)`}
      </button>
    </form>
  );
}

/** End now / widen to read-write, for one running support session (tenant page). */
export function SupportSessionForm({ tenantId, sessionId, op }: { tenantId: string; sessionId: string; op: "end" | "widen" }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(supportSessionAction, {});
  const id = `support-${op}-${sessionId}`;
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="space-y-2" noValidate aria-label={op === "end" ? "End support access" : "Widen support access"}>
      <div aria-live="polite">
        <FormMessage error={state.error} />
        <FollowRedirect to={state.redirectTo} />
      </div>
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="op" value={op} />
      {op === "widen" ? (
        <div>
          <label htmlFor={id} className="block text-sm font-medium">
            Why support must make changes (required; the owners see it)
          </label>
          <input id={id} name="reason" type="text" required minLength={5} maxLength={500} className={inputClass} />
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={op === "end" ? buttonClass.replace(/indigo/g, "red") : secondaryButtonClass}>
        {pending ? "Working…" : op === "end" ? "End now" : "Widen to read-write"}
      </button>
    </form>
  );
}

/** Reset another founder's lost second factor: a reason and YOUR current TOTP code. */
export function MfaResetForm({ userId, email, q }: { userId: string; email: string; q: string }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(mfaResetAction, {});
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-indigo-700 underline dark:text-indigo-300">Reset second factor…</summary>
      <form action={action} onSubmit={submitWithoutReset(action)} className="mt-2 max-w-xs space-y-2" noValidate aria-label={`Reset the second factor of ${email}`}>
        <div aria-live="polite">
          <FormMessage error={state.error} />
          <FollowRedirect to={state.redirectTo} />
        </div>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="q" value={q} />
        <div>
          <label htmlFor={`mfa-reason-${userId}`} className="block text-sm font-medium">
            Reason (audit log)
          </label>
          <input id={`mfa-reason-${userId}`} name="reason" type="text" required minLength={5} maxLength={500} className={inputClass} />
        </div>
        <div>
          <label htmlFor={`mfa-code-${userId}`} className="block text-sm font-medium">
            Your current authenticator code
          </label>
          <input id={`mfa-code-${userId}`} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required className={inputClass} />
        </div>
        <button type="submit" disabled={pending} className={buttonClass.replace(/indigo/g, "red")}>
          {pending ? "Working…" : `Reset ${email}'s second factor`}
        </button>
      </form>
    </details>
  );
}
