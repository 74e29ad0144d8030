// CSV of customers → rows keyed by customer field. Pure and client-safe (the import page parses
// the file in the browser, so the person sees the header mapping at once); the server never
// trusts this: lib/crm/csv-import.ts re-validates every row it receives.
import Papa from "papaparse";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

/** The columns an import understands (the same keys as lib/crm/customers.ts CUSTOMER_FIELDS). */
export const IMPORT_FIELDS = ["name", "email", "phone", "website", "company", "address", "kind"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** One data record: `row` is its spreadsheet row number (the header is row 1). */
export type ImportRow = { row: number } & Partial<Record<ImportField, string>>;

export type ParsedCsv =
  | { ok: true; rows: ImportRow[]; columns: { header: string; field: ImportField | null }[]; unknownColumns: string[] }
  | { ok: false; message: string };

// Header spellings people actually export from spreadsheets and other CRMs; compared after
// lower-casing and dropping spaces, dashes, dots and underscores.
const ALIASES: Record<ImportField, string[]> = {
  name: ["name", "fullname", "customer", "customername", "contactname"],
  email: ["email", "emailaddress", "mail"],
  phone: ["phone", "phonenumber", "telephone", "tel", "mobile"],
  website: ["website", "web", "url", "site", "homepage"],
  company: ["company", "companyname", "organization", "organisation", "org"],
  address: ["address", "postaladdress", "streetaddress"],
  kind: ["kind", "type", "customertype"],
};
const BY_ALIAS = new Map(Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as ImportField] as const)));

const normalise = (header: string) => header.toLowerCase().replace(/[\s_.\-]+/g, "");

export function fieldForHeader(header: string): ImportField | null {
  return BY_ALIAS.get(normalise(header)) ?? null;
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");

/** Parses the text of a CSV file (comma, semicolon or tab separated; a UTF-8 BOM is ignored). */
export function parseCustomerCsv(text: string): ParsedCsv {
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) return { ok: false, message: tooBig() };
  const source = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: false, delimitersToGuess: [",", ";", "\t"] });
  const broken = parsed.errors.find((e) => e.type === "Quotes" || e.code === "UndetectableDelimiter");
  if (broken && broken.code !== "UndetectableDelimiter") {
    return { ok: false, message: `The file is not valid CSV near row ${(broken.row ?? 0) + 1}: ${broken.message}.` };
  }
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex === -1) return { ok: false, message: "The file is empty." };
  const headers = records[headerIndex]!.map((h) => h.trim());
  const columns = headers.map((header) => ({ header, field: header === "" ? null : fieldForHeader(header) }));

  const seen = new Map<ImportField, string>();
  for (const { header, field } of columns) {
    if (!field) continue;
    const earlier = seen.get(field);
    if (earlier) return { ok: false, message: `The columns “${earlier}” and “${header}” both mean ${field}. Keep one of them.` };
    seen.set(field, header);
  }
  if (!seen.has("name")) return { ok: false, message: "The file needs a “name” column (the first row must be the column names)." };

  const rows: ImportRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record)) continue;
    if (rows.length === MAX_IMPORT_ROWS) {
      return { ok: false, message: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} customers. Split it into smaller files.` };
    }
    const row: ImportRow = { row: i + 1 };
    columns.forEach(({ field }, c) => {
      if (field && record[c] !== undefined) row[field] = record[c];
    });
    rows.push(row);
  }
  if (rows.length === 0) return { ok: false, message: "The file has column names but no customers." };
  const unknownColumns = columns.filter((c) => c.field === null && c.header !== "").map((c) => c.header);
  return { ok: true, rows, columns, unknownColumns };
}

export function tooBig(): string {
  return `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`;
}
