// The longest note, shared by the server's validation (lib/crm/notes.ts) and the textarea.
export const NOTE_MAX_LENGTH = 5_000;
