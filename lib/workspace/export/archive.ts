// The workspace archive: every tenant-owned table the workspace has, as JSON and CSV, in one
// zip (fflate). Read through the tenant-bound client in keyset pages (by id), so a large table
// is never one query; secrets never leave: members carry no password hash, TOTP or session
// data, invitations no token hash.
import { strToU8, zipSync, type Zippable } from "fflate";
import { csvLine } from "@/lib/crm/csv-export";
import type { TenantDb } from "@/lib/db/tenant";

const PAGE = 1_000;

type Row = Record<string, unknown>;
type Table = {
  name: string;
  count(db: TenantDb): Promise<number>;
  /** One page of rows after `afterId` (ordered by id). */
  page(db: TenantDb, afterId: string | undefined): Promise<(Row & { id: string })[]>;
};

const after = (afterId: string | undefined) => (afterId ? { id: { gt: afterId } } : {});
const byId = { id: "asc" } as const;

export const TABLES: Table[] = [
  {
    name: "customers",
    count: (db) => db.customer.count(),
    page: (db, a) => db.customer.findMany({ where: after(a), orderBy: byId, take: PAGE, omit: { tenantId: true } }),
  },
  {
    name: "deals",
    count: (db) => db.deal.count(),
    page: (db, a) => db.deal.findMany({ where: after(a), orderBy: byId, take: PAGE, omit: { tenantId: true } }),
  },
  {
    name: "notes",
    count: (db) => db.note.count(),
    page: (db, a) => db.note.findMany({ where: after(a), orderBy: byId, take: PAGE, omit: { tenantId: true } }),
  },
  {
    name: "members",
    count: (db) => db.membership.count(),
    page: async (db, a) =>
      (
        await db.membership.findMany({
          where: after(a),
          orderBy: byId,
          take: PAGE,
          select: { id: true, userId: true, role: true, createdAt: true, user: { select: { email: true, name: true } } },
        })
      ).map(({ user, ...m }) => ({ ...m, email: user.email, name: user.name })),
  },
  {
    name: "invitations",
    count: (db) => db.invitation.count(),
    page: (db, a) => db.invitation.findMany({ where: after(a), orderBy: byId, take: PAGE, omit: { tenantId: true, tokenHash: true } }),
  },
  {
    name: "audit_log",
    count: (db) => db.auditLog.count(),
    page: (db, a) => db.auditLog.findMany({ where: after(a), orderBy: byId, take: PAGE, omit: { tenantId: true } }),
  },
];

/** JSON-safe: dates as ISO strings, bigint (deal values in cents) as strings. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}
const cellText = (value: unknown) => {
  const v = plain(value);
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
};

export type ArchiveResult = { zip: Uint8Array; rowCount: number; counts: Record<string, number> };

/**
 * Builds the zip. `progress(done, total)` is called after every page (the caller writes it to
 * the DataExport row, throttled). `workspace` goes in as workspace.json.
 */
export async function buildWorkspaceArchive(
  db: TenantDb,
  workspace: Row,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<ArchiveResult> {
  const totals = await Promise.all(TABLES.map((t) => t.count(db)));
  const total = totals.reduce((a, b) => a + b, 0);
  const files: Zippable = {};
  const counts: Record<string, number> = {};
  let done = 0;
  for (const table of TABLES) {
    const rows: Row[] = [];
    let columns: string[] | null = null;
    let csv = "";
    let last: string | undefined;
    for (;;) {
      const page = await table.page(db, last);
      for (const row of page) {
        columns ??= Object.keys(row);
        rows.push(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
        csv += csvLine(columns.map((c) => cellText(row[c])));
      }
      done += page.length;
      await progress(done, total);
      if (page.length < PAGE) break;
      last = page.at(-1)!.id;
    }
    counts[table.name] = rows.length;
    files[`${table.name}.json`] = strToU8(JSON.stringify(rows, null, 2));
    files[`${table.name}.csv`] = strToU8(`\uFEFF${columns ? csvLine(columns) : ""}${csv}`);
  }
  files["workspace.json"] = strToU8(JSON.stringify({ ...Object.fromEntries(Object.entries(workspace).map(([k, v]) => [k, plain(v)])), counts }, null, 2));
  return { zip: zipSync(files, { level: 6 }), rowCount: done, counts };
}
