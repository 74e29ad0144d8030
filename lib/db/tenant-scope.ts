// Pure rewriting of Prisma operation arguments for one tenant: the logic of the first wall.
// Kept free of I/O so that every rule can be unit-tested; lib/db/tenant.ts applies it.

/** Models whose table carries tenant_id (PRIMARY KEY (tenant_id, id), forced RLS). */
export const TENANT_OWNED_MODELS = ["Membership", "Invitation", "AuditLog", "Customer", "Deal", "Note", "HandoffToken", "DataExport", "SupportSession"] as const;
export type TenantOwnedModel = (typeof TENANT_OWNED_MODELS)[number];

/** Platform models and what a tenant-bound client may do with them. */
export const PLATFORM_MODEL_ACCESS: Record<string, "own-row" | "read" | "none"> = {
  Tenant: "own-row", // the current tenant's own row: read and update, nothing else
  User: "read", // members of the current tenant (RLS narrows further)
  PlatformAuditEvent: "none",
  Account: "none",
  VerificationToken: "none",
  UserToken: "none",
  EmailMessage: "none",
  SlugQuarantine: "none",
  RateLimitBucket: "none",
  StripeEvent: "none",
  AdminRecoveryCode: "none",
  SubscriptionChange: "none",
};

const READ_MANY = new Set(["findMany", "findFirst", "findFirstOrThrow", "count", "aggregate", "groupBy"]);
const READ_UNIQUE = new Set(["findUnique", "findUniqueOrThrow"]);
const WRITE_MANY = new Set(["updateMany", "updateManyAndReturn", "deleteMany"]);
const WRITE_UNIQUE = new Set(["update", "delete"]);
const CREATE_ONE = new Set(["create"]);
const CREATE_MANY = new Set(["createMany", "createManyAndReturn"]);

export class TenantScopeError extends Error {
  override name = "TenantScopeError";
}

type Args = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Walks any argument tree (where, data, nested include/select/connect/create…) and rejects a
 * tenant id other than the bound one, wherever it appears: `tenantId`, a `tenantId_*`
 * compound key, or a relation write to the Tenant model (`tenant: { connect | create … }`).
 */
export function assertNoForeignTenant(node: unknown, tenantId: string, path = "args"): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => assertNoForeignTenant(item, tenantId, `${path}[${i}]`));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const here = `${path}.${key}`;
    if (key === "tenantId") {
      // select/omit flags and orderBy directions name the column without carrying a tenant.
      if (value === undefined || typeof value === "boolean" || value === "asc" || value === "desc") continue;
      if (value !== tenantId) {
        throw new TenantScopeError(`${here} must be the bound tenant (or omitted); got ${JSON.stringify(value)}`);
      }
      continue;
    }
    if (key.startsWith("tenantId_")) {
      if (isObject(value) && value.tenantId !== undefined && value.tenantId !== tenantId) {
        throw new TenantScopeError(`${here}.tenantId must be the bound tenant`);
      }
    }
    if (key === "tenant" && isObject(value) && hasRelationWrite(value)) {
      throw new TenantScopeError(`${here}: a tenant-bound client cannot connect or create tenants`);
    }
    assertNoForeignTenant(value, tenantId, here);
  }
}

const RELATION_WRITE_KEYS = ["connect", "connectOrCreate", "create", "createMany", "upsert", "set", "update", "disconnect", "delete"];
function hasRelationWrite(value: Record<string, unknown>): boolean {
  return RELATION_WRITE_KEYS.some((key) => key in value);
}

function withTenantWhere(where: unknown, tenantId: string): Args {
  return { ...(isObject(where) ? where : {}), tenantId };
}

function withTenantData(data: unknown, tenantId: string, path: string): Args {
  if (!isObject(data)) throw new TenantScopeError(`${path} must be an object`);
  return { ...data, tenantId };
}

/**
 * Returns the arguments to run `operation` on `model` for `tenantId`, or throws
 * TenantScopeError when the call must not run. Unknown models and operations fail closed.
 */
export function scopeArgs(model: string, operation: string, args: Args | undefined, tenantId: string): Args {
  const input: Args = args ?? {};
  assertNoForeignTenant(input, tenantId);

  if ((TENANT_OWNED_MODELS as readonly string[]).includes(model)) {
    if (READ_MANY.has(operation) || WRITE_MANY.has(operation) || READ_UNIQUE.has(operation) || WRITE_UNIQUE.has(operation)) {
      return { ...input, where: withTenantWhere(input.where, tenantId) };
    }
    if (CREATE_ONE.has(operation)) {
      return { ...input, data: withTenantData(input.data, tenantId, "data") };
    }
    if (CREATE_MANY.has(operation)) {
      const rows = Array.isArray(input.data) ? input.data : [input.data];
      return { ...input, data: rows.map((row, i) => withTenantData(row, tenantId, `data[${i}]`)) };
    }
    if (operation === "upsert") {
      return {
        ...input,
        where: withTenantWhere(input.where, tenantId),
        create: withTenantData(input.create, tenantId, "create"),
      };
    }
    throw new TenantScopeError(`operation ${model}.${operation} is not supported on a tenant-bound client`);
  }

  const access = PLATFORM_MODEL_ACCESS[model];
  if (access === "own-row") {
    if (READ_MANY.has(operation) || READ_UNIQUE.has(operation) || operation === "update" || operation === "updateMany") {
      assertNoForeignTenantId(input.where, tenantId);
      return { ...input, where: { ...(isObject(input.where) ? input.where : {}), id: tenantId } };
    }
  } else if (access === "read") {
    if (READ_MANY.has(operation) || READ_UNIQUE.has(operation)) return input;
  }
  throw new TenantScopeError(`operation ${model}.${operation} is not allowed on a tenant-bound client`);
}

/** Operations that only read: lib/db/tenant.ts runs them as tenant statements. */
export function isReadOperation(operation: string): boolean {
  return READ_MANY.has(operation) || READ_UNIQUE.has(operation);
}

/**
 * `findUnique(args)` as the equivalent `findFirst`: compound keys (`tenantId_id: { tenantId,
 * id }`) become plain field filters, ANDed with the rest of the where. Why: Prisma batches
 * findUnique calls made in the same tick into one query, run in the async context of the
 * first caller — two tenants' reads would share one tenant statement. findFirst is never
 * batched. Other operations pass through unchanged.
 */
export function withoutUniqueBatching(operation: string, args: Args): { operation: string; args: Args } {
  if (!READ_UNIQUE.has(operation)) return { operation, args };
  const where = isObject(args.where) ? args.where : {};
  const filters: Args = {};
  const keys: Args[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (isCompoundKey(key, value)) keys.push(value);
    else filters[key] = value;
  }
  const and = filters.AND === undefined ? [] : Array.isArray(filters.AND) ? filters.AND : [filters.AND];
  const flat = keys.length === 0 ? filters : { ...filters, AND: [...and, ...keys] };
  return { operation: operation === "findUnique" ? "findFirst" : "findFirstOrThrow", args: { ...args, where: flat } };
}

/** Prisma names a compound unique by its fields joined with "_": `tenantId_id: { tenantId, id }`. */
function isCompoundKey(key: string, value: unknown): value is Args {
  if (!key.includes("_") || !isObject(value)) return false;
  const fields = key.split("_");
  const given = Object.keys(value);
  return given.length === fields.length && fields.every((field) => given.includes(field));
}

function assertNoForeignTenantId(where: unknown, tenantId: string) {
  if (isObject(where) && where.id !== undefined && where.id !== tenantId) {
    throw new TenantScopeError("where.id must be the bound tenant");
  }
}
