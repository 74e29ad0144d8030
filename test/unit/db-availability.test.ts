// lib/db/availability.ts: which errors mean "database unavailable", and the gate the middleware
// asks before rendering (the 503 path of docs/security.md "Faults").
import { afterEach, describe, expect, it } from "vitest";
import {
  databaseGate,
  isDatabaseUnavailable,
  markDatabaseAvailable,
  markDatabaseUnavailable,
  registerDatabaseProbe,
  unavailableHtml,
  unavailableJson,
  withDatabaseAvailability,
} from "@/lib/db/availability";

const reset = () => {
  delete (globalThis as { __tenantryDbAvailability?: unknown }).__tenantryDbAvailability;
};
afterEach(reset);

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures, also wrapped by Prisma and in AggregateErrors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P1001", message: "Can't reach database server" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
    expect(isDatabaseUnavailable({ meta: { driverAdapterError: { cause: { code: "ECONNRESET" } } } })).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]))).toBe(true);
  });

  it("does not treat query errors as an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002", message: "Unique constraint failed" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("canceling statement due to statement timeout"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("databaseGate", () => {
  const stats = (idle: number, total = 2, max = 2) => () => ({ idle, total, waiting: 0, max });

  it("is synchronous and free while the database answered and the pool has an idle connection or room", () => {
    expect(databaseGate()).toBe(true); // no pool yet
    let probes = 0;
    registerDatabaseProbe(async () => (probes++, true), stats(1));
    expect(databaseGate()).toBe(true);
    registerDatabaseProbe(async () => (probes++, true), stats(0, 1));
    expect(databaseGate()).toBe(true);
    expect(probes).toBe(0);
  });

  it("probes once for every waiting request when the pool is full or the database failed, and reopens on success", async () => {
    let probes = 0;
    let up = false;
    registerDatabaseProbe(async () => {
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return up;
    }, stats(0));
    const gates = [databaseGate(), databaseGate(), databaseGate()];
    expect(await Promise.all(gates)).toEqual([false, false, false]);
    expect(probes).toBe(1);
    markDatabaseUnavailable("test");
    up = true;
    expect(await databaseGate()).toBe(true);
    markDatabaseAvailable();
    registerDatabaseProbe(async () => true, stats(1));
    expect(databaseGate()).toBe(true);
  });
});

describe("503 answers", () => {
  it("HTML for pages and JSON for clients, with Retry-After and no-store", async () => {
    const html = unavailableHtml();
    expect(html.status).toBe(503);
    expect(html.headers.get("retry-after")).toBe("5");
    expect(html.headers.get("cache-control")).toBe("no-store");
    expect(await html.text()).toContain("<h1>Service temporarily unavailable</h1>");
    const json = unavailableJson();
    expect(json.status).toBe(503);
    expect(await json.json()).toEqual({ error: "Service temporarily unavailable — retry in a moment." });
  });

  it("withDatabaseAvailability maps an outage to 503 and rethrows anything else", async () => {
    const down = await withDatabaseAvailability(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    expect(down.status).toBe(503);
    await expect(withDatabaseAvailability(async () => {
      throw new Error("bug");
    })).rejects.toThrow("bug");
  });
});
