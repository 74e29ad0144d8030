// prisma/migrations must produce exactly prisma/schema.prisma: a schema change without its
// migration (or a hand-edited migration that changes the tables) fails here. The real Prisma
// CLI replays the migrations in a temporary shadow database through the offline engine bridge
// (prisma.config.ts), so it needs a server: TEST_DATABASE_URL (superuser) or an embedded one.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");

let tmp: string | undefined;
let serverUrl: string;
let stopServer = async () => {};
const scratchDatabase = `sync_t${crypto.randomBytes(4).toString("hex")}`;

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = withDatabase(process.env.TEST_DATABASE_URL, "postgres");
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-sync-"));
    fs.chmodSync(tmp, 0o755); // as root, the embedded server runs as user postgres
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), port: await freePort() });
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  // The CLI's main database: only connected to (the diff itself runs in a shadow database).
  await onServer(`CREATE DATABASE ${scratchDatabase}`);
});

afterAll(async () => {
  if (serverUrl) await onServer(`DROP DATABASE IF EXISTS ${scratchDatabase} WITH (FORCE)`).catch(() => {});
  await stopServer();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it("prisma/migrations and prisma/schema.prisma do not drift", async () => {
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [PRISMA_CLI, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: withDatabase(serverUrl, scratchDatabase),
          CHECKPOINT_DISABLE: "1",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          NO_COLOR: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ code: exitCode ?? 1, output: text }));
  });
  // 2 = drift: create the missing migration with `npx prisma migrate dev --name <name>`.
  expect(code, `migrate diff --exit-code exited ${code}:\n${output}`).toBe(0);
  expect(output).toContain("No difference detected");
}, 90_000);
