// The notes and activity of a customer or a deal, side by side (server component): the two
// detail pages render the same block for their subject. Who may edit or delete which note is
// decided here, on the server, from the member's role (lib/crm/notes.ts).
import Link from "next/link";
import type { ActivityItem } from "@/lib/crm/activity";
import { can } from "@/lib/authz/permissions";
import type { CrmActor } from "@/lib/crm/customers";
import { canDeleteNote, canEditNote, type NotePage, type NoteSubject } from "@/lib/crm/notes";
import { focusRing } from "@/components/ui/styles";
import { ActivityFeed } from "@/components/crm/activity-feed";
import { Notes } from "@/components/crm/notes";
import { createNoteAction, deleteNoteAction, updateNoteAction } from "./deals/actions";

export function NotesAndActivity({
  subject,
  actor,
  notes,
  path,
  olderThan,
  activity,
  emptyActivity,
  showDeal,
}: {
  subject: NoteSubject;
  actor: Pick<CrmActor, "role" | "userId">;
  /** One page of notes (listNotesPage): the newest, or those older than `olderThan`. */
  notes: NotePage;
  /** The detail page's own path, for the links between pages of notes. */
  path: string;
  olderThan?: string;
  activity: ActivityItem[];
  emptyActivity: string;
  /** Show which deal each note belongs to (a customer's notes span its deals). */
  showDeal?: boolean;
}) {
  return (
    <div className="grid gap-10 lg:grid-cols-2">
      <section aria-labelledby="notes-title">
        <h2 id="notes-title" className="mb-3 text-lg font-semibold">
          Notes
        </h2>
        <Notes
          subject={subject}
          canWrite={can(actor.role, "notes", "create")}
          showDeal={showDeal}
          notes={notes.items.map((n) => ({
            ...n,
            canEdit: canEditNote(actor.role, actor.userId, n),
            canDelete: canDeleteNote(actor.role, actor.userId, n),
          }))}
          actions={{ create: createNoteAction, update: updateNoteAction, remove: deleteNoteAction }}
        />
        {notes.older || olderThan ? (
          <nav aria-label="Pages of notes" className="mt-4 flex flex-wrap gap-4 text-sm">
            {olderThan ? (
              <Link href={`${path}#notes-title`} className={`font-medium text-accent hover:underline ${focusRing}`}>
                ← Newest notes
              </Link>
            ) : null}
            {notes.older ? (
              <Link href={`${path}?notesBefore=${notes.older}#notes-title`} className={`font-medium text-accent hover:underline ${focusRing}`}>
                Older notes →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
      <section aria-labelledby="activity-title">
        <h2 id="activity-title" className="mb-3 text-lg font-semibold">
          Activity
        </h2>
        <ActivityFeed items={activity} empty={emptyActivity} />
      </section>
    </div>
  );
}
