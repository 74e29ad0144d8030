#!/usr/bin/env node
// npm run tenancy:check — reads the live catalog and fails, listing every problem, when a
// table with tenant_id lacks forced RLS, the isolation policy, composite foreign keys or
// leading indexes, or when the app role is superuser, BYPASSRLS or owns anything.
// Uses DATABASE_URL (owner) when set; otherwise starts the embedded PostgreSQL (the dev data
// directory, or TENANTRY_DATA_DIR) and applies the migrations first.
import { APP_ROLE, log, migrateDatabase, openDatabase, withClient } from "./lib/database.mjs";
import { checkTenancy } from "./lib/tenancy-check.mjs";

let db = null;
let exitCode = 1;
try {
  db = await openDatabase();
  if (!process.env.DATABASE_URL) await migrateDatabase(db.ownerUrl);
  const problems = await withClient(db.ownerUrl, (client) => checkTenancy(client, { appRole: APP_ROLE }));
  if (problems.length === 0) {
    log("tenancy check: every tenant-owned table is isolated; the app role is restricted");
    exitCode = 0;
  } else {
    log(`tenancy check: ${problems.length} problem(s)`);
    for (const problem of problems) console.error(`  - ${problem}`);
  }
} catch (error) {
  log(`tenancy check failed to run: ${error.message}`);
} finally {
  await db?.stop();
}
process.exit(exitCode);
