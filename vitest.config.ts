// Vitest: `test/unit/` is pure (no database); every other `test/**/*.test.ts` runs against a
// real PostgreSQL started once per run by test/support/global-setup.ts (or TEST_DATABASE_URL),
// each test file on its own throwaway database (test/support/database.ts).
// `vitest run --project unit` skips the database entirely. `test/faults/` and `test/soak/` (project
// `server`) start production servers: they need `next build` first.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname) },
  },
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000, // migrating a database through the Prisma CLI takes seconds
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**", "test/faults/**", "test/soak/**"],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      {
        // Against the production build (`next start`, each with its own embedded PostgreSQL):
        // run after `next build` (scripts/test.mjs), one file at a time.
        extends: true,
        test: { name: "server", include: ["test/faults/**/*.test.ts", "test/soak/**/*.test.ts"], fileParallelism: false, testTimeout: 120_000 },
      },
    ],
  },
});
