// `schema-engine --datasource '{"url":..}' cli <command>`: the one-shot commands the CLI runs
// before `migrate dev` / `migrate reset` / `db push` (can we connect? create the database?).
// Plain pg is enough here; the Wasm engine cannot even start while the database is missing.
import pg from "pg";
import { parseDatasourceUrl, quoteIdent } from "./connection-url.mjs";
import { logLine } from "./errors.mjs";
import { withAdminClient } from "./shadow-database.mjs";

/** Runs one CLI-mode command and returns the process exit code. */
export async function runCliCommand(command, datasource) {
  // The CLI skips the first stderr line and parses every following line as JSON.
  logLine("INFO", `Starting schema engine CLI command ${command}`);
  try {
    switch (command) {
      case "can-connect-to-database":
        await canConnect(datasource.url);
        return 0;
      case "create-database":
        await createDatabase(datasource.url);
        return 0;
      default:
        logLine("ERROR", `Unsupported CLI command: ${command}`);
        return 1;
    }
  } catch (error) {
    const { code, message } = describeConnectionError(error, datasource.url);
    logLine("ERROR", message, code ? { error_code: code } : {});
    return 1;
  }
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: parseDatasourceUrl(url).connectionString });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the URL's database (an existing one is fine) and returns its name. */
export async function createDatabase(url) {
  const { database } = parseDatasourceUrl(url);
  await withAdminClient(url, async (client, _adminUrl, adminDatabase) => {
    if (adminDatabase === database) return; // we could connect to it: it exists
    const template = adminDatabase === "template1" ? " TEMPLATE template0" : "";
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}${template}`);
    } catch (error) {
      if (error.code !== "42P04") throw error; // created concurrently: fine
    }
  });
  return database;
}

/** Maps connection failures to the Prisma error codes the CLI reacts to (P1003 → create it). */
export function describeConnectionError(error, url) {
  let target;
  try {
    target = parseDatasourceUrl(url);
  } catch (urlError) {
    return { code: "P1013", message: `The provided database string is invalid. ${urlError.message}` };
  }
  const at = `${target.host}:${target.port}`;
  switch (error?.code) {
    case "3D000":
      return { code: "P1003", message: `Database \`${target.database}\` does not exist on the database server at \`${at}\`.` };
    case "28P01":
    case "28000":
      return {
        code: "P1000",
        message: `Authentication failed against database server at \`${at}\`, the provided database credentials are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${at}\`.`,
      };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "EAI_AGAIN":
      return {
        code: "P1001",
        message: `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`,
      };
    case "ETIMEDOUT":
      return { code: "P1002", message: `The database server at \`${at}\` was reached but timed out.` };
    case "42501":
      return { code: "P1010", message: `User was denied access on the database \`${target.database}\`: ${error.message}` };
    default:
      return { code: undefined, message: String(error?.message ?? error) };
  }
}
