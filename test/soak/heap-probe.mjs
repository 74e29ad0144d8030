// Preloaded into the soak's server only (NODE_OPTIONS="--expose-gc --import …", set by
// test/soak/soak.test.ts): in the `next start` process, serves process.memoryUsage() after a
// full GC on 127.0.0.1:SOAK_HEAP_PORT, so the soak can compare the heap at start and end
// without a heap snapshot. Nothing in the app loads this file.
import http from "node:http";

const script = process.argv[1] ?? "";
if (process.env.SOAK_HEAP_PORT && /[\\/]next$/.test(script) && process.argv.includes("start")) {
  http
    .createServer((_req, res) => {
      if (typeof globalThis.gc === "function") globalThis.gc();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(process.memoryUsage()));
    })
    .listen(Number(process.env.SOAK_HEAP_PORT), "127.0.0.1")
    .unref();
}
