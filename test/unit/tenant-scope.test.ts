import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isReadOperation, scopeArgs, TENANT_OWNED_MODELS, TenantScopeError, withoutUniqueBatching } from "@/lib/db/tenant-scope";

const A = "0190a000-0000-7000-8000-00000000000a";
const B = "0190b000-0000-7000-8000-00000000000b";

describe("scopeArgs: the tenant filter on every operation", () => {
  it.each(TENANT_OWNED_MODELS)("%s: reads, counts, aggregates and bulk writes are filtered by the tenant", (model) => {
    for (const operation of ["findMany", "findFirst", "findFirstOrThrow", "count", "aggregate", "groupBy", "updateMany", "updateManyAndReturn", "deleteMany", "findUnique", "findUniqueOrThrow", "update", "delete"]) {
      const scoped = scopeArgs(model, operation, { where: { name: "x" } }, A);
      expect(scoped.where, `${model}.${operation}`).toEqual({ name: "x", tenantId: A });
    }
  });

  it("adds the tenant when no where is given", () => {
    expect(scopeArgs("Customer", "findMany", undefined, A)).toEqual({ where: { tenantId: A } });
  });

  it("stamps the tenant on every row created, one or many", () => {
    expect(scopeArgs("Customer", "create", { data: { name: "n" } }, A).data).toEqual({ name: "n", tenantId: A });
    for (const op of ["createMany", "createManyAndReturn"]) {
      expect(scopeArgs("Customer", op, { data: [{ name: "1" }, { name: "2" }] }, A).data).toEqual([
        { name: "1", tenantId: A },
        { name: "2", tenantId: A },
      ]);
    }
  });

  it("scopes both branches of an upsert", () => {
    const scoped = scopeArgs("Customer", "upsert", { where: { tenantId_id: { tenantId: A, id: "i" } }, create: { name: "c" }, update: { name: "u" } }, A);
    expect(scoped.where).toEqual({ tenantId_id: { tenantId: A, id: "i" }, tenantId: A });
    expect(scoped.create).toEqual({ name: "c", tenantId: A });
  });

  it("rejects a caller-supplied tenant that differs, anywhere in the arguments", () => {
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ["Customer", "findMany", { where: { tenantId: B } }],
      ["Customer", "findUnique", { where: { tenantId_id: { tenantId: B, id: "x" } } }],
      ["Customer", "create", { data: { tenantId: B, name: "x" } }],
      ["Customer", "update", { where: { tenantId_id: { tenantId: A, id: "x" } }, data: { tenantId: B } }],
      ["Customer", "updateMany", { where: {}, data: { tenantId: B } }],
      ["Deal", "update", { where: { tenantId_id: { tenantId: A, id: "x" } }, data: { customer: { connect: { tenantId_id: { tenantId: B, id: "c" } } } } }],
      ["Customer", "findMany", { include: { deals: { where: { tenantId: B } } } }],
      ["Customer", "create", { data: { name: "x", tenant: { connect: { id: B } } } }],
      ["Customer", "create", { data: { name: "x", deals: { create: [{ title: "t", tenantId: B }] } } }],
      ["Membership", "upsert", { where: { tenantId_userId: { tenantId: B, userId: "u" } }, create: {}, update: {} }],
      ["Customer", "findMany", { where: { OR: [{ tenantId: B }, { name: "x" }] } }],
      ["Customer", "findMany", { where: { tenantId: { not: A } } }],
    ];
    for (const [model, operation, args] of attempts) {
      expect(() => scopeArgs(model, operation, args, A), `${model}.${operation} ${JSON.stringify(args)}`).toThrow(TenantScopeError);
    }
  });

  it("fails closed on operations and models it does not know", () => {
    expect(() => scopeArgs("Customer", "aggregateRaw", {}, A)).toThrow(TenantScopeError);
    expect(() => scopeArgs("Customer", "findRaw", {}, A)).toThrow(TenantScopeError);
    expect(() => scopeArgs("SomeNewModel", "findMany", {}, A)).toThrow(TenantScopeError);
  });

  it("lets a tenant read and update only its own Tenant row, and never create or delete one", () => {
    expect(scopeArgs("Tenant", "findFirst", {}, A).where).toEqual({ id: A });
    expect(scopeArgs("Tenant", "update", { where: { id: A }, data: { name: "n" } }, A).where).toEqual({ id: A });
    expect(() => scopeArgs("Tenant", "findUnique", { where: { id: B } }, A)).toThrow(TenantScopeError);
    expect(() => scopeArgs("Tenant", "create", { data: {} }, A)).toThrow(TenantScopeError);
    expect(() => scopeArgs("Tenant", "delete", { where: { id: A } }, A)).toThrow(TenantScopeError);
    expect(() => scopeArgs("User", "update", { where: { id: "u" }, data: {} }, A)).toThrow(TenantScopeError);
    expect(() => scopeArgs("PlatformAuditEvent", "findMany", {}, A)).toThrow(TenantScopeError);
  });

  it("property: whatever the caller passes, a scoped read filters on exactly the bound tenant or throws", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TENANT_OWNED_MODELS), fc.constantFrom("findMany", "count", "deleteMany", "updateMany"), fc.object(), (model, operation, where) => {
        try {
          const scoped = scopeArgs(model, operation, { where }, A);
          expect((scoped.where as Record<string, unknown>).tenantId).toBe(A);
        } catch (error) {
          expect(error).toBeInstanceOf(TenantScopeError);
        }
      }),
    );
  });
});

