import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's native schema engine cannot be downloaded on our machines; the CLI runs the
// official Wasm engine through this bridge instead (docs/migrations.md). An explicitly set
// PRISMA_SCHEMA_ENGINE_BINARY (e.g. a native engine on a laptop with internet) wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "tools/prisma-engine/schema-engine");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Migrations run as the owner role. Placeholder so `prisma generate` works without a database.
    url: process.env.DATABASE_URL ?? "postgresql://placeholder@127.0.0.1:5432/placeholder",
  },
});
