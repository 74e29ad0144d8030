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
    // Migrations run as the owner role: DATABASE_URL, or else the embedded development server
    // that `npm run dev` starts (so `npx prisma migrate status` works next to it). Generation
    // never connects.
    url: process.env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? "54329"}/tenantry`,
  },
});
