// `npm run admin:reset-mfa -- <email>` — for a founder who lost BOTH the authenticator and
// the recovery codes. Run on the server with database access: DATABASE_URL (owner; the app
// role's URL is APP_DATABASE_URL or derived like `npm run db:migrate`), else the embedded
// development database (.data/postgres). The work itself is lib/admin/mfa-reset.ts: it refuses
// anyone who is not a platform admin and is audited (`admin.mfa.reset`, actor "cli (<os user>)").
import os from "node:os";
import { createDatabaseClient } from "@/lib/db/client";
import { resetSecondFactor } from "@/lib/admin/mfa-reset";
import { appPassword, deriveAppUrl, log, openDatabase } from "./lib/database.mjs";

async function main(): Promise<number> {
  const email = process.argv.slice(2).find((a) => a !== "--")?.trim();
  if (!email || !email.includes("@")) {
    log("usage: npm run admin:reset-mfa -- <platform admin email>");
    return 2;
  }
  const osUser = (() => {
    try {
      return os.userInfo().username;
    } catch {
      return process.env.USER ?? "unknown";
    }
  })();
  const db = await openDatabase();
  try {
    const url = process.env.APP_DATABASE_URL || deriveAppUrl(db.ownerUrl, appPassword(db.ownerUrl));
    const { prisma, pool } = createDatabaseClient({ url, max: 1, applicationName: "tenantry-admin-reset-mfa" });
    try {
      const result = await resetSecondFactor({ email }, { kind: "system", label: `cli (${osUser})` }, `second factor reset from the command line by ${osUser}@${os.hostname()}`, prisma);
      if (!result.ok) {
        log(`refused: ${result.error}`);
        return 1;
      }
      log(`reset the second factor of ${result.email} (${result.userId}):`);
      log(`  TOTP ${result.hadTotp ? "was enabled: removed" : "was not enabled"}; ${result.recoveryCodesDeleted} recovery code(s) deleted`);
      log(`  every session of this user is signed out (session version ${result.sessionVersion})`);
      log("  next sign-in on the admin host: password, then a new TOTP enrollment (new recovery codes)");
      log("  recorded in the platform audit log (admin.mfa.reset)");
      return 0;
    } finally {
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
    }
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
