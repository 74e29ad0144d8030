#!/usr/bin/env node
// node scripts/db.mjs migrate|seed|status
//   migrate  apply prisma/migrations with the real Prisma CLI (`migrate deploy`) and give the
//            app role its login password (npm run db:migrate)
//   seed     the idempotent demo seed (npm run db:seed); needs a migrated database
//   status   `prisma migrate status` and whether the app role is restricted as intended
// Uses DATABASE_URL (owner) when set, else starts the embedded PostgreSQL (.data/postgres)
// for the duration of the command.
import { seedDatabase } from "./lib/seed.mjs";
import {
  appPassword,
  appRoleProblems,
  ensureAppRole,
  log,
  migrateDatabase,
  migrationNames,
  appliedMigrations,
  openDatabase,
  runPrismaCli,
} from "./lib/database.mjs";

const command = process.argv[2];
const commands = {
  async migrate({ ownerUrl }) {
    const appUrl = process.env.APP_DATABASE_URL || undefined;
    const password = appUrl ? undefined : appPassword(ownerUrl); // refused early when unsafe
    await migrateDatabase(ownerUrl);
    await ensureAppRole(ownerUrl, { appUrl, password });
    return 0;
  },
  async seed({ ownerUrl }) {
    await seedDatabase(ownerUrl, { logger: log });
    return 0;
  },
  async status({ ownerUrl }) {
    const { code, output } = await runPrismaCli(["migrate", "status"], { ownerUrl });
    process.stdout.write(output);
    const applied = await appliedMigrations(ownerUrl);
    log(`migrations: ${applied.length} applied, ${migrationNames().length} in prisma/migrations`);
    const problems = await appRoleProblems(ownerUrl);
    log(`app role: ${problems.length ? problems.join("; ") : "restricted as intended"}`);
    return code;
  },
};

if (!Object.hasOwn(commands, command)) {
  log("usage: node scripts/db.mjs migrate|seed|status");
  process.exit(2);
}

let db = null;
let exitCode = 1;
const interrupted = (signal) => {
  log(`${signal}: stopping the database…`);
  void (db?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
};
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);
try {
  db = await openDatabase();
  exitCode = await commands[command](db);
} catch (error) {
  log(`error: ${error.message}`);
} finally {
  await db?.stop();
}
process.exit(exitCode);
