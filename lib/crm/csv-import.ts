// CSV import of customers, server side (docs/data.md). The browser parses the file
// (lib/crm/csv-parse.ts) and sends the rows twice: once for the preview, once to import. Both
// calls validate every row here — the preview is a courtesy, never trusted. The import is ONE
// transaction: membership re-read, permission, read-only state, plan limit, duplicate check,
// every insert and one `customer.import` audit entry commit together, or nothing is written.
import { z } from "zod";
import { assertCan } from "@/lib/authz/permissions";
import { assertWorkspaceWritable } from "@/lib/billing/enforce";
import { assertWithinLimit, entitlementsFor } from "@/lib/billing/plans";
import type { TenantTransaction } from "@/lib/db/tenant";
import { CUSTOMER_FIELDS, customerInputSchema, CrmError, type CrmContext, type CustomerInput } from "./customers";
import { IMPORT_FIELDS, MAX_IMPORT_ROWS, type ImportField, type ImportRow } from "./csv-parse";
import { recordAudit } from "@/lib/workspace/audit-entry";

// Both lists name the same fields (a compile error when one gains a field the other lacks).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameFields: Same<ImportField, (typeof CUSTOMER_FIELDS)[number]> = true;
void sameFields;

const cell = z.string().max(5_000, "This cell is longer than 5,000 characters.").optional();
const rowSchema = z.strictObject({ row: z.number().int().min(1).max(10_000_000), ...Object.fromEntries(IMPORT_FIELDS.map((f) => [f, cell])) });
export const importRowsSchema = z.array(rowSchema).min(1, "The file has no customers to import.").max(MAX_IMPORT_ROWS, `Import at most ${MAX_IMPORT_ROWS.toLocaleString("en")} customers at a time.`);

export type RowError = { row: number; field: ImportField | null; message: string };
export type ImportCheck = {
  total: number;
  /** Rows that passed validation (and are not duplicates). */
  validCount: number;
  errors: RowError[];
  /** The first rows as they would be saved (the preview table). */
  sample: (CustomerInput & { row: number })[];
  /** Active customers now, and the plan's limit (null: unlimited). */
  current: number;
  limit: number | null;
  /** The plan limit's refusal, when importing every row would pass it. */
  limitMessage: string | null;
};

export class CsvImportError extends Error {
  override name = "CsvImportError";
  constructor(
    message: string,
    readonly check: ImportCheck | null = null,
  ) {
    super(message);
  }
}

export const SAMPLE_SIZE = 20;
/** Row errors returned at most (a file that is wrong everywhere does not need 10,000 lines). */
export const MAX_REPORTED_ERRORS = 200;

function parseRows(raw: unknown): ImportRow[] {
  const parsed = importRowsSchema.safeParse(raw);
  if (!parsed.success) throw new CsvImportError(parsed.error.issues[0]?.message ?? "The rows could not be read.");
  return parsed.data as ImportRow[];
}

