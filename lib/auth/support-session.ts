// Support access, live (docs/admin.md): the workspace session only carries WHICH support
// session it is (the JWT's support claim); whether it is still on, and read-only or
// read-write, is re-read from the tenant-owned support_session row on every request (through
// forTenant), so the console's "End now" and "Widen" take effect at the next request.
import { cache } from "react";
import { forTenant } from "@/lib/db/tenant";
import type { SupportClaim } from "./handoff";

/** The label support access writes under in workspace audit entries (owners see it). */
export const SUPPORT_ACTOR_LABEL = "Tenantry support";

export type LiveSupport = {
  sessionId: string;
  adminUserId: string;
  adminLabel: string;
  mode: "READ_ONLY" | "READ_WRITE";
  expiresAt: Date;
};

/** The support session behind `claim` if it is still on for `tenantId`; null: ended, expired or not this workspace's. */
export async function readLiveSupport(claim: SupportClaim, tenantId: string, now = new Date()): Promise<LiveSupport | null> {
  if (claim.tenantId !== tenantId) return null;
  const row = await forTenant(tenantId).supportSession.findFirst({
    where: { id: claim.sessionId, adminUserId: claim.adminUserId, endedAt: null, expiresAt: { gt: now } },
    select: { id: true, adminUserId: true, adminLabel: true, mode: true, expiresAt: true },
  });
  return row ? { sessionId: row.id, adminUserId: row.adminUserId, adminLabel: row.adminLabel, mode: row.mode, expiresAt: row.expiresAt } : null;
}

/** Once per request (React cache): the banner, the nav and the members context agree. */
export const liveSupport = cache((claim: SupportClaim, tenantId: string) => readLiveSupport(claim, tenantId));
