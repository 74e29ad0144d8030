// Loads Prisma's official schema engine compiled to Wasm (@prisma/schema-engine-wasm).
// The package targets bundlers (`import * as wasm from "./x.wasm"`), which plain Node cannot
// import, so we instantiate the module ourselves with the wasm-bindgen glue as its imports.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

// The glue reports Rust panics here before trapping; we keep the last message so that a
// panic can be reported instead of a bare "unreachable" RuntimeError.
const panicRegistry = {
  message: "",
  set_message(message) {
    this.message = message;
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;

/** The last Rust panic message, if the engine panicked. */
export function lastPanicMessage() {
  return globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || "";
}

let loaded;

/** Instantiates the Wasm module once and returns the glue module (SchemaEngine, version). */
export async function loadSchemaEngineWasm() {
  loaded ??= instantiate();
  return loaded;
}

async function instantiate() {
  const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(glueUrl);
  const wasmPath = fileURLToPath(new URL("./schema_engine_bg.wasm", glueUrl));
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/** The installed @prisma/schema-engine-wasm version (its package.json is not exported). */
export function wasmEngineVersion() {
  const packageJson = new URL("./package.json", import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  return JSON.parse(fs.readFileSync(packageJson, "utf8")).version;
}
