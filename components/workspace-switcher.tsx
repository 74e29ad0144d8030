"use client";
// "Switch workspace" in the workspace header: loads the member's other workspaces from
// /api/workspace/switcher when first opened (see that route for why not at render time).
import { useEffect, useRef, useState } from "react";

type Entry = { slug: string; name: string; url: string };
type Loaded = { workspaces: Entry[]; all: string | null };

export function WorkspaceSwitcher({ className }: { className: string }) {
  const [data, setData] = useState<Loaded | "loading" | "error" | null>(null);
  const details = useRef<HTMLDetailsElement>(null);

  async function load() {
    if (data !== null && data !== "error") return;
    setData("loading");
    try {
      const res = await fetch("/api/workspace/switcher", { cache: "no-store", credentials: "same-origin" });
      setData(res.ok ? ((await res.json()) as Loaded) : "error");
    } catch {
      setData("error");
    }
  }

  // Opened before hydration (a quick click on a fresh page): no toggle event reached React.
  useEffect(() => {
    if (details.current?.open) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  return (
    <details ref={details} className="relative" onToggle={(event) => void (event.currentTarget.open && load())}>
      <summary className={`${className} cursor-pointer list-none`}>
        Switch workspace <span aria-hidden="true">▾</span>
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-64 rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        {data === null || data === "loading" ? (
          <p className="px-4 py-2 text-zinc-500 dark:text-zinc-400">Loading…</p>
        ) : data === "error" ? (
          <p role="alert" className="px-4 py-2 text-red-700 dark:text-red-400">
            Could not load your workspaces.
          </p>
        ) : (
          <>
            {data.workspaces.length === 0 ? (
              <p className="px-4 py-2 text-zinc-500 dark:text-zinc-400">You have no other workspaces.</p>
            ) : (
              <ul aria-label="Your other workspaces">
                {data.workspaces.map((w) => (
                  <li key={w.slug}>
                    <a href={w.url} className="block px-4 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-800">
                      <span className="font-medium">{w.name}</span> <span className="text-zinc-500 dark:text-zinc-400">{w.slug}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {data.all ? (
              <a href={data.all} className="block border-t border-zinc-100 px-4 py-2 text-indigo-700 hover:bg-zinc-50 dark:text-indigo-300 dark:hover:bg-zinc-800">
                All your workspaces
              </a>
            ) : null}
          </>
        )}
      </div>
    </details>
  );
}
