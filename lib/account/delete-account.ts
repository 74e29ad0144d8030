// A signed-in user deletes their own account (docs/data.md). Refused while they are the only
// OWNER of a workspace that is not deleted (transfer ownership or delete the workspace first).
// The user row goes; its memberships, linked OAuth accounts and tokens cascade with it, while
// the notes and deals they wrote stay (author/owner become NULL: "Deleted user"). Every
// session ends because session checks find no user (lib/auth/session-version.ts). Memberships
// span tenants, so this is one crossTenant transaction (platform audit event) that also writes
// an audit entry in each workspace the user belonged to.
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { forgetSessionVersion } from "@/lib/auth/session-version";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";

type Client = typeof basePrisma;
export type AccountDeletionResult = { ok: true } | { ok: false; message: string; field?: "confirmation" | "password" };

const inputSchema = z.object({ confirmation: z.string().max(320).catch(""), password: z.string().max(1_000).catch("") });

class Refused extends Error {
  constructor(
    message: string,
    readonly field?: "confirmation" | "password",
  ) {
    super(message);
  }
}

const actorOf = (userId: string, email: string) => ({ kind: "user", userId, label: email }) as const;

/** The workspaces (not deleted) in which this user is the only owner: they block deletion. */
export async function soleOwnerships(userId: string, client: Client = basePrisma): Promise<{ slug: string; name: string }[]> {
  return crossTenant(
    { actor: actorOf(userId, "account page"), action: "account.sole_ownerships", reason: "account deletion is refused while the user is a workspace's only owner" },
    async (tx) => {
      const owned = await tx.membership.findMany({
        where: { userId, role: "OWNER", tenant: { status: { not: "DELETED" } } },
        select: { tenantId: true, tenant: { select: { slug: true, name: true } } },
      });
      const blocking: { slug: string; name: string }[] = [];
      for (const m of owned) {
        const owners = await tx.membership.count({ where: { tenantId: m.tenantId, role: "OWNER" } });
        if (owners === 1) blocking.push(m.tenant);
      }
      return blocking;
    },
    client,
  );
}

/** `confirmation` must be the account's e-mail address; `password` is checked when the account has one. */
export async function deleteAccount(userId: string, raw: { confirmation?: unknown; password?: unknown }, { client = basePrisma }: { client?: Client } = {}): Promise<AccountDeletionResult> {
  const input = inputSchema.parse(raw);
  try {
    const user = await crossTenant(
      { actor: actorOf(userId, "account deletion"), action: "account.delete.check", reason: "verify the password before deleting the account" },
      (tx) => tx.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } }),
      client,
    );
    if (!user) return { ok: false, message: "This account no longer exists." };
    if (input.confirmation.trim().toLowerCase() !== user.email) throw new Refused(`Type your e-mail address (${user.email}) to confirm.`, "confirmation");
    if (user.passwordHash) {
      // Outside any transaction: scrypt takes a while.
      if (!(await verifyPassword(input.password, user.passwordHash))) throw new Refused("That password is not correct.", "password");
    } else {
      await burnPasswordCheck(input.password); // same timing either way
    }
    await crossTenant(
      { actor: actorOf(userId, user.email), action: "account.delete", reason: "the user deleted their own account", data: { email: user.email } },
      async (tx) => {
        const memberships = await tx.membership.findMany({
          where: { userId },
          select: { tenantId: true, role: true, tenant: { select: { name: true, status: true } } },
        });
        // Lock each workspace's owner rows (as lib/members does) so a concurrent demotion
        // cannot leave a workspace ownerless between the check and the delete.
        const blocking: string[] = [];
        for (const m of memberships) {
          if (m.role !== "OWNER" || m.tenant.status === "DELETED") continue;
          await tx.membership.updateMany({ where: { tenantId: m.tenantId, role: "OWNER" }, data: { role: "OWNER" } });
          if ((await tx.membership.count({ where: { tenantId: m.tenantId, role: "OWNER" } })) === 1) blocking.push(m.tenant.name);
        }
        if (blocking.length > 0) {
          throw new Refused(
            `You are the only owner of ${blocking.map((n) => `“${n}”`).join(", ")}. Make another member an owner (Members → Transfer ownership) or delete the workspace first.`,
          );
        }
        for (const m of memberships) {
          await tx.auditLog.create({
            data: { tenantId: m.tenantId, actorId: userId, actorLabel: user.email, action: "member.account_deleted", targetType: "membership", targetId: userId, data: { role: m.role } },
          });
        }
        // Handoff tickets carry the user id without a foreign key.
        await tx.handoffToken.deleteMany({ where: { userId } });
        await tx.user.delete({ where: { id: userId } });
      },
      client,
    );
    forgetSessionVersion(userId);
    return { ok: true };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: error.message, field: error.field };
    throw error;
  }
}
