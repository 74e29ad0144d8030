"use client";
// Toasts: the result of an action, announced politely (an aria-live region) and dismissed after a
// few seconds or by hand. Hand-written rather than a toast library: the ones we looked at
// inject <style> tags or style attributes at runtime, which our nonce CSP blocks.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

export type ToastKind = "success" | "error" | "info";
type Toast = { id: number; kind: ToastKind; message: string };
type ToastApi = { show(message: string, kind?: ToastKind): void; success(message: string): void; error(message: string): void };

const ToastContext = createContext<ToastApi | null>(null);
const DISMISS_AFTER_MS = 5_000;

const kindStyles: Record<ToastKind, string> = {
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  error: "bg-red-50 text-red-900 ring-red-200 dark:bg-red-950 dark:text-red-100 dark:ring-red-800",
  info: "bg-white text-zinc-900 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (message: string, kind: ToastKind = "info") => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, message }]);
      setTimeout(() => dismiss(id), DISMISS_AFTER_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(() => ({ show, success: (m) => show(m, "success"), error: (m) => show(m, "error") }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      {/* A live region, not role="status": the page's own form messages are the statuses. */}
      <section aria-label="Notifications" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end sm:px-6">
        {toasts.map((t) => (
          <div key={t.id} role="status" data-toast={t.kind} className={`pointer-events-auto flex max-w-sm items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ${kindStyles[t.kind]}`}>
            <p className="flex-1">{t.message}</p>
            <button type="button" onClick={() => dismiss(t.id)} className="text-xs font-medium opacity-70 hover:opacity-100" aria-label="Dismiss">
              ✕
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

/** The toast API; outside a provider (e.g. a test rendering one component) it does nothing. */
export function useToast(): ToastApi {
  return useContext(ToastContext) ?? { show: () => {}, success: () => {}, error: () => {} };
}
