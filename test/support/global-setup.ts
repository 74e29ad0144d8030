// Once per test run (integration project): one PostgreSQL server and one template database
// with every migration applied by the real Prisma CLI. Test files clone the template
// (test/support/database.ts), so they never see each other's data.
//
// Server: TEST_DATABASE_URL (a superuser URL of an existing server, e.g. Debian's
// PostgreSQL 15 in CI) when set, else an embedded PostgreSQL in a temporary directory on a
// free port, removed afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { DEFAULT_APP_DB_PASSWORD, migrateDatabase, setAppRolePassword, withClient, withDatabase } from "../../scripts/lib/database.mjs";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.mjs";

export type TestDatabaseServer = {
  /** Superuser URL of the server's maintenance database (`postgres`). */
  serverUrl: string;
  /** The migrated template database. */
  template: string;
  /** Prefix of every database made for this run (template and clones). */
  prefix: string;
  /** The app role's password on this server. */
  appPassword: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseServer: TestDatabaseServer;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  let stopServer = async () => {};
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = withDatabase(process.env.TEST_DATABASE_URL, "postgres");
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-test-pg-"));
    fs.chmodSync(dir, 0o755); // as root, the server runs as user postgres: it must reach data/
    const logLines: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, "data"),
      port: await freePort(),
      log: (line) => logLines.push(line),
    }).catch((error: unknown) => {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    });
    serverUrl = server.url;
    stopServer = async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }

  // Unique per run, so that runs sharing a TEST_DATABASE_URL server do not collide.
  const prefix = `tenantry_t${crypto.randomBytes(4).toString("hex")}`;
  const template = `${prefix}_template`;
  const appPassword = process.env.APP_DB_PASSWORD || DEFAULT_APP_DB_PASSWORD;
  const dropAll = () =>
    withClient(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    });

  try {
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`));
    const templateUrl = withDatabase(serverUrl, template);
    await migrateDatabase(templateUrl, { logger: () => {} });
    // The role is cluster-wide: one password for all databases of this server.
    await setAppRolePassword(templateUrl, appPassword);
  } catch (error) {
    await dropAll().catch(() => {});
    await stopServer();
    throw error;
  }
  if (process.env.TEST_DEBUG) console.log(`[test] database server ready in ${Date.now() - started} ms`);

  project.provide("testDatabaseServer", { serverUrl, template, prefix, appPassword });

  return async () => {
    await dropAll().catch((error: unknown) => console.error(`[test] could not drop test databases: ${String(error)}`));
    await stopServer();
  };
}
