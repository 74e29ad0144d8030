// Tenant work inside a crossTenant() transaction, for the rare flow that must write a platform
// row AND tenant rows atomically (a new user accepting an invitation: the app_user row and the
// membership commit together or not at all).
//
// withinTenant(tx, tenantId) switches the transaction back from tenantry_platform to the app
// role (`SET LOCAL ROLE NONE`: RLS applies again — wall 2) and sets app.tenant_id, then returns
// the same transaction behind a proxy that rewrites every model operation with scopeArgs — the
// same rewrite forTenant() uses (wall 1). Platform writes must therefore happen BEFORE the call.
import type { PlatformTransaction } from "./cross-tenant";
import type { TenantTransaction } from "./tenant";
import { scopeArgs, TenantScopeError } from "./tenant-scope";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function withinTenant(tx: PlatformTransaction, tenantId: string): Promise<TenantTransaction> {
  if (!UUID.test(tenantId)) throw new TenantScopeError("withinTenant needs a tenant id (uuid)");
  await tx.$executeRaw`SET LOCAL ROLE NONE`;
  await tx.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`;
  const view = new Proxy(tx, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return value;
      if (prop.startsWith("$")) {
        return () => {
          throw new TenantScopeError(`${prop} is not available on a tenant view of a platform transaction`);
        };
      }
      if (typeof value !== "object" || value === null) return value;
      const model = prop.charAt(0).toUpperCase() + prop.slice(1);
      return new Proxy(value, {
        get(delegate, operation, delegateReceiver) {
          const method: unknown = Reflect.get(delegate, operation, delegateReceiver);
          if (typeof operation !== "string" || typeof method !== "function") return method;
          return (args?: Record<string, unknown>) => method.call(delegate, scopeArgs(model, operation, args, tenantId));
        },
      });
    },
  });
  return view as unknown as TenantTransaction;
}
