// Accepting an invitation as a NEW user: the invited address has no account yet. The account
// (email fixed to the invited one, verified — the link reached that inbox) and the membership
// are created in ONE transaction: crossTenant() creates the app_user row (identity is
// platform data), then withinTenant() drops back to the app role bound to this workspace and
// runs the same acceptance as everyone else (acceptInTransaction). Any refusal — link used,
// revoked, expired, address taken meanwhile — rolls the account back too: nothing half-done.
import { syncSeatsAfterChange } from "./seats";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import { withinTenant } from "@/lib/db/tenant-in-platform";
import { Prisma } from "@/lib/generated/prisma/client";
import { acceptInTransaction, lookupInvitation, type AcceptResult } from "./accept";
import { clock, MembersError } from "./context";
import { forTenant } from "@/lib/db/tenant";

export const ACCOUNT_EXISTS = "An account with this email already exists. Sign in to accept the invitation.";

export type NewUserInput = { name: unknown; password: unknown };

export async function acceptInvitationAsNewUser(
  ctx: { tenantId: string; now?: () => Date; /** tests: the app-role client */ client?: typeof basePrisma },
  token: unknown,
  input: NewUserInput,
): Promise<AcceptResult & { userId: string; email: string }> {
  const name = typeof input.name === "string" ? input.name.trim().replace(/\s+/g, " ") : "";
  if (name.length < 1 || name.length > 80) throw new MembersError("invalid", "Enter your name (at most 80 characters).");
  const password = typeof input.password === "string" ? input.password : "";
  const problem = passwordProblem(password);
  if (problem) throw new MembersError("invalid", problem);

  const invitation = await lookupInvitation(forTenant(ctx.tenantId, ctx.client), token, ctx);
  if (!invitation) throw new MembersError("not-found", "This invitation link is not valid. Ask for a new invitation.");
  const email = invitation.email.toLowerCase();
  const passwordHash = await hashPassword(password);
  const now = clock(ctx);

  try {
    const accepted = await crossTenant(
      {
        actor: { kind: "system", label: "invitation signup" },
        action: "user.create",
        reason: "a new user accepts an invitation",
        subjectTenantId: ctx.tenantId,
        data: { invitationId: invitation.id },
      },
      async (platform) => {
        if (await platform.user.findUnique({ where: { email }, select: { id: true } })) throw new MembersError("already-member", ACCOUNT_EXISTS);
        const user = await platform.user.create({ data: { email, name, passwordHash, emailVerified: now } });
        // From here on: the app role, this workspace only (both walls), same transaction.
        const tx = await withinTenant(platform, ctx.tenantId);
        const result = await acceptInTransaction(tx, ctx.tenantId, { id: user.id, email, label: email }, token, now);
        return { ...result, userId: user.id, email };
      },
      ctx.client,
    );
    await syncSeatsAfterChange(forTenant(ctx.tenantId, ctx.client)); // after commit; logs, never throws
    return accepted;
  } catch (error) {
    // Two tabs creating the same account: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new MembersError("already-member", ACCOUNT_EXISTS);
    throw error;
  }
}
