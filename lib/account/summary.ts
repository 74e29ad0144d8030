// What the account page needs about the signed-in user (a platform table: one audited read).
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";

export async function accountSummary(userId: string, client = basePrisma): Promise<{ email: string; name: string | null; hasPassword: boolean } | null> {
  const user = await crossTenant(
    { actor: { kind: "user", userId, label: "account page" }, action: "account.read", reason: "the account page shows the user's own account" },
    (tx) => tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } }),
    client,
  );
  return user ? { email: user.email, name: user.name, hasPassword: user.passwordHash !== null } : null;
}
