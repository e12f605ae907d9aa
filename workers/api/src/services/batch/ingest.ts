import { ApiError, type Micros } from "@411data/core";
import { MAX_ROWS, type BatchRoute, type RowError, type UploadRoute } from "./batch.ts";
import { CsvFormatError, readCsv } from "./csv.ts";
import { planRow, rowRecord } from "./rows.ts";

// An upload, read once as it streams: the header, then every data row validated and deduped.
// Nothing here moves money; every refusal is a free 4xx decided before the hold.

export interface IngestedRow {
  rowNo: number;
  line: number;
  cells: string[];
  status: "queued" | "duplicate" | "invalid";
  route: BatchRoute | null;
  payload: unknown;
  max: Micros | null;
  error: RowError | null;
  duplicateOf: number | null;
}

export interface Ingested {
  header: string[];
  rows: IngestedRow[];
  counts: { rows: number; unique: number; duplicates: number; invalid: number };
  /** Every runnable row matching at its route's price. */
  estimate: Micros;
  /** The most the runnable rows may take together: the ceiling a batch needs to run every row. */
  maxTotal: Micros;
  routes: Partial<Record<BatchRoute, number>>;
}

export async function ingestCsv(body: ReadableStream<Uint8Array>, route: UploadRoute, mapping: Record<string, string> | null): Promise<Ingested> {
  let header: string[] | null = null;
  const rows: IngestedRow[] = [];
  const seen = new Map<string, number>();
  let estimate = 0;
  let maxTotal = 0;
  const routes: Partial<Record<BatchRoute, number>> = {};
  try {
    for await (const record of readCsv(body)) {
      if (header === null) {
        header = checkHeader(record.cells, mapping);
        continue;
      }
      if (rows.length >= MAX_ROWS) {
        throw new ApiError("PAYLOAD_TOO_LARGE", `a batch takes at most ${MAX_ROWS} rows; split the file`, {
          details: { max_rows: MAX_ROWS, line: record.line },
        });
      }
      const base = { rowNo: rows.length + 1, line: record.line, cells: record.cells, route: null, payload: null, max: null, duplicateOf: null };
      if (record.cells.length !== header.length) {
        rows.push({ ...base, status: "invalid", error: { code: "CSV_INVALID", message: `line ${record.line} has ${record.cells.length} cells; the header has ${header.length}` } });
        continue;
      }
      const plan = planRow(route, rowRecord(header, record.cells, mapping));
      if (!plan.ok) {
        rows.push({ ...base, status: "invalid", error: plan.error });
        continue;
      }
      const first = plan.dedupeKey === null ? undefined : seen.get(plan.dedupeKey);
      if (first !== undefined) {
        rows.push({ ...base, status: "duplicate", route: plan.route, duplicateOf: first, error: { code: "CONFLICT", message: `duplicate of line ${first} (${plan.dedupeKey!.split(":")[0]})` } });
        continue;
      }
      if (plan.dedupeKey !== null) seen.set(plan.dedupeKey, record.line);
      estimate += plan.price;
      maxTotal += plan.max;
      routes[plan.route] = (routes[plan.route] ?? 0) + 1;
      rows.push({ ...base, status: "queued", route: plan.route, payload: plan.payload, max: plan.max, error: null });
    }
  } catch (err) {
    if (err instanceof CsvFormatError) {
      throw new ApiError("CSV_INVALID", err.message, { details: { reason: err.reason, line: err.line } });
    }
    throw err;
  }
  if (header === null) throw new ApiError("CSV_INVALID", "the file is empty: send a header line and at least one row", { details: { reason: "empty" } });
  if (rows.length === 0) throw new ApiError("CSV_INVALID", "the file has a header but no rows", { details: { reason: "header_only", columns: header } });
  const invalid = rows.filter((r) => r.status === "invalid").length;
  const duplicates = rows.filter((r) => r.status === "duplicate").length;
  return {
    header,
    rows,
    counts: { rows: rows.length, unique: rows.length - invalid - duplicates, duplicates, invalid },
    estimate,
    maxTotal,
    routes,
  };
}

function checkHeader(cells: string[], mapping: Record<string, string> | null): string[] {
  const header = cells.map((c) => c.trim());
  if (header.every((h) => h === "")) throw new ApiError("CSV_INVALID", "the first line must name the columns", { details: { reason: "no_header" } });
  // A binary file decodes as UTF-8 often enough; control characters in a header give it away.
  if (header.some((h) => /[\u0000-\u0008\u000e-\u001f]/.test(h))) {
    throw new ApiError("CSV_INVALID", "the file does not look like CSV text", { details: { reason: "not_csv" } });
  }
  const missing = Object.values(mapping ?? {}).filter((col) => !header.some((h) => h.toLowerCase() === col.toLowerCase()));
  if (missing.length > 0) {
    throw new ApiError("VALIDATION_FAILED", `mapping names columns the file does not have: ${missing.join(", ")}`, {
      details: { field: "mapping", missing, columns: header },
    });
  }
  return header;
}
