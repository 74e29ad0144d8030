// Server-action bodies Next.js cannot decode: refused with a 400 by the middleware before they
// reach Next's action handler, which would answer them with a 500 (found by e2e/fuzz.spec.ts).
//
// What React sends (encodeReply): FormData arguments as multipart/form-data (left to Next: it
// parses those without failing), everything else as ONE text/plain JSON array of the arguments,
// in which a string that starts with "$" is either escaped ("$$…") or one of the self-contained
// tags below. Tags that point at other parts of a multipart body ("$K1" FormData, "$@1"
// promise, "$F1" server reference, "$Q1" Map, "$B1" Blob, …) cannot be resolved in a
// text body, and that is what makes decodeReply throw. Pure; unit-tested.
const SELF_CONTAINED = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

export type ActionBodyVerdict = { ok: true } | { ok: false; reason: string };

export function checkActionBody(contentType: string | null, body: string): ActionBodyVerdict {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") return { ok: true };
  if (type !== "text/plain") return { ok: false, reason: "unsupported content type" };
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  if (!Array.isArray(args)) return { ok: false, reason: "not an argument list" };
  return selfContained(args, 0) ? { ok: true } : { ok: false, reason: "refers to parts a text body cannot have" };
}

function selfContained(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || SELF_CONTAINED.test(value);
  if (Array.isArray(value)) return value.every((v) => selfContained(v, depth + 1));
  if (value && typeof value === "object") return Object.values(value).every((v) => selfContained(v, depth + 1));
  return true;
}
