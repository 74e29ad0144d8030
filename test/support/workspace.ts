// A fresh workspace for integration tests: one member per role (OWNER, ADMIN, MEMBER, VIEWER)
// with users `<role>@<slug>.test` named "<ROLE> person", on the card-less trial like a new
// signup unless `trial: false`, and a CRM request context per role (what pages and server
// actions build from the session).
import crypto from "node:crypto";
import type { CrmContext } from "@/lib/crm/customers";
import type { basePrisma } from "@/lib/db/client";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant, type TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

export type TestWorkspace = {
  tenantId: string;
  slug: string;
  db: TenantDb;
  /** The CRM context of this role's member; `now` fixes the clock. */
  as(role: Role, now?: () => Date): CrmContext;
};

let counter = 0;

export async function createTestWorkspace(
  client: typeof basePrisma,
  { prefix = "ws", trial = true, planOverrides }: { prefix?: string; trial?: boolean; planOverrides?: object } = {},
): Promise<TestWorkspace> {
  const slug = `${prefix}-${++counter}-${crypto.randomBytes(3).toString("hex")}`;
  const { tenantId, users } = await crossTenant(
    { actor: { kind: "system", label: "integration test" }, action: "test.setup", reason: "test workspace" },
    async (tx) => {
      const tenant = await tx.tenant.create({
        data: { slug, name: `${prefix} ${counter}`, trialEndsAt: trial ? new Date(Date.now() + 30 * 86_400_000) : null, planOverrides: planOverrides as never },
      });
      const users = [];
      for (const role of ROLES) users.push(await tx.user.create({ data: { email: `${role.toLowerCase()}@${slug}.test`, name: `${role} person` } }));
      return { tenantId: tenant.id, users };
    },
    client,
  );
  const db = forTenant(tenantId, client);
  const actors = new Map<Role, CrmContext["actor"]>();
  for (const [i, role] of ROLES.entries()) {
    const user = users[i]!;
    await db.membership.create({ data: { tenantId, userId: user.id, role } });
    actors.set(role, { userId: user.id, role, label: user.email });
  }
  return { tenantId, slug, db, as: (role, now) => ({ db, actor: actors.get(role)!, ...(now ? { now } : {}) }) };
}
