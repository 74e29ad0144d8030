// `prisma generate` for postinstall, build and tests: generates the client into
// lib/generated/prisma. Needs no database (prisma.config.ts has a placeholder URL) and no
// network (telemetry and update checks off; the schema engine is the offline Wasm bridge).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "node_modules/prisma/build/index.js");

if (!fs.existsSync(cli)) {
  console.error(`[prisma-generate] ${path.relative(root, cli)} is missing: run npm install first`);
  process.exit(1);
}

const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});

if (result.error || result.status !== 0) {
  const reason = result.error?.message ?? (result.signal ? `signal ${result.signal}` : `exit code ${result.status}`);
  console.error(`[prisma-generate] prisma generate failed (${reason})`);
  process.exit(result.status || 1);
}
