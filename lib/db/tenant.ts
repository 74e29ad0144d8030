// The first wall: a Prisma client bound to one tenant. Every operation of every model is
// rewritten by tenant-scope.ts (tenant_id into every where and every row written) and runs in
// a transaction that first sets the tenant (SET LOCAL app.tenant_id), so PostgreSQL's row-level
// security — the second wall — filters with the same tenant: reads as a pipelined tenant
// statement (./tenant-statement.ts), writes in an interactive transaction that calls
// app_set_tenant($1). See docs/tenancy.md.
import { AsyncLocalStorage } from "node:async_hooks";
import { LRUCache } from "lru-cache";
import { ForbiddenError } from "@/lib/authz/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { basePrisma } from "./client";
import { isReadOperation, scopeArgs, TenantScopeError, withoutUniqueBatching } from "./tenant-scope";
import { asTenantStatement, TENANT_ID, usesTenantStatements } from "./tenant-statement";

/** Set while the callback of a tenant's interactive transaction runs: the tenant it is for. */
const openTransaction = new AsyncLocalStorage<string>();

type BaseClient = typeof basePrisma;

/** Operations that write. A read-only client refuses them before any SQL is sent. */
const WRITE_OPERATIONS = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

export const READ_ONLY_MESSAGE = "Support access is read-only: nothing can be changed in this session.";

/** A write through a read-only tenant client (support access). A ForbiddenError: forms show it. */
export class ReadOnlyClientError extends ForbiddenError {
  override name = "ReadOnlyClientError";
  constructor() {
    super(READ_ONLY_MESSAGE);
  }
}

type Operation = (args: unknown) => Promise<unknown>;

/** `tx.customer` for model "Customer": the base client's delegate, outside this extension. */
function delegateOf(tx: object, model: string): Record<string, Operation | undefined> {
  const delegate = (tx as Record<string, unknown>)[model.charAt(0).toLowerCase() + model.slice(1)];
  if (!delegate || typeof delegate !== "object") throw new TenantScopeError(`unknown model ${model}`);
  return delegate as Record<string, Operation | undefined>;
}

