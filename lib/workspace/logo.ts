// What a workspace logo may be. Pure. PNG, JPEG and WebP only, recognised by their magic
// bytes (the file name and the browser's type are ignored). SVG is refused: it is a document
// that can carry script, and a logo does not need it.
export const LOGO_MAX_BYTES = 256 * 1024;

export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoContentType = (typeof LOGO_TYPES)[number];

export type LogoVerdict = { ok: true; contentType: LogoContentType } | { ok: false; reason: string };

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function sniffLogo(bytes: Uint8Array): LogoVerdict {
  if (bytes.byteLength === 0) return { ok: false, reason: "Choose an image file." };
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, reason: "The logo must be at most 256 KiB." };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, contentType: "image/png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, contentType: "image/jpeg" };
  if (bytes.byteLength >= 12 && startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { ok: true, contentType: "image/webp" };
  return { ok: false, reason: "Use a PNG, JPEG or WebP image (SVG is not accepted)." };
}

/** Is `value` one of the types sniffLogo() stores? (The route re-checks what it serves.) */
export function isLogoContentType(value: unknown): value is LogoContentType {
  return typeof value === "string" && (LOGO_TYPES as readonly string[]).includes(value);
}
