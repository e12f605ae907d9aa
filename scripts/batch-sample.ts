// Writes examples/leads-sample.csv: synthetic leads drawn from the sandbox dataset, so every row
// matches a sandbox person (nothing in it is a real person's data). `node scripts/batch-sample.ts`
// rewrites it; `leadRows(n)` gives the benchmark its rows from the same people.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDataset } from "../packages/vendors/src/dataset/generate.ts";

export const SAMPLE_COLUMNS = ["Contact ID", "First Name", "Last Name", "Phone", "Email", "City", "State", "Zip"] as const;

/**
 * `n` leads, one per sandbox phone number (people with several numbers give several rows); past
 * the dataset's numbers they come round again under new contact ids, which is what keeps them apart.
 */
export function leadRows(n: number): string[][] {
  const rows: string[][] = [];
  const people = getDataset().people;
  while (rows.length < n) {
    for (const person of people) {
      for (const phone of person.phones) {
        if (rows.length === n) return rows;
        const home = person.current[0];
        rows.push([
          `C${String(rows.length + 1).padStart(6, "0")}`,
          person.first,
          person.last,
          phone.e164,
          person.emails[0]?.email ?? "",
          home?.city ?? "",
          home?.state_code ?? "",
          home?.zip ?? "",
        ]);
      }
    }
  }
  return rows;
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
export const toCsv = (rows: readonly (readonly string[])[]) => rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = leadRows(40);
  // One repeat (same contact) to show dedupe in the upload's answer.
  const sample = [SAMPLE_COLUMNS, ...rows, rows[3]!];
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "examples", "leads-sample.csv");
  writeFileSync(out, toCsv(sample));
  console.log(`wrote ${sample.length - 1} rows to ${path.relative(process.cwd(), out)}`);
}
