"use client";
// Sign-up: workspace name, subdomain (pre-filled from the name until edited) with a live,
// debounced availability check against /api/subdomains/check, email, password — or "email me
// a link" instead of a password.
import { useActionState, useEffect, useState } from "react";
import { signUpAction, type FormState } from "@/lib/auth/actions";
import { subdomainFromName } from "@/lib/tenants/subdomain-rules";
import { useRedirect } from "./use-redirect";
import { buttonClass, FormMessage, inputClass, secondaryButtonClass } from "./fields";

type Availability = { name: string; available: boolean; reason?: string; suggestions?: string[] };

export function SignUpForm({ rootHost }: { rootHost: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  useRedirect(state.redirectTo);
  const [workspaceName, setWorkspaceName] = useState(state.fields?.workspaceName ?? "");
  const [subdomain, setSubdomain] = useState(state.fields?.subdomain ?? "");
  const [edited, setEdited] = useState(false);
  const [check, setCheck] = useState<Availability | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const name = subdomain.trim();
    if (!name) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        const res = await fetch(`/api/subdomains/check?name=${encodeURIComponent(name)}`, { signal: controller.signal });
        const body = (await res.json()) as Availability & { error?: string };
        setCheck(res.ok ? body : { name, available: false, reason: body.error ?? "Could not check this name right now." });
      } catch {
        /* aborted or offline: keep the last answer */
      } finally {
        setChecking(false);
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [subdomain]);

  const current = check && check.name === subdomain.trim().toLowerCase() ? check : null;
  const showCheck = subdomain.trim() !== "";

  return (
    <form action={action} className="space-y-5">
      <FormMessage error={state.error} notice={state.notice} />
      <div>
        <label htmlFor="workspaceName" className="block text-sm font-medium">
          Workspace name
        </label>
        <input
          id="workspaceName"
          name="workspaceName"
          required
          maxLength={80}
          value={workspaceName}
          onChange={(e) => {
            setWorkspaceName(e.target.value);
            if (!edited) setSubdomain(subdomainFromName(e.target.value));
          }}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="subdomain" className="block text-sm font-medium">
          Subdomain
        </label>
        <div className="mt-1 flex items-center gap-2">
          <input
            id="subdomain"
            name="subdomain"
            required
            maxLength={63}
            autoCapitalize="none"
            spellCheck={false}
            value={subdomain}
            onChange={(e) => {
              setEdited(true);
              setSubdomain(e.target.value);
            }}
            aria-describedby="subdomain-status"
            aria-invalid={current ? !current.available : undefined}
            className={`${inputClass} mt-0`}
          />
          <span className="shrink-0 text-sm text-zinc-500 dark:text-zinc-400">.{rootHost}</span>
        </div>
        <div id="subdomain-status" aria-live="polite" className="mt-1 min-h-5 text-sm">
          {!showCheck ? null : checking && !current ? (
            <span className="text-zinc-500 dark:text-zinc-400">Checking…</span>
          ) : current?.available ? (
            <span className="text-emerald-700 dark:text-emerald-300">{current.name}.{rootHost} is available.</span>
          ) : current ? (
            <span className="text-red-700 dark:text-red-400">
              {current.reason}
              {current.suggestions && current.suggestions.length > 0 ? (
                <>
                  {" "}
                  Try:{" "}
                  {current.suggestions.map((s, i) => (
                    <span key={s}>
                      {i > 0 ? ", " : ""}
                      <button
                        type="button"
                        className="font-medium text-indigo-700 underline dark:text-indigo-300"
                        onClick={() => {
                          setEdited(true);
                          setSubdomain(s);
                        }}
                      >
                        {s}
                      </button>
                    </span>
                  ))}
                </>
              ) : null}
            </span>
          ) : null}
        </div>
      </div>
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
      <button type="submit" name="mode" value="password" className={buttonClass} disabled={pending}>
        {pending ? "Creating your workspace…" : "Create workspace"}
      </button>
      <button type="submit" name="mode" value="link" className={secondaryButtonClass} disabled={pending} formNoValidate>
        Create it and email me a sign-in link instead
      </button>
    </form>
  );
}
