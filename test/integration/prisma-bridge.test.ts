// The offline schema engine bridge (tools/prisma-engine) behind the REAL Prisma CLI, on a real
// PostgreSQL: scratch projects in a temporary directory, each with its own prisma.config.ts and
// schema, driven through `node node_modules/prisma/build/index.js`.
//
// Server: TEST_DATABASE_URL (a superuser URL) when set, else an embedded PostgreSQL in a
// temporary directory, shared by every test of this file. Tests run in order and build on
// each other (project A's migrations are reused).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");
const BRIDGE = path.join(ROOT, "tools/prisma-engine/schema-engine");
const CLI_TEST_TIMEOUT = 90_000;

const SCRATCH_CONFIG = `// Scratch project of test/integration/prisma-bridge.test.ts.
export default {
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined },
};
`;

const BASE_SCHEMA = `datasource db {
  provider = "postgresql"
}

model Post {
  id    Int    @id @default(autoincrement())
  title String
  kind  String @db.Char(1)
}
`;

const CHANGED_SCHEMA = `datasource db {
  provider = "postgresql"
}

model Post {
  id       Int     @id @default(autoincrement())
  title    String
  kind     String  @db.Char(1)
  body     String?
  authorId Int?
  author   Author? @relation(fields: [authorId], references: [id])

  @@index([authorId])
}

model Author {
  id    Int    @id @default(autoincrement())
  name  String @unique
  posts Post[]
}
`;

const PLPGSQL_MIGRATION = `-- A $$ body full of semicolons: must reach PostgreSQL in one piece.
CREATE FUNCTION bump(x integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  x := x + 1;
  RETURN x;
END;
$$;
`;

type CliResult = { code: number; output: string };

let tmp: string;
let serverUrl: string;
let stopServer = async () => {};
const prefix = `bridge_t${crypto.randomBytes(3).toString("hex")}`;
let databasesBefore: string[] = [];

function databaseUrl(name: string, params = ""): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return `${url.toString()}${params}`;
}

async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const databaseNames = async () =>
  (await query<{ datname: string }>(serverUrl, "SELECT datname FROM pg_database ORDER BY 1")).map((r) => r.datname);

class Project {
  readonly dir: string;
  constructor(name: string, schema: string) {
    this.dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
    fs.mkdirSync(path.join(this.dir, "prisma"));
    fs.writeFileSync(path.join(this.dir, "prisma.config.ts"), SCRATCH_CONFIG);
    this.writeSchema(schema);
  }
  writeSchema(schema: string) {
    fs.writeFileSync(path.join(this.dir, "prisma/schema.prisma"), schema);
  }
  get migrationsDir() {
    return path.join(this.dir, "prisma/migrations");
  }
  migrations(): string[] {
    if (!fs.existsSync(this.migrationsDir)) return [];
    return fs
      .readdirSync(this.migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  }
  migrationSql(name: string) {
    return fs.readFileSync(path.join(this.migrationsDir, name, "migration.sql"), "utf8");
  }
  addMigration(name: string, sql: string) {
    fs.mkdirSync(path.join(this.migrationsDir, name), { recursive: true });
    fs.writeFileSync(path.join(this.migrationsDir, name, "migration.sql"), sql);
  }
  copyMigrationsFrom(other: Project) {
    fs.cpSync(other.migrationsDir, this.migrationsDir, { recursive: true });
  }

  /** Runs the real Prisma CLI in this project against `url`. */
  prisma(args: string[], url: string, env: Record<string, string> = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
        cwd: this.dir,
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: BRIDGE,
          DATABASE_URL: url,
          SHADOW_DATABASE_URL: "",
          CHECKPOINT_DISABLE: "1",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          NO_COLOR: "1",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.once("error", reject);
      child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
    });
  }
}

/** Asserts the exit code, showing the CLI's output when it differs. */
function expectExit(result: CliResult, code: number) {
  expect(result.code, `prisma exited ${result.code}:\n${result.output}`).toBe(code);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-bridge-"));
  fs.chmodSync(tmp, 0o755); // as root, the embedded server runs as user postgres
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = "/postgres";
    serverUrl = url.toString();
  } else {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), port: await freePort() });
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  databasesBefore = await databaseNames();
});

