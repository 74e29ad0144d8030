// "Manage billing": a Stripe billing portal session for the CALLER's tenant's own customer
// (the id is read from the tenant-bound client, never from the request), for roles with
// billing.manage, returning to the billing page on the tenant's host. Threat S5.
import { assertCan } from "@/lib/authz/permissions";
import { getHostConfig } from "@/lib/config/hosts";
import { forTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { tenantOrigin } from "@/lib/hosts";
import type { BillingDeps } from "./checkout";
import { BillingError } from "./errors";
import { stripe as defaultStripe } from "./stripe";

export async function createPortalSession(input: { tenantId: string; role: Role }, deps: BillingDeps = {}): Promise<{ url: string; customerId: string }> {
  assertCan(input.role, "billing", "manage");
  const db = forTenant(input.tenantId, deps.client);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: input.tenantId }, select: { slug: true, stripeCustomerId: true } });
  if (!tenant.stripeCustomerId) throw new BillingError("no-billing-account", "This workspace has no billing account yet. Choose a plan first.");
  const origin = tenantOrigin(tenant.slug, getHostConfig());
  if (!origin) throw new BillingError("not-configured", "The workspace address cannot be built from APP_ROOT_DOMAIN.");
  const session = await (deps.stripe ?? defaultStripe()).billingPortal.sessions.create({
    customer: tenant.stripeCustomerId,
    return_url: `${origin}/billing`,
  });
  return { url: session.url, customerId: tenant.stripeCustomerId };
}