function tenantExtension(tenantId: string, readOnly: boolean) {
  return Prisma.defineExtension((client) =>
    client.$extends({
      name: "tenant-bound",
      query: {
        $allModels: {
          async $allOperations({ model, operation, args, query }) {
            if (readOnly && WRITE_OPERATIONS.has(operation)) throw new ReadOnlyClientError();
            const scoped = scopeArgs(model, operation, args as Record<string, unknown>, tenantId);
            // Inside our interactive transaction the setting is already made on its connection.
            if (openTransaction.getStore() === tenantId) return query(scoped);
            // A read: one pipelined tenant statement at the driver (./tenant-statement.ts), the
            // cheapest way to set the tenant in the query's transaction (docs/performance.md).
            if (isReadOperation(operation) && usesTenantStatements(client)) {
              const read = withoutUniqueBatching(operation, scoped);
              if (read.operation === operation) return asTenantStatement(tenantId, async () => await query(scoped));
              return asTenantStatement(tenantId, async () => await delegateOf(client, model)[read.operation]!(read.args));
            }
            // A write (or a client on a pool without the routing): one short interactive
            // transaction, setting first, so RLS sees the same tenant. Prisma may run a write
            // as several statements in a transaction of its own; this one contains them.
            return client.$transaction(async (tx) => {
              await tx.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`;
              return delegateOf(tx, model)[operation]!(scoped);
            });
          },
        },
      },
    }),
  );
}

function bindToTenant(client: BaseClient, tenantId: string, readOnly = false) {
  return client.$extends(tenantExtension(tenantId, readOnly));
}

type ExtendedTenantClient = ReturnType<typeof bindToTenant>;
type InteractiveTransaction = Parameters<Parameters<ExtendedTenantClient["$transaction"]>[0]>[0];
type TransactionOptions = Parameters<ExtendedTenantClient["$transaction"]>[1];

const RAW_METHODS = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "$queryRawTyped", "$runCommandRaw"]);

/** The tenant-bound client: models and interactive transactions; no raw SQL, no batches. */
export type TenantDb = Omit<
  ExtendedTenantClient,
  "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe" | "$transaction" | "$connect" | "$disconnect" | "$extends"
> & {
  /** The tenant this client is bound to. Creates pass it (`data: { tenantId: db.tenantId, … }`)
   *  so Prisma's types are satisfied; the extension checks that it is this tenant. */
  readonly tenantId: string;
  /** Support access: every write operation is refused (ReadOnlyClientError). */
  readonly readOnly: boolean;
  $transaction<R>(fn: (tx: TenantTransaction) => Promise<R>, options?: TransactionOptions): Promise<R>;
};
export type TenantTransaction = Omit<InteractiveTransaction, "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe">;

function withoutRaw<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === "string" && RAW_METHODS.has(prop)) {
        return () => {
          throw new TenantScopeError(`${prop} is not available on ${what}: raw SQL bypasses the tenant extension`);
        };
      }
      return Reflect.get(obj, prop, receiver);
    },
  });
}

/**
 * Returns the shared client bound to `tenantId`. Cheap: a `$extends` over the one base client
 * (never a new PrismaClient, which would leak connections and memory), kept for the next
 * request of the same tenant — building the extension cost a third of a list query.
 */
export function forTenant(tenantId: string, client: BaseClient = basePrisma, options: { readOnly?: boolean } = {}): TenantDb {
  if (!TENANT_ID.test(tenantId)) throw new TenantScopeError("forTenant needs a tenant id (uuid)");
  const readOnly = options.readOnly === true;
  return boundClients.get(client, `${tenantId}:${readOnly ? "read-only" : "read-write"}`, () => bindTenantDb(client, tenantId, readOnly));
}

/**
 * The last 1,000 tenant-bound clients of each base client, by tenant and mode: a TenantDb
 * holds no state but its tenant, so requests of the same tenant can share one.
 */
const boundClients = {
  byClient: new WeakMap<BaseClient, LRUCache<string, TenantDb>>(),
  get(client: BaseClient, key: string, make: () => TenantDb): TenantDb {
    let clients = this.byClient.get(client);
    if (!clients) this.byClient.set(client, (clients = new LRUCache<string, TenantDb>({ max: 1_000 })));
    let db = clients.get(key);
    if (!db) clients.set(key, (db = make()));
    return db;
  },
};

function bindTenantDb(client: BaseClient, tenantId: string, readOnly: boolean): TenantDb {
  const bound = bindToTenant(client, tenantId, readOnly);

  async function $transaction<R>(fn: (tx: TenantTransaction) => Promise<R>, options?: TransactionOptions): Promise<R> {
    if (typeof fn !== "function") {
      throw new TenantScopeError("a tenant-bound client supports interactive transactions only: $transaction(async (tx) => …)");
    }
    return bound.$transaction(async (tx) => {
      // Read-only (support access): PostgreSQL refuses any write in this transaction too.
      if (readOnly) await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      await tx.$executeRaw`SELECT app_set_tenant(${tenantId}::uuid)`;
      return openTransaction.run(tenantId, () => fn(withoutRaw(tx, "a tenant transaction")));
    }, options);
  }

  const guarded = withoutRaw(bound, "a tenant-bound client");
  const db = new Proxy(guarded, {
    get(obj, prop, receiver) {
      if (prop === "$transaction") return $transaction;
      if (prop === "tenantId") return tenantId;
      if (prop === "readOnly") return readOnly;
      if (prop === "$connect" || prop === "$disconnect" || prop === "$extends") {
        return () => {
          throw new TenantScopeError(`${String(prop)} is not available on a tenant-bound client`);
        };
      }
      return Reflect.get(obj, prop, receiver);
    },
  }) as unknown as TenantDb;
  baseClients.set(db, client);
  return db;
}

/** The base client each TenantDb was built on (the app's, or a test's own). */
const baseClients = new WeakMap<TenantDb, BaseClient>();

/**
 * For the reviewed SECURITY DEFINER helpers in lib/db/ only (tenant-search.ts): the client
 * `db` was built on, so they run on the same pool (a test's database, not the app's). Grants
 * nothing that importing basePrisma would not; never hand it to feature code.
 */
export function baseClientOf(db: TenantDb): BaseClient {
  const client = baseClients.get(db);
  if (!client) throw new TenantScopeError("not a client made by forTenant()");
  return client;
}

export { TenantScopeError };