describe("scopeArgs: naming the tenant column is not passing a tenant", () => {
  it("allows tenantId in select, omit and orderBy", () => {
    expect(() => scopeArgs("Customer", "findMany", { select: { tenantId: true }, orderBy: { tenantId: "asc" }, omit: { tenantId: false } }, A)).not.toThrow();
  });
});

describe("withoutUniqueBatching: findUnique as findFirst, so Prisma never batches two tenants' reads", () => {
  it("turns compound keys into field filters beside the rest of the where", () => {
    expect(withoutUniqueBatching("findUnique", { where: { tenantId_id: { tenantId: A, id: "c1" }, tenantId: A, archivedAt: null }, select: { id: true } })).toEqual({
      operation: "findFirst",
      args: { where: { tenantId: A, archivedAt: null, AND: [{ tenantId: A, id: "c1" }] }, select: { id: true } },
    });
    expect(withoutUniqueBatching("findUniqueOrThrow", { where: { tenantId_userId: { tenantId: A, userId: "u1" }, tenantId: A } })).toEqual({
      operation: "findFirstOrThrow",
      args: { where: { tenantId: A, AND: [{ tenantId: A, userId: "u1" }] } },
    });
  });

  it("keeps an AND the caller gave, and single-field unique wheres as they are", () => {
    expect(withoutUniqueBatching("findUnique", { where: { tenantId_id: { tenantId: A, id: "c1" }, AND: { name: "x" } } }).args.where).toEqual({
      AND: [{ name: "x" }, { tenantId: A, id: "c1" }],
    });
    expect(withoutUniqueBatching("findUnique", { where: { id: A } })).toEqual({ operation: "findFirst", args: { where: { id: A } } });
  });

  it("leaves a relation filter whose name has an underscore alone unless its keys are exactly the name's parts", () => {
    const where = { owner_team: { is: { name: "x" } }, tenantId: A };
    expect(withoutUniqueBatching("findUnique", { where }).args.where).toEqual(where);
  });

  it("passes every other operation through unchanged", () => {
    const args = { where: { tenantId: A } };
    for (const operation of ["findMany", "findFirst", "count", "update", "delete"]) expect(withoutUniqueBatching(operation, args)).toEqual({ operation, args });
  });

  it("names the operations that only read", () => {
    expect(["findMany", "findFirst", "findFirstOrThrow", "findUnique", "findUniqueOrThrow", "count", "aggregate", "groupBy"].every(isReadOperation)).toBe(true);
    expect(["create", "update", "upsert", "delete", "deleteMany", "updateMany", "createMany"].some(isReadOperation)).toBe(false);
  });
});
