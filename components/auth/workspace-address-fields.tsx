"use client";
// The workspace's name and subdomain, shared by signup and "create another workspace": the
// subdomain is pre-filled from the name until edited, and checked live (debounced) against
// /api/subdomains/check, with available suggestions to pick from.
import { useEffect, useState } from "react";
import { subdomainFromName } from "@/lib/tenants/subdomain-rules";
import { inputClass } from "./fields";

type Availability = { name: string; available: boolean; reason?: string; suggestions?: string[] };

export function WorkspaceAddressFields({ rootHost, initial }: { rootHost: string; initial?: { workspaceName?: string; subdomain?: string } }) {
  const [workspaceName, setWorkspaceName] = useState(initial?.workspaceName ?? "");
  const [subdomain, setSubdomain] = useState(initial?.subdomain ?? "");
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
    <>
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
    </>
  );
}
