// A workspace's accent colour as the --accent CSS variable. A <style> element carrying the
// request's CSP nonce: a style attribute would be blocked (no 'unsafe-inline' for styles).
// Only a validated #rrggbb value is ever written into it.
import { headers } from "next/headers";
import { nonceOf } from "@/lib/security/headers";

const HEX = /^#[0-9a-f]{6}$/i;

export async function AccentStyle({ color }: { color: string | null | undefined }) {
  if (!color || !HEX.test(color)) return null;
  const nonce = nonceOf((await headers()).get("content-security-policy")) ?? undefined;
  return <style nonce={nonce}>{`:root{--accent:${color.toLowerCase()}}`}</style>;
}
