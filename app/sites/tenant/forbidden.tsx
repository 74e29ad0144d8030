import { buttonStyles } from "@/components/ui/styles";

// 403 from the workspace layout itself: a member whose role may not open a section
// (lib/workspace/section-guard.ts). The workspace frame is not rendered; nothing of the
// section is either.
export default function SectionForbidden() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-accent">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">This section is not available to your role</h1>
      <p className="mt-4 text-zinc-600 dark:text-zinc-400">Ask an owner or an admin of this workspace if you need it.</p>
      <a href="/settings" className={`${buttonStyles.secondary} mt-8`}>
        Back to settings
      </a>
    </main>
  );
}
