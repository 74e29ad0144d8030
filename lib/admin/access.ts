// The founder console's access decision, without Auth.js (so it is integration-tested against
// real PostgreSQL): see ./session.ts for the states and the guard that uses it.
import { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";

export type AdminUser = { id: string; email: string };
export type AdminState =
  | { kind: "signed-out" }
  | { kind: "not-admin"; user: AdminUser }
  | { kind: "enroll"; user: AdminUser }
  | { kind: "verify"; user: AdminUser }
  | { kind: "admin"; user: AdminUser };

export class AdminAccessError extends Error {
  override name = "AdminAccessError";
  constructor() {
    super("Platform admins only. Sign in on the admin host with your second factor.");
  }
}

type SessionLike = { user?: { id?: unknown; email?: unknown } | null; mfa?: boolean } | null;

/** The decision, for a host kind and a session (integration-tested against real PostgreSQL). */
export async function resolveAdminState(siteKind: string, session: SessionLike, client: typeof basePrisma = basePrisma): Promise<AdminState> {
  const id = session?.user?.id;
  const email = session?.user?.email;
  if (typeof id !== "string" || typeof email !== "string") return { kind: "signed-out" };
  const user: AdminUser = { id, email };
  if (siteKind !== "admin") return { kind: "not-admin", user };
  const row = await crossTenant(
    { actor: { kind: "user", userId: id, label: email }, action: "admin.session.check", reason: "founder console access check" },
    (tx) => tx.user.findUnique({ where: { id }, select: { isPlatformAdmin: true, totpEnabledAt: true } }),
    client,
  );
  if (!row?.isPlatformAdmin) return { kind: "not-admin", user };
  if (!row.totpEnabledAt) return { kind: "enroll", user };
  return session?.mfa === true ? { kind: "admin", user } : { kind: "verify", user };
}

