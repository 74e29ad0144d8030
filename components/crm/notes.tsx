"use client";
// Notes on a customer or a deal: a composer (roles that may write), and the list with author and
// time; the author edits their own notes in place, and deletes them (owners and admins delete
// any). Which buttons show is decided on the server (lib/crm/notes.ts canEditNote /
// canDeleteNote) — the server re-checks on every action.
import Link from "next/link";
import { useActionState, useId, useState } from "react";
import { buttonStyles, focusRing, inputStyles, labelStyles } from "@/components/ui/styles";
import { NOTE_MAX_LENGTH } from "@/lib/crm/note-limits";
import { ActionButton } from "./action-button";
import { FormResult, useResultToast, type ServerAction } from "./form-result";

export type NoteItem = {
  id: string;
  body: string;
  author: string | null;
  dealId: string | null;
  dealTitle: string | null;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
  canDelete: boolean;
};

const timeFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function Notes({
  subject,
  notes,
  canWrite,
  showDeal,
  actions,
}: {
  subject: { customerId: string } | { dealId: string };
  notes: NoteItem[];
  canWrite: boolean;
  /** On a customer's page: say which deal a note is on. */
  showDeal?: boolean;
  actions: { create: ServerAction; update: ServerAction; remove: ServerAction };
}) {
  return (
    <div className="flex flex-col gap-4">
      {canWrite ? <Composer subject={subject} action={actions.create} /> : null}
      {notes.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{canWrite ? "No notes yet. Write the first one above." : "No notes yet."}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Notes">
          {notes.map((note) => (
            <NoteCard key={`${note.id}:${note.updatedAt}`} note={note} showDeal={showDeal} actions={actions} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Composer({ subject, action }: { subject: { customerId: string } | { dealId: string }; action: ServerAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  useResultToast(state);
  const id = useId();
  const resultId = useId();
  const error = state?.ok === false ? state.fieldErrors?.body : undefined;
  return (
    // key: a saved note clears the box; a refused one keeps what was typed.
    <form key={state?.ok ? JSON.stringify(state) : "composer"} action={formAction} className="flex flex-col gap-2" aria-describedby={resultId}>
      {"dealId" in subject ? (
        <input type="hidden" name="dealId" value={subject.dealId} />
      ) : (
        <input type="hidden" name="customerId" value={subject.customerId} />
      )}
      <label htmlFor={id} className={labelStyles}>
        Add a note
      </label>
      <textarea
        id={id}
        name="body"
        rows={3}
        maxLength={NOTE_MAX_LENGTH}
        defaultValue={state?.ok === false ? (state.values?.body ?? "") : ""}
        aria-invalid={error ? true : undefined}
        className={inputStyles}
      />
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? "Adding…" : "Add note"}
        </button>
      </div>
      <FormResult state={state} id={resultId} />
    </form>
  );
}

function NoteCard({ note, showDeal, actions }: { note: NoteItem; showDeal?: boolean; actions: { update: ServerAction; remove: ServerAction } }) {
  const [editing, setEditing] = useState(false);
  const edited = Date.parse(note.updatedAt) - Date.parse(note.createdAt) > 1_000;
  return (
    <li className="rounded-xl bg-white p-4 text-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      {editing ? (
        <EditNote note={note} action={actions.update} onDone={() => setEditing(false)} />
      ) : (
        <p className="break-words whitespace-pre-line text-zinc-900 dark:text-zinc-100">{note.body}</p>
      )}
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          <span>{note.author ?? "Deleted user"}</span> · <time dateTime={note.createdAt}>{timeFormat.format(new Date(note.createdAt))}</time>
          {edited ? " · edited" : ""}
          {showDeal && note.dealId ? (
            <>
              {" · on "}
              <Link href={`/deals/${note.dealId}`} className={`text-accent hover:underline ${focusRing}`}>
                {note.dealTitle ?? "a deal"}
              </Link>
            </>
          ) : null}
        </p>
        {!editing && (note.canEdit || note.canDelete) ? (
          <div className="flex items-center gap-2">
            {note.canEdit ? (
              <button type="button" className={buttonStyles.ghost} onClick={() => setEditing(true)} aria-label="Edit note">
                Edit
              </button>
            ) : null}
            {note.canDelete ? (
              <ActionButton
                action={actions.remove}
                id={note.id}
                label="Delete"
                accessibleLabel="Delete note"
                pendingLabel="Deleting…"
                variant="ghost"
                confirm="Delete this note?"
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

function EditNote({ note, action, onDone }: { note: NoteItem; action: ServerAction; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  useResultToast(state);
  const id = useId();
  const resultId = useId();
  return (
    <form action={formAction} className="flex flex-col gap-2" aria-describedby={resultId}>
      <input type="hidden" name="id" value={note.id} />
      <label htmlFor={id} className="sr-only">
        Edit note
      </label>
      <textarea id={id} name="body" rows={3} maxLength={NOTE_MAX_LENGTH} defaultValue={state?.values?.body ?? note.body} className={inputStyles} autoFocus />
      <div className="flex gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? "Saving…" : "Save note"}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormResult state={state} id={resultId} />
    </form>
  );
}
