// The workspaces a user belongs to, for the root host's home page (memberships span tenants:
// one audited cross-tenant read).
import { crossTenant } from "@/lib/db/cross-tenant";

export type UserWorkspace = { slug: string; name: string; role: string; status: string };

export async function listUserWorkspaces(userId: string): Promise<UserWorkspace[]> {
  const rows = await crossTenant(
    { actor: { kind: "user", userId, label: "workspace list" }, action: "membership.list", reason: "root home lists the user's own workspaces" },
    (tx) =>
      tx.membership.findMany({
        where: { userId, tenant: { status: { not: "DELETED" } } },
        select: { role: true, tenant: { select: { slug: true, name: true, status: true } } },
        orderBy: { createdAt: "asc" },
      }),
  );
  return rows.map((r) => ({ slug: r.tenant.slug, name: r.tenant.name, role: r.role, status: r.tenant.status }));
}
