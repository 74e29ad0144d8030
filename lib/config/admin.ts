// Founder console settings. FOUNDER_EMAILS: comma-separated addresses; a user whose VERIFIED
// email is listed becomes a platform admin at their first admin sign-in (docs/admin.md).
export function founderEmails(source: Record<string, string | undefined> = process.env): ReadonlySet<string> {
  return new Set(
    (source.FOUNDER_EMAILS ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter((email) => email.includes("@")),
  );
}
