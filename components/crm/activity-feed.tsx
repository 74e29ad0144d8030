// An activity feed (server component): who did what, to what, when — from lib/crm/activity.ts.
import Link from "next/link";
import type { ActivityItem } from "@/lib/crm/activity";
import { focusRing } from "@/components/ui/styles";
import { dateTimeFormat } from "./format";

export function ActivityFeed({ items, empty }: { items: ActivityItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <ol className="flex flex-col gap-3 border-l border-zinc-200 pl-4 dark:border-zinc-800">
      {items.map((item) => (
        <li key={item.id} className="relative text-sm">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.3rem] h-2 w-2 rounded-full bg-accent" />
          <p className="text-zinc-800 dark:text-zinc-200">
            <span className="font-medium">{item.actor}</span> {item.summary}{" "}
            {item.subject ? (
              item.subject.href ? (
                <Link href={item.subject.href} className={`font-medium text-accent hover:underline ${focusRing}`}>
                  {item.subject.label}
                </Link>
              ) : (
                <span className="font-medium">{item.subject.label}</span>
              )
            ) : null}
          </p>
          {item.detail ? <p className="mt-0.5 line-clamp-2 text-zinc-600 dark:text-zinc-400">{item.detail}</p> : null}
          <time dateTime={item.createdAt} className="text-xs text-zinc-500 dark:text-zinc-400">
            {dateTimeFormat.format(new Date(item.createdAt))}
          </time>
        </li>
      ))}
    </ol>
  );
}
