// The migration-aware adapter factory the Wasm engine is constructed with.
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { connectAdapter } from "./pg-adapter.mjs";
import { createTemporaryShadowDatabase, prepareConfiguredShadowDatabase } from "./shadow-database.mjs";

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource from prisma.config.ts
 * @returns the bound factory; its `errorRegistry` holds JS errors the engine only sees as
 *   "External error id#N".
 */
export function createAdapterFactory({ url, shadowDatabaseUrl }) {
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectAdapter(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        await prepareConfiguredShadowDatabase(url, shadowDatabaseUrl);
        return connectAdapter(shadowDatabaseUrl);
      }
      const shadow = await createTemporaryShadowDatabase(url);
      let adapter;
      try {
        adapter = await connectAdapter(shadow.url);
      } catch (error) {
        await shadow.drop().catch(() => {});
        throw error;
      }
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadow.drop();
      };
      return adapter;
    },
  });
}