/** Every row through customerInputSchema; duplicates by email in the file and in the workspace. */
async function check(tx: TenantTransaction, rows: ImportRow[], now: Date): Promise<{ check: ImportCheck; valid: CustomerInput[] }> {
  const errors: RowError[] = [];
  const valid: (CustomerInput & { row: number })[] = [];
  for (const { row, kind, ...fields } of rows) {
    // "person", " Company " → the enum; anything else fails with the schema's message.
    const result = customerInputSchema.safeParse({ ...fields, kind: kind?.trim().toUpperCase() });
    if (result.success) {
      valid.push({ row, ...result.data });
      continue;
    }
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      const field = typeof key === "string" && (IMPORT_FIELDS as readonly string[]).includes(key) ? (key as ImportField) : null;
      if (seen.has(String(field))) continue;
      seen.add(String(field));
      errors.push({ row, field, message: issue.message });
    }
  }

  const firstRowByEmail = new Map<string, number>();
  const unique: (CustomerInput & { row: number })[] = [];
  for (const input of valid) {
    if (input.email) {
      const first = firstRowByEmail.get(input.email);
      if (first !== undefined) {
        errors.push({ row: input.row, field: "email", message: `${input.email} is also on row ${first}.` });
        continue;
      }
      firstRowByEmail.set(input.email, input.row);
    }
    unique.push(input);
  }
  const existing = new Set<string>();
  const emails = [...firstRowByEmail.keys()];
  for (let i = 0; i < emails.length; i += 1_000) {
    const found = await tx.customer.findMany({ where: { email: { in: emails.slice(i, i + 1_000) } }, select: { email: true } });
    for (const { email } of found) if (email) existing.add(email);
  }
  const fresh = unique.filter((input) => {
    if (!input.email || !existing.has(input.email)) return true;
    errors.push({ row: input.row, field: "email", message: `A customer with ${input.email} already exists in this workspace.` });
    return false;
  });
  errors.sort((a, b) => a.row - b.row);

  const tenant = await tx.tenant.findFirstOrThrow({});
  const limit = entitlementsFor(tenant, now).limits.customers;
  const current = await tx.customer.count({ where: { archivedAt: null } });
  let limitMessage: string | null = null;
  try {
    if (fresh.length > 0) assertWithinLimit(tenant, "customers", current + fresh.length - 1, now);
  } catch (error) {
    limitMessage = `Importing ${fresh.length.toLocaleString("en")} customers would pass your limit (${current.toLocaleString("en")} now). ${error instanceof Error ? error.message : ""}`.trim();
  }
  return {
    check: {
      total: rows.length,
      validCount: fresh.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      sample: valid.slice(0, SAMPLE_SIZE),
      current,
      limit,
      limitMessage,
    },
    valid: fresh,
  };
}

/** The preview: what importing these rows would do. Reads only. */
export async function previewCustomerImport(ctx: CrmContext, raw: unknown): Promise<ImportCheck> {
  assertCan(ctx.actor.role, "customers", "create");
  const rows = parseRows(raw);
  return ctx.db.$transaction(async (tx) => (await check(tx, rows, ctx.now ? ctx.now() : new Date())).check, { timeout: 30_000 });
}

/**
 * Imports every row or none: refused (nothing written) while any row has an error, a duplicate,
 * or the rows would pass the plan's customer limit.
 */
export async function importCustomers(ctx: CrmContext, raw: unknown): Promise<{ imported: number }> {
  assertCan(ctx.actor.role, "customers", "create");
  const rows = parseRows(raw);
  const now = ctx.now ? ctx.now() : new Date();
  return ctx.db.$transaction(
    async (tx) => {
      const membership = await tx.membership.findFirst({ where: { userId: ctx.actor.userId }, select: { role: true } });
      if (!membership) throw new CrmError("not-found", "You are no longer a member of this workspace.");
      assertCan(membership.role, "customers", "create");
      await assertWorkspaceWritable(tx, now);
      const { check: result, valid } = await check(tx, rows, now);
      const failures = result.total - result.validCount;
      if (failures > 0) {
        throw new CsvImportError(`Nothing was imported: ${failures.toLocaleString("en")} of ${result.total} rows have errors. Fix them and try again.`, result);
      }
      if (result.limitMessage) throw new CsvImportError(`Nothing was imported. ${result.limitMessage}`, result);
      for (let i = 0; i < valid.length; i += 1_000) {
        await tx.customer.createMany({
          data: valid.slice(i, i + 1_000).map((input) => ({
            tenantId: ctx.db.tenantId,
            kind: input.kind,
            name: input.name,
            email: input.email ?? null,
            phone: input.phone ?? null,
            website: input.website ?? null,
            company: input.company ?? null,
            address: input.address ?? null,
          })),
        });
      }
      await recordAudit(tx, ctx, "customer.import", { type: "customer" }, { imported: valid.length, rows: result.total });
      return { imported: valid.length };
    },
    // 10,000 inserts on a busy machine take longer than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 10_000 },
  );
}
