// Entry point of the bridge (see ./schema-engine). Dispatches on the native engine's argv:
//   --version                                         prisma -v
//   --datasource <json> cli <command>                 one-shot commands (cli-mode.mjs)
//   --datamodels <file>... --datasource <json> ...    JSON-RPC over stdin/stdout (json-rpc.mjs)
import { runCliCommand } from "./cli-mode.mjs";
import { isPanic, logLine } from "./errors.mjs";
import { failInFlight, serveJsonRpc } from "./json-rpc.mjs";
import { dropTemporaryShadowDatabases } from "./shadow-database.mjs";
import { lastPanicMessage, wasmEngineVersion } from "./wasm-engine.mjs";

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const args = parseArgs(process.argv.slice(2));

if (args.version) {
  process.stdout.write(`schema-engine-wasm ${wasmEngineVersion()} (offline bridge, tools/prisma-engine)\n`);
} else if (args.cli) {
  process.exitCode = await runCliCommand(args.cli, args.datasource);
} else {
  serveJsonRpc({ datamodelPaths: args.datamodels, datasource: args.datasource });
}

function parseArgs(argv) {
  const parsed = { datamodels: [], datasource: {}, version: false, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") parsed.version = true;
    else if (arg === "--datamodels") parsed.datamodels.push(argv[++i]);
    else if (arg === "--datasource") parsed.datasource = JSON.parse(argv[++i]);
    // Preview features and extension types only matter to the native engine's parser.
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "cli") parsed.cli = argv[++i];
  }
  return parsed;
}

async function fail(error) {
  const panic = isPanic(error) ? ` (panic: ${lastPanicMessage()})` : "";
  logLine("ERROR", `schema engine bridge crashed: ${error?.stack ?? error}${panic}`);
  await failInFlight(error).catch(() => {});
  await dropTemporaryShadowDatabases();
  process.exit(isPanic(error) ? 101 : 1);
}
