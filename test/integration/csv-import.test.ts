// CSV import and export of customers (lib/crm/csv-*.ts, docs/data.md), against real PostgreSQL
// as the restricted app role: row errors with row numbers, all-or-nothing, the plan limit,
// duplicates, permissions; the export's filters, paging and CSV-injection safety.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { customerCsvChunks, csvCell } from "@/lib/crm/csv-export";
import { CsvImportError, importCustomers, previewCustomerImport } from "@/lib/crm/csv-import";
import { MAX_IMPORT_ROWS, parseCustomerCsv, type ImportRow } from "@/lib/crm/csv-parse";
import type { CrmContext } from "@/lib/crm/customers";
import type { TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";
import { createTestWorkspace } from "../support/workspace";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Workspace = { tenantId: string; db: TenantDb; as(role: Role): CrmContext };
/** A workspace with one member per role; `trial` = the card-less Pro trial (no customer limit). */
async function workspace({ trial = true, overrides }: { trial?: boolean; overrides?: object } = {}): Promise<Workspace> {
  return createTestWorkspace(app.prisma, { prefix: "csv", trial, planOverrides: overrides });
}

const rowsOf = (csv: string): ImportRow[] => {
  const parsed = parseCustomerCsv(csv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
};

describe("parsing a CSV file", () => {
  it("maps headers tolerant of case and spaces, reports unknown columns, numbers rows like a spreadsheet", () => {
    const parsed = parseCustomerCsv("\uFEFF Full Name ,E-Mail,Phone Number,Favourite colour,TYPE\nAda,ada@x.test,+1 555,blue,person\n\nBob,,,,\n");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.columns.map((c) => c.field)).toEqual(["name", "email", "phone", null, "kind"]);
    expect(parsed.unknownColumns).toEqual(["Favourite colour"]);
    expect(parsed.rows).toEqual([
      { row: 2, name: "Ada", email: "ada@x.test", phone: "+1 555", kind: "person" },
      { row: 4, name: "Bob", email: "", phone: "", kind: "" },
    ]);
  });

  it("refuses files without a name column, with two columns for one field, empty or too long", () => {
    expect(parseCustomerCsv("email\na@b.test\n")).toEqual({ ok: false, message: expect.stringContaining("“name” column") });
    expect(parseCustomerCsv("name,Email,e-mail\na,b,c\n")).toEqual({ ok: false, message: expect.stringContaining("both mean email") });
    expect(parseCustomerCsv("")).toEqual({ ok: false, message: "The file is empty." });
    expect(parseCustomerCsv("name\n")).toEqual({ ok: false, message: expect.stringContaining("no customers") });
    const many = `name\n${"x\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(parseCustomerCsv(many)).toEqual({ ok: false, message: expect.stringContaining("more than 10,000") });
  });
});

describe("importing customers", () => {
  it("reports every bad row with its row number and field, and writes nothing", async () => {
    const ws = await workspace();
    const rows = rowsOf("name,email,website,kind\nGood,good@x.test,example.com,company\n,nobody@x.test,,\nBad mail,not-an-email,,\nOdd,,,robot\n");
    const preview = await previewCustomerImport(ws.as("MEMBER"), rows);
    expect(preview.total).toBe(4);
    expect(preview.validCount).toBe(1);
    expect(preview.errors).toEqual([
      { row: 3, field: "name", message: "Enter a name." },
      { row: 4, field: "email", message: "Enter a valid email address." },
      { row: 5, field: "kind", message: "Choose company or person." },
    ]);
    expect(preview.sample[0]).toMatchObject({ row: 2, name: "Good", website: "https://example.com", kind: "COMPANY" });

    const refused = await importCustomers(ws.as("MEMBER"), rows).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CsvImportError);
    expect((refused as CsvImportError).message).toBe("Nothing was imported: 3 of 4 rows have errors. Fix them and try again.");
    expect(await ws.db.customer.count()).toBe(0);
    expect(await ws.db.auditLog.count({ where: { action: "customer.import" } })).toBe(0);
  });

  it("imports every row in one go, with one audit entry carrying the counts", async () => {
    const ws = await workspace();
    const rows = rowsOf("name,email,kind,company\nAda Lovelace,ADA@x.test,Person,Analytical\nBabbage Ltd,,company,\n");
    expect(await importCustomers(ws.as("MEMBER"), rows)).toEqual({ imported: 2 });
    const saved = await ws.db.customer.findMany({ orderBy: { name: "asc" }, select: { name: true, email: true, kind: true, company: true } });
    expect(saved).toEqual([
      { name: "Ada Lovelace", email: "ada@x.test", kind: "PERSON", company: "Analytical" },
      { name: "Babbage Ltd", email: null, kind: "COMPANY", company: null },
    ]);
    const audit = await ws.db.auditLog.findMany({ where: { action: "customer.import" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toEqual({ imported: 2, rows: 2 });
  });

  it("reports duplicates by email within the file and against existing customers", async () => {
    const ws = await workspace();
    await importCustomers(ws.as("OWNER"), rowsOf("name,email\nExisting,taken@x.test\n"));
    const rows = rowsOf("name,email\nA,a@x.test\nB,Taken@x.test\nC,A@x.test\nD,\nE,\n");
    const preview = await previewCustomerImport(ws.as("OWNER"), rows);
    expect(preview.errors).toEqual([
      { row: 3, field: "email", message: "A customer with taken@x.test already exists in this workspace." },
      { row: 4, field: "email", message: "a@x.test is also on row 2." },
    ]);
    await expect(importCustomers(ws.as("OWNER"), rows)).rejects.toThrow("2 of 5 rows have errors");
    expect(await ws.db.customer.count()).toBe(1);
  });

  it("refuses an import that would pass the plan's customer limit, writing nothing", async () => {
    const ws = await workspace({ trial: false, overrides: { limits: { customers: 3 } } });
    await importCustomers(ws.as("OWNER"), rowsOf("name\nOne\nTwo\n"));
    const rows = rowsOf("name\nThree\nFour\n");
    const preview = await previewCustomerImport(ws.as("OWNER"), rows);
    expect(preview).toMatchObject({ current: 2, limit: 3, validCount: 2 });
    expect(preview.limitMessage).toMatch(/^Importing 2 customers would pass your limit \(2 now\)\. Your Free plan allows 3 customers\./);
    await expect(importCustomers(ws.as("OWNER"), rows)).rejects.toThrow(/^Nothing was imported\. Importing 2 customers/);
    expect(await ws.db.customer.count()).toBe(2);
    // Exactly up to the limit is fine.
    expect(await importCustomers(ws.as("OWNER"), rowsOf("name\nThree\n"))).toEqual({ imported: 1 });
  });

  it("needs customers:create (a viewer is refused, also when the session's role is stale)", async () => {
    const ws = await workspace();
    const rows = rowsOf("name\nX\n");
    await expect(previewCustomerImport(ws.as("VIEWER"), rows)).rejects.toThrow(ForbiddenError);
    await expect(importCustomers(ws.as("VIEWER"), rows)).rejects.toThrow("Only owners, admins and members can create customers.");
    const member = ws.as("MEMBER");
    await ws.db.membership.updateMany({ where: { userId: member.actor.userId }, data: { role: "VIEWER" } });
    await expect(importCustomers(member, rows)).rejects.toThrow(ForbiddenError);
    expect(await ws.db.customer.count()).toBe(0);
  });

  it("never trusts the rows it is sent: malformed payloads are refused", async () => {
    const ws = await workspace();
    await expect(importCustomers(ws.as("OWNER"), [])).rejects.toThrow("The file has no customers to import.");
    await expect(importCustomers(ws.as("OWNER"), [{ row: 2, name: "X", tenantId: ws.tenantId }])).rejects.toThrow(CsvImportError);
    await expect(importCustomers(ws.as("OWNER"), "name\nX")).rejects.toThrow(CsvImportError);
    expect(await ws.db.customer.count()).toBe(0);
  });

  it("imports 10,000 rows in one transaction", async () => {
    const ws = await workspace();
    const csv = `name,email\n${Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `Customer ${i},c${i}@bulk.test`).join("\n")}\n`;
    const started = performance.now();
    expect(await importCustomers(ws.as("OWNER"), rowsOf(csv))).toEqual({ imported: MAX_IMPORT_ROWS });
    console.info(`[csv-import] 10,000 rows imported in ${Math.round(performance.now() - started)} ms`);
    expect(await ws.db.customer.count()).toBe(MAX_IMPORT_ROWS);
  }, 120_000);
});

describe("exporting customers", () => {
  const collect = async (ctx: CrmContext, query = {}) => {
    let text = "";
    for await (const chunk of customerCsvChunks(ctx, query)) text += chunk;
    return text;
  };

  it("neutralises cells a spreadsheet would run as formulas, and quotes where needed", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
  });

  it("streams every matching customer across pages, honouring search and filters, for owners and admins only", async () => {
    const ws = await workspace();
    const rows = Array.from({ length: 230 }, (_, i) => `${i % 2 ? "Person" : "Firm"} ${String(i).padStart(3, "0")},${i % 2 ? "person" : "company"}`);
    await importCustomers(ws.as("OWNER"), rowsOf(`name,kind\n${rows.join("\n")}\n=cmd,company\n`));
    const all = await collect(ws.as("ADMIN"));
    expect(all.startsWith("\uFEFFname,kind,email,phone,website,company,address,archived_at,created_at,id\r\n")).toBe(true);
    expect(all.trimEnd().split("\r\n")).toHaveLength(1 + 231);
    expect(all).toContain("\r\n'=cmd,company,");
    const people = await collect(ws.as("OWNER"), { kind: "PERSON", q: "Person 1", sort: "name" });
    const names = people.trimEnd().split("\r\n").slice(1).map((l) => l.split(",")[0]);
    expect(names).toEqual(Array.from({ length: 115 }, (_, i) => 2 * i + 1).filter((i) => String(i).padStart(3, "0").startsWith("1")).map((i) => `Person ${String(i).padStart(3, "0")}`));
    await expect(collect(ws.as("MEMBER"))).rejects.toThrow("Only owners and admins can export data.");
  });

  it("without a search, walks 1,000-row pages in a stable order, honouring filters and sort (rows sharing one created_at included)", async () => {
    const ws = await workspace();
    // One createMany: every row has the same created_at, as after an import.
    await ws.db.customer.createMany({
      data: Array.from({ length: 2_345 }, (_, i) => ({ tenantId: ws.tenantId, name: `N${String(2_345 - i).padStart(5, "0")}`, kind: i % 3 === 0 ? ("PERSON" as const) : ("COMPANY" as const) })),
    });
    const archived = await ws.db.customer.findMany({ where: { name: { in: ["N00001", "N00002"] } }, select: { id: true } });
    await ws.db.customer.updateMany({ where: { id: { in: archived.map((a) => a.id) } }, data: { archivedAt: new Date() } });
    const ids = async (query: object) => (await collect(ws.as("OWNER"), query)).trimEnd().split("\r\n").slice(1).map((l) => l.split(",").at(-1)!);
    const names = async (query: object) => (await collect(ws.as("OWNER"), query)).trimEnd().split("\r\n").slice(1).map((l) => l.split(",")[0]!);

    const newest = await ids({});
    expect(newest).toHaveLength(2_343);
    expect(newest).toEqual([...newest].sort().reverse()); // by id, newest first (uuid v7)
    expect(await ids({ status: "all" })).toHaveLength(2_345);
    expect(await ids({ status: "archived" })).toHaveLength(2);
    expect(await ids({ kind: "PERSON", status: "all" })).toHaveLength(782);
    const byName = await names({ sort: "name", status: "all" });
    expect(byName).toEqual(Array.from({ length: 2_345 }, (_, i) => `N${String(i + 1).padStart(5, "0")}`));
  });
});
