// Throwaway databases for integration tests, cloned from the migrated template made by
// test/support/global-setup.ts: `CREATE DATABASE x TEMPLATE tpl` takes milliseconds, and every
// test file gets its own data.
//
//   const db = await createTestDatabase();          // migrated, empty (no seed)
//   const app = appClient(db);                        // Prisma + pool as tenantry_app
//   ...
//   await app.close(); await db.drop();
import crypto from "node:crypto";
import { inject } from "vitest";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db/client";
import { deriveAppUrl, withClient, withDatabase } from "../../scripts/lib/database.mjs";

export type TestDatabase = {
  name: string;
  /** Superuser URL of this database: what DATABASE_URL (the owner) is in development. */
  ownerUrl: string;
  /** The restricted app role's URL of this database: what the app gets. */
  appUrl: string;
  /** Drops the database (ending any connection still open to it). */
  drop(): Promise<void>;
};

/**
 * A new database of its own: a clone of the migrated template, or with `{ migrated: false }`
 * an empty one (for testing migrations and the bootstrap themselves).
 */
export async function createTestDatabase({ migrated = true }: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const { serverUrl, template, prefix, appPassword } = inject("testDatabaseServer");
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  await withClient(serverUrl, async (client) => {
    const source = migrated ? client.escapeIdentifier(template) : "template0";
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${source}`);
  });
  const ownerUrl = withDatabase(serverUrl, name);
  let dropped = false;
  return {
    name,
    ownerUrl,
    appUrl: deriveAppUrl(ownerUrl, appPassword),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/** The app role's password on the test server (for bootstrap tests that set it themselves). */
export function testAppPassword(): string {
  return inject("testDatabaseServer").appPassword;
}

/**
 * A PrismaClient and pool connected as the app role to `db`, with the app's pool settings
 * (lib/db/client.ts). Close it before dropping the database.
 */
export function appClient(db: Pick<TestDatabase, "appUrl">, { max = 5 } = {}): DatabaseClient & { close(): Promise<void> } {
  const client = createDatabaseClient({ url: db.appUrl, max, applicationName: "tenantry-test" });
  return {
    ...client,
    async close() {
      await client.prisma.$disconnect();
      await client.pool.end().catch(() => {});
    },
  };
}

/**
 * For modules under test that use the process's own base client (lib/db/client.ts, created
 * lazily from APP_DATABASE_URL): point it at `db`. Call before they first touch the database,
 * and `closeProcessDatabase()` in afterAll.
 */
export function useAsProcessDatabase(db: Pick<TestDatabase, "appUrl">): void {
  process.env.APP_DATABASE_URL = db.appUrl;
}

/** Closes the process's base client and its pool (a no-op error when they were never opened). */
export async function closeProcessDatabase(): Promise<void> {
  const { basePrisma, pool } = await import("@/lib/db/client");
  await basePrisma.$disconnect().catch(() => {});
  await pool.end().catch(() => {});
}
