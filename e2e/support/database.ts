// Direct access to the e2e server's own throwaway database (started by playwright.config.ts
// on TENANTRY_E2E_PG_PORT), as its owner: for fixtures the UI cannot create yet, and for
// checking what the app wrote. The app itself only ever connects as the restricted role.
import pg from "pg";

export function ownerUrl(): string {
  const port = process.env.TENANTRY_E2E_PG_PORT;
  if (!port) throw new Error("TENANTRY_E2E_PG_PORT is not set: run through playwright.config.ts");
  return `postgresql://postgres:postgres@127.0.0.1:${port}/tenantry`;
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Creates (or resets) a workspace with one customer whose name is `marker`. */
export async function createWorkspace(slug: string, name: string, marker: string): Promise<string> {
  const [tenant] = await sql<{ id: string }>(
    `INSERT INTO tenant (id, slug, name, status, updated_at) VALUES (gen_random_uuid(), $1, $2, 'ACTIVE', now())
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, status = 'ACTIVE', updated_at = now() RETURNING id`,
    [slug, name],
  );
  await sql(
    `INSERT INTO customer (tenant_id, id, name, updated_at) SELECT $1, gen_random_uuid(), $2, now()
     WHERE NOT EXISTS (SELECT 1 FROM customer WHERE tenant_id = $1 AND name = $2)`,
    [tenant!.id, marker],
  );
  return tenant!.id;
}

export async function setWorkspaceStatus(slug: string, status: "ACTIVE" | "SUSPENDED" | "DELETED") {
  await sql(`UPDATE tenant SET status = $2, updated_at = now() WHERE slug = $1`, [slug, status]);
}
