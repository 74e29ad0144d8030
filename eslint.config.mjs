import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const rawUnsafe = "String-built SQL is an injection risk. Use $queryRaw / $executeRaw tagged templates (Prisma.sql).";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "node_modules/**",
    "lib/generated/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
  ]),
  {
    rules: {
      "no-restricted-properties": [
        "error",
        { property: "$queryRawUnsafe", message: rawUnsafe },
        { property: "$executeRawUnsafe", message: rawUnsafe },
      ],
    },
  },
]);