afterAll(async () => {
  if (serverUrl) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    await client.end();
  }
  await stopServer();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("Prisma CLI through the offline Wasm schema engine bridge", () => {
  const dev = `${prefix}_dev`;
  let projectA: Project;

  it("prisma -v reports the bridge as the schema engine", async () => {
    const project = new Project("version", BASE_SCHEMA);
    const result = await project.prisma(["-v"], databaseUrl(dev));
    expectExit(result, 0);
    expect(result.output).toMatch(/Schema Engine\s*:\s*schema-engine-wasm/);
  }, CLI_TEST_TIMEOUT);

  it("migrate dev creates and applies a migration, then another one after a schema change", async () => {
    projectA = new Project("a", BASE_SCHEMA);

    const first = await projectA.prisma(["migrate", "dev", "--name", "init"], databaseUrl(dev));
    expectExit(first, 0);
    const [init] = projectA.migrations();
    expect(init).toMatch(/^\d{14}_init$/);
    expect(projectA.migrationSql(init!)).toContain('CREATE TABLE "Post"');
    expect(fs.readFileSync(path.join(projectA.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');

    // A hand-written migration with a $$ body, applied (and replayed in the shadow database)
    // by the next migrate dev.
    projectA.addMigration(`${init!.slice(0, 14)}_plpgsql_function`, PLPGSQL_MIGRATION);
    projectA.writeSchema(CHANGED_SCHEMA);
    const second = await projectA.prisma(["migrate", "dev", "--name", "second"], databaseUrl(dev));
    expectExit(second, 0);
    const migrations = projectA.migrations();
    expect(migrations).toHaveLength(3);
    const secondSql = projectA.migrationSql(migrations.find((m) => m.endsWith("_second"))!);
    expect(secondSql).toContain('ADD COLUMN     "body" TEXT');
    expect(secondSql).toContain('CREATE TABLE "Author"');

    const columns = await query(databaseUrl(dev), `SELECT column_name FROM information_schema.columns WHERE table_name = 'Post'`);
    expect(columns.map((c) => c.column_name)).toEqual(expect.arrayContaining(["body", "authorId"]));
    expect(await query(databaseUrl(dev), "SELECT bump(41) AS n")).toEqual([{ n: 42 }]);

    const again = await projectA.prisma(["migrate", "dev", "--name", "nothing"], databaseUrl(dev));
    expectExit(again, 0);
    expect(projectA.migrations()).toHaveLength(3);
    expect(again.output).toContain("Already in sync");
  }, CLI_TEST_TIMEOUT);

  it("migrate deploy applies the migrations to a fresh database; migrate status reports it in sync", async () => {
    const fresh = databaseUrl(`${prefix}_fresh`);
    const deploy = await projectA.prisma(["migrate", "deploy"], fresh); // the CLI creates the database
    expectExit(deploy, 0);
    const applied = await query(fresh, "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1");
    expect(applied.map((r) => r.migration_name)).toEqual(projectA.migrations());
    expect(await query(fresh, "SELECT bump(1) AS n")).toEqual([{ n: 2 }]);

    const status = await projectA.prisma(["migrate", "status"], fresh);
    expectExit(status, 0);
    expect(status.output).toContain("Database schema is up to date!");
  }, CLI_TEST_TIMEOUT);

  it("migrate diff --exit-code: 0 when migrations and schema agree, 2 on drift", async () => {
    const args = ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"];
    const inSync = await projectA.prisma(args, databaseUrl(dev));
    expectExit(inSync, 0);
    expect(inSync.output).toContain("No difference detected");

    projectA.writeSchema(CHANGED_SCHEMA.replace("name  String @unique", "name  String @unique\n  email String?"));
    try {
      const drift = await projectA.prisma(args, databaseUrl(dev));
      expectExit(drift, 2);
      expect(drift.output).toContain("Added column `email`");

      const script = await projectA.prisma([...args.slice(0, -1), "--script"], databaseUrl(dev));
      expectExit(script, 0);
      expect(script.output).toContain('ALTER TABLE "Author" ADD COLUMN');
    } finally {
      projectA.writeSchema(CHANGED_SCHEMA);
    }
  }, CLI_TEST_TIMEOUT);

  it("a failing migration leaves nothing half-applied and can be resolved", async () => {
    const url = databaseUrl(`${prefix}_failing`);
    const project = new Project("failing", BASE_SCHEMA);
    project.copyMigrationsFrom(projectA);
    const bad = "29991231000000_bad";
    project.addMigration(bad, "CREATE TABLE half_applied (id int);\nINSERT INTO no_such_table VALUES (1);\n");

    const deploy = await project.prisma(["migrate", "deploy"], url);
    expect(deploy.code).not.toBe(0);
    expect(deploy.output).toContain("P3018");
    expect(deploy.output).toContain(`Migration name: ${bad}`);
    expect(deploy.output).toContain("42P01");
    expect(await query(url, "SELECT to_regclass('half_applied') IS NULL AS absent")).toEqual([{ absent: true }]);
    // The migrations before it were applied.
    expect(await query(url, `SELECT to_regclass('"Author"') IS NOT NULL AS present`)).toEqual([{ present: true }]);

    const resolve = await project.prisma(["migrate", "resolve", "--rolled-back", bad], url);
    expectExit(resolve, 0);
    const rows = await query(url, `SELECT rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations WHERE migration_name = '${bad}'`);
    expect(rows).toEqual([{ rolled_back: true }]);
  }, CLI_TEST_TIMEOUT);

  it("migrate reset --force empties the database and re-applies every migration", async () => {
    await query(databaseUrl(dev), `INSERT INTO "Post" (title, kind) VALUES ('kept?', 'a')`);
    const reset = await projectA.prisma(["migrate", "reset", "--force"], databaseUrl(dev));
    expectExit(reset, 0);
    expect(await query(databaseUrl(dev), `SELECT count(*)::int AS n FROM "Post"`)).toEqual([{ n: 0 }]);
    const applied = await query(databaseUrl(dev), "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(applied).toEqual([{ n: projectA.migrations().length }]);
    expect(await query(databaseUrl(dev), "SELECT bump(9) AS n")).toEqual([{ n: 10 }]);
  }, CLI_TEST_TIMEOUT);

  it("db push creates and changes tables; db execute runs a script", async () => {
    const url = databaseUrl(`${prefix}_push`);
    const project = new Project("push", BASE_SCHEMA);
    expectExit(await project.prisma(["db", "push"], url), 0);
    project.writeSchema(CHANGED_SCHEMA);
    expectExit(await project.prisma(["db", "push"], url), 0);
    const columns = await query(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'Post' ORDER BY 1`);
    expect(columns.map((c) => c.column_name)).toEqual(["authorId", "body", "id", "kind", "title"]);

    const script = path.join(project.dir, "script.sql");
    fs.writeFileSync(script, `INSERT INTO "Author" (name) VALUES ('a'); ${PLPGSQL_MIGRATION}`);
    expectExit(await project.prisma(["db", "execute", "--file", script], url), 0);
    expect(await query(url, `SELECT count(*)::int AS n FROM "Author"`)).toEqual([{ n: 1 }]);

    fs.writeFileSync(script, "SELECT * FROM no_such_table;");
    const failing = await project.prisma(["db", "execute", "--file", script], url);
    expect(failing.code).not.toBe(0);
    expect(failing.output).toContain('relation "no_such_table" does not exist');
  }, CLI_TEST_TIMEOUT);

  it("?schema= puts everything, _prisma_migrations included, in that schema", async () => {
    const url = databaseUrl(`${prefix}_schema`, "?schema=tenant_data");
    expectExit(await projectA.prisma(["migrate", "deploy"], url), 0);
    const tables = await query(
      databaseUrl(`${prefix}_schema`),
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('_prisma_migrations', 'Post') ORDER BY 2`,
    );
    expect(tables).toEqual([
      { table_schema: "tenant_data", table_name: "Post" },
      { table_schema: "tenant_data", table_name: "_prisma_migrations" },
    ]);
    const status = await projectA.prisma(["migrate", "status"], url);
    expectExit(status, 0);
    expect(status.output).toContain("Database schema is up to date!");
  }, CLI_TEST_TIMEOUT);

  it("refuses a shadow database that is the main database", async () => {
    const args = ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"];
    const sameDatabase = databaseUrl(dev).replace("127.0.0.1", "localhost");
    const result = await projectA.prisma(args, databaseUrl(dev), { SHADOW_DATABASE_URL: sameDatabase });
    expect(result.code).toBe(1);
    expect(result.output).toContain("appears to be the same as the main database");
    // The main database was left alone.
    const applied = await query(databaseUrl(dev), "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(applied).toEqual([{ n: projectA.migrations().length }]);
  }, CLI_TEST_TIMEOUT);

  it("leaves no temporary shadow database behind", async () => {
    const created = (await databaseNames()).filter((name) => !databasesBefore.includes(name));
    expect(created.filter((name) => !name.startsWith(prefix))).toEqual([]);
  });
});
