// Signup: a new workspace and its owner, in ONE audited cross-tenant transaction (the tenant,
// the owner user, the OWNER membership, a tenant audit entry). The unique index on
// tenant.slug decides races (threat D4): of 50 parallel signups for one name exactly one
// commits, the others get a clean "taken" answer from the P2002 it raises.
//
// Existing emails: signup never attaches a workspace to an account the caller has not proven
// to own. With `existingUserId` (the caller is signed in as that user) the workspace is added
// to that user; otherwise an email that already has an account is refused with
// "email-in-use" ("sign in first, then create the workspace"), and the answer does not say
// whether that account has a password (only that the address is registered, which signup
// cannot hide).
import { crossTenant, type PlatformTransaction } from "@/lib/db/cross-tenant";
import { basePrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { initialBillingState } from "@/lib/billing/plans";
import { forgetTenant } from "./lookup";
import { QUARANTINED_REASON, TAKEN_REASON, validateSubdomain } from "./subdomain-rules";

export type CreateWorkspaceInput = {
  workspaceName: string;
  subdomain: string;
  email: string;
  /** Required for a new user (unless magic-link signup: null). */
  password: string | null;
  /** Set when the caller is signed in: the workspace is added to this user. */
  existingUserId?: string;
};

export type CreateWorkspaceResult =
  | { ok: true; tenantId: string; slug: string; userId: string; newUser: boolean }
  | { ok: false; error: "invalid-subdomain" | "taken" | "quarantined" | "email-in-use" | "invalid-input"; message: string };

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
/** One plain address (no display names, lists, quotes or comments: threat A5). */
export function isPlainEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

class SignupRefusal extends Error {
  constructor(readonly result: Extract<CreateWorkspaceResult, { ok: false }>) {
    super(result.message);
  }
}

export async function createWorkspace(input: CreateWorkspaceInput, client = basePrisma): Promise<CreateWorkspaceResult> {
  const verdict = validateSubdomain(input.subdomain);
  if (!verdict.ok) return { ok: false, error: "invalid-subdomain", message: verdict.reason };
  const slug = verdict.name;
  const workspaceName = input.workspaceName.trim().replace(/\s+/g, " ");
  if (workspaceName.length < 1 || workspaceName.length > 80) {
    return { ok: false, error: "invalid-input", message: "Give your workspace a name (at most 80 characters)." };
  }
  const email = normalizeEmail(input.email);
  if (!isPlainEmail(email)) return { ok: false, error: "invalid-input", message: "Enter a valid email address." };
  let passwordHash: string | null = null;
  if (!input.existingUserId && input.password !== null) {
    const problem = passwordProblem(input.password);
    if (problem) return { ok: false, error: "invalid-input", message: problem };
    passwordHash = await hashPassword(input.password);
  }

  try {
    const result = await withStartRetry(() => crossTenant(
      {
        actor: { kind: "system", label: "signup" },
        action: "tenant.create",
        reason: input.existingUserId ? "another workspace for a signed-in user" : "self-service signup",
        data: { slug },
      },
      async (tx: PlatformTransaction) => {
        const quarantined = await tx.slugQuarantine.findUnique({ where: { slug } });
        if (quarantined && quarantined.releasedAt > new Date()) {
          throw new SignupRefusal({ ok: false, error: "quarantined", message: QUARANTINED_REASON });
        }
        let userId: string;
        let newUser = false;
        if (input.existingUserId) {
          const user = await tx.user.findUnique({ where: { id: input.existingUserId }, select: { id: true } });
          if (!user) throw new SignupRefusal({ ok: false, error: "invalid-input", message: "Please sign in again." });
          userId = user.id;
        } else {
          const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
          if (existing) {
            throw new SignupRefusal({
              ok: false,
              error: "email-in-use",
              message: "This email already has an account. Sign in first, then create your workspace.",
            });
          }
          userId = (await tx.user.create({ data: { email, passwordHash } })).id;
          newUser = true;
        }
        // Billing: the documented card-less trial (TRIAL_DAYS of Pro), or Free (docs/billing.md).
        const tenant = await tx.tenant.create({ data: { slug, name: workspaceName, ...initialBillingState(new Date()) } });
        await tx.membership.create({ data: { tenantId: tenant.id, userId, role: "OWNER" } });
        await tx.auditLog.create({
          data: {
            tenantId: tenant.id,
            actorId: userId,
            actorLabel: email,
            action: "workspace.created",
            targetType: "tenant",
            targetId: tenant.id,
            data: { slug, name: workspaceName },
          },
        });
        return { ok: true as const, tenantId: tenant.id, slug, userId, newUser };
      },
      client,
    ));
    forgetTenant(slug);
    return result;
  } catch (error) {
    if (error instanceof SignupRefusal) return error.result;
    if (isUniqueViolation(error, "slug")) return { ok: false, error: "taken", message: TAKEN_REASON };
    if (isUniqueViolation(error, "email")) {
      return { ok: false, error: "email-in-use", message: "This email already has an account. Sign in first, then create your workspace." };
    }
    throw error;
  }
}

/** A burst of signups can exhaust the pool: waiting for a connection (P2028) is retried. */
async function withStartRetry<R>(fn: () => Promise<R>, attempts = 4): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const busy = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028";
      if (!busy || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const meta = JSON.stringify(error.meta ?? {});
  return meta.includes(field);
}
