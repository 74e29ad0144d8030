"use client";
// Choose a file → parsed here (lib/crm/csv-parse.ts) → the server previews it (validation,
// duplicates, plan limit) → "Import" sends the same rows again; the server checks them again
// and imports all or nothing. No re-upload between the two steps.
import { useId, useState } from "react";
import { useRedirect } from "@/components/auth/use-redirect";
import { buttonStyles, cardStyles, errorText, labelStyles, mutedText, tableStyles } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import type { ImportCheck } from "@/lib/crm/csv-import";
import { MAX_IMPORT_BYTES, parseCustomerCsv, tooBig, type ImportRow } from "@/lib/crm/csv-parse";

type Reply = { ok: true; check?: ImportCheck; imported?: number; message?: string } | { ok: false; message: string; check?: ImportCheck | null };

async function send(mode: "preview" | "import", rows: ImportRow[]): Promise<Reply> {
  try {
    const response = await fetch("/customers/import/rows", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mode, rows }),
    });
    return (await response.json()) as Reply;
  } catch {
    return { ok: false, message: "The server could not be reached. Try again." };
  }
}

export function ImportForm() {
  const inputId = useId();
  const toast = useToast();
  const [rows, setRows] = useState<ImportRow[] | null>(null);
  const [fileName, setFileName] = useState("");
  const [unknown, setUnknown] = useState<string[]>([]);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<"reading" | "importing" | null>(null);
  const [done, setDone] = useState<string | undefined>();
  useRedirect(done);

  async function choose(file: File | undefined) {
    setRows(null);
    setCheck(null);
    setProblem(null);
    setUnknown([]);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_IMPORT_BYTES) return setProblem(tooBig());
    setBusy("reading");
    const parsed = parseCustomerCsv(await file.text());
    if (!parsed.ok) {
      setBusy(null);
      return setProblem(parsed.message);
    }
    setUnknown(parsed.unknownColumns);
    const reply = await send("preview", parsed.rows);
    setBusy(null);
    if (!reply.ok || !reply.check) return setProblem(reply.message ?? "The preview failed.");
    setRows(parsed.rows);
    setCheck(reply.check);
  }

  async function importAll() {
    if (!rows) return;
    setBusy("importing");
    const reply = await send("import", rows);
    setBusy(null);
    if (reply.ok) {
      toast.success(reply.message ?? "Imported.");
      setDone(`/customers?imported=${reply.imported ?? 0}`);
      return;
    }
    setProblem(reply.message);
    if (reply.check) setCheck(reply.check);
    toast.error(reply.message);
  }

  const blocked = !check || check.errors.length > 0 || check.validCount < check.total || check.limitMessage !== null;
  return (
    <div className="flex flex-col gap-6">
      <div className={cardStyles}>
        <label htmlFor={inputId} className={labelStyles}>
          CSV file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy !== null}
          onChange={(e) => void choose(e.target.files?.[0])}
          className="mt-2 block w-full text-sm text-zinc-700 file:mr-4 file:rounded-lg file:border-0 file:bg-zinc-100 file:px-4 file:py-2 file:text-sm file:font-medium file:text-zinc-900 hover:file:bg-zinc-200 dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-100"
        />
        <div aria-live="polite" className="mt-3">
          {busy === "reading" ? <p className={mutedText}>Checking {fileName}…</p> : null}
          {problem ? (
            <p role="alert" className={errorText}>
              {problem}
            </p>
          ) : null}
        </div>
      </div>

      {check ? (
        <section aria-labelledby="preview-title" className="flex flex-col gap-4">
          <h2 id="preview-title" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
            Preview of {fileName}
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="import-summary">
            {check.total.toLocaleString("en")} rows: {check.validCount.toLocaleString("en")} ready,{" "}
            {(check.total - check.validCount).toLocaleString("en")} with errors. {check.current.toLocaleString("en")} active customers now
            {check.limit !== null ? ` (plan limit ${check.limit.toLocaleString("en")})` : ""}.
          </p>
          {unknown.length > 0 ? (
            <p className={mutedText}>
              Ignored columns: {unknown.map((c) => `“${c}”`).join(", ")}.
            </p>
          ) : null}
          {check.limitMessage ? (
            <p role="alert" className={errorText}>
              {check.limitMessage}
            </p>
          ) : null}
          {check.errors.length > 0 ? (
            <div className="rounded-xl bg-red-50 p-4 ring-1 ring-red-200 dark:bg-red-950 dark:ring-red-900">
              <h3 className="text-sm font-semibold text-red-900 dark:text-red-100">Fix these rows, then choose the file again. Nothing is imported until every row is valid.</h3>
              <ul className="mt-2 list-disc pl-5 text-sm text-red-800 dark:text-red-200" data-testid="import-errors">
                {check.errors.map((e, i) => (
                  <li key={i}>
                    Row {e.row}
                    {e.field ? `, ${e.field}` : ""}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {check.sample.length > 0 ? (
            <div className="overflow-x-auto rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800">
              <table className={tableStyles.table}>
                <caption className="sr-only">First valid rows</caption>
                <thead>
                  <tr>
                    {["Row", "Name", "Kind", "Email", "Phone", "Company"].map((h) => (
                      <th key={h} scope="col" className={tableStyles.th}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                  {check.sample.map((c) => (
                    <tr key={c.row} className={tableStyles.row}>
                      <td className={tableStyles.td}>{c.row}</td>
                      <td className={tableStyles.td}>{c.name}</td>
                      <td className={tableStyles.td}>{c.kind === "PERSON" ? "Person" : "Company"}</td>
                      <td className={tableStyles.td}>{c.email ?? "—"}</td>
                      <td className={tableStyles.td}>{c.phone ?? "—"}</td>
                      <td className={tableStyles.td}>{c.company ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <div>
            <button type="button" className={buttonStyles.primary} disabled={blocked || busy !== null} onClick={() => void importAll()}>
              {busy === "importing" ? "Importing…" : `Import ${check.validCount.toLocaleString("en")} customers`}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
