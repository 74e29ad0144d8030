// Customer search that can use the trigram index under row-level security (docs/crm.md
// "Search at scale"). ILIKE is not LEAKPROOF, so a search run as the app role under RLS reads
// every row of the workspace; the SECURITY DEFINER function app_customer_search (migration
// *_customer_search, on the allowlist of `npm run tenancy:check`) runs the same search as
// tenantry_platform and filters on the transaction's tenant itself.
//
// The one raw-SQL call beside the tenant-bound client (which has none on purpose): a short
// transaction on the client the TenantDb was built on that sets THIS tenant, then asks for one
// page of ids. It returns ids only; the caller reads the rows through forTenant(), where the
// tenant extension and RLS apply again.
import type { CustomerKind } from "@/lib/generated/prisma/enums";
import { baseClientOf, type TenantDb } from "./tenant";

export type CustomerSearch = {
  /** The user's text, matched literally (case-insensitive contains on name or email). */
  query: string;
  status: "active" | "archived" | "all";
  kind: CustomerKind | null;
  /** created: created_at DESC, id DESC; name: name, id. */
  sort: "created" | "name";
  /** false: the page before the cursor, in reverse order. */
  forward: boolean;
  /** The boundary row of the keyset (its created_at for "created", its name for "name"). */
  cursor: { id: string; createdAt?: Date; name?: string } | null;
  /** Page size; the function returns at most 101 (listCustomers' largest page + 1). */
  limit: number;
};

/** One page of ids of the tenant's customers matching the search, in the page's order. */
export async function searchCustomerIds(db: TenantDb, search: CustomerSearch): Promise<string[]> {
  const { query, status, kind, sort, forward, cursor, limit } = search;
  const createdAt = cursor?.createdAt ? cursor.createdAt.toISOString() : null;
  const name = cursor?.name ?? null;
  const cursorId = cursor?.id ?? null;
  return baseClientOf(db).$transaction(async (tx) => {
    if (db.readOnly) await tx.$executeRaw`SET TRANSACTION READ ONLY`;
    await tx.$executeRaw`SELECT app_set_tenant(${db.tenantId}::uuid)`;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM app_customer_search(${query}::text, ${status}::text, ${kind}::"CustomerKind", ${sort}::text,
        ${forward}::boolean, ${createdAt}::timestamptz, ${name}::text, ${cursorId}::uuid, ${limit}::integer)`;
    return rows.map((r) => r.id);
  });
}
