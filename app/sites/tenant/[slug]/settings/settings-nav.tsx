"use client";
// The settings sub-navigation: the links the server decided this role may use; marks the
// current one (aria-current) for screen readers and sighted users alike.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "@/components/ui/styles";

export type SettingsLink = { href: string; label: string };

export function SettingsNav({ links }: { links: SettingsLink[] }) {
  const pathname = usePathname();
  // On a workspace host the browser path is /settings/…; the rewritten one ends the same way.
  const current = links
    .filter((l) => pathname === l.href || pathname.endsWith(l.href) || pathname.startsWith(`${l.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Settings" className="-mx-2 flex gap-1 overflow-x-auto md:mx-0 md:flex-col">
      {links.map((link) => {
        const active = link.href === current;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap ${focusRing} ${
              active
                ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100"
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
