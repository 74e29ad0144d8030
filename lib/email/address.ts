// Recipient validation (threat A5: a malformed address reaches at most one recipient).
// Exactly one plain address: no display name, no list, no group, no quoting or comments, no
// whitespace or control characters (CRLF header injection), one "@", and the zod e-mail shape.
// Pure: unit-tested in test/unit/email-address.test.ts.
import { z } from "zod";

export class InvalidRecipientError extends Error {
  override name = "InvalidRecipientError";
}

const emailShape = z.email();

/** Characters that never appear in one plain address but do in lists, names or injections. */
const FORBIDDEN = /[\s,;<>"()[\]\\:]|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * Returns the one address in `input` (trimmed, domain lower-cased) or throws
 * InvalidRecipientError. The message never echoes the input (it may be attacker-controlled).
 */
export function parseRecipient(input: unknown): string {
  if (typeof input !== "string") throw new InvalidRecipientError("recipient must be a string with one e-mail address");
  const value = input.trim();
  if (value.length === 0 || value.length > 254) throw new InvalidRecipientError("recipient must be one e-mail address of at most 254 characters");
  if (FORBIDDEN.test(value)) {
    throw new InvalidRecipientError("recipient must be exactly one plain e-mail address (no names, lists, brackets, quotes or line breaks)");
  }
  const at = value.indexOf("@");
  if (at <= 0 || at !== value.lastIndexOf("@")) throw new InvalidRecipientError("recipient must contain exactly one @");
  if (!emailShape.safeParse(value).success) throw new InvalidRecipientError("recipient is not a valid e-mail address");
  return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
}

/** True when `input` is exactly one acceptable address. */
export function isValidRecipient(input: unknown): boolean {
  try {
    parseRecipient(input);
    return true;
  } catch {
    return false;
  }
}
