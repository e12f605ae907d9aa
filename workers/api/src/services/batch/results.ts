import { toUsd } from "@411data/core";
import { csvLine } from "./csv.ts";
import { type BatchRow, resultPage, type ResultRow } from "./store.ts";

// The results of a batch as files, streamed from D1 a page at a time in file order: partial while
// the batch runs (rows not yet run say so), complete once it ends. Every data row of the upload is
// there, duplicates and invalid rows too, so the file lines up with the one that was sent.

const PAGE = 500;

/** Appended after the input columns (named so they cannot be mistaken for a CRM's own). */
export const RESULT_COLUMNS = ["enrich_line", "enrich_status", "enrich_route", "enrich_matched", "enrich_cost_usd", "enrich_error_code", "enrich_error", "enrich_result_json"] as const;

interface RowError {
  code: string;
  message: string;
}

const parseError = (row: ResultRow): RowError | null => (row.error ? (JSON.parse(row.error) as RowError) : null);
// A row that has not run yet shows its last (retried) error only once it ends.
const shownError = (row: ResultRow) => (row.status === "queued" || row.status === "running" ? null : parseError(row));

function rows(db: D1Database, batchId: string, render: (row: ResultRow) => string, head?: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started && head !== undefined) {
        started = true;
        controller.enqueue(encoder.encode(head));
        return;
      }
      const page = await resultPage(db, batchId, after, PAGE);
      if (page.length === 0) return controller.close();
      after = page[page.length - 1]!.row_no;
      controller.enqueue(encoder.encode(page.map(render).join("")));
    },
  });
}

/** The input columns, then RESULT_COLUMNS; cells starting with = + - @ are made inert. */
export function resultsCsv(db: D1Database, batch: BatchRow): ReadableStream<Uint8Array> {
  const header = JSON.parse(batch.columns) as string[];
  return rows(db, batch.id, (row) => {
      const cells = JSON.parse(row.cells) as string[];
      const padded = header.map((_, i) => cells[i] ?? "");
      const error = shownError(row);
      return csvLine([
        ...padded,
        String(row.line),
        row.status,
        row.route ?? "",
        row.matched === null ? "" : row.matched ? "true" : "false",
        row.charge_micros === null ? "" : String(toUsd(row.charge_micros)),
        error?.code ?? "",
        error?.message ?? "",
        row.result ?? "",
      ]);
    }, csvLine([...header, ...RESULT_COLUMNS]));
}

/** One JSON object per line: the input row by column, the outcome, and the sync route's answer. */
export function resultsJsonl(db: D1Database, batch: BatchRow): ReadableStream<Uint8Array> {
  const header = JSON.parse(batch.columns) as string[];
  return rows(db, batch.id, (row) => {
      const cells = JSON.parse(row.cells) as string[];
      return `${JSON.stringify({
        line: row.line,
        input: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? null])),
        status: row.status,
        route: row.route,
        matched: row.matched === null ? null : row.matched === 1,
        cost_usd: row.charge_micros === null ? null : toUsd(row.charge_micros),
        error: shownError(row),
        duplicate_of: row.duplicate_of,
        result: row.result ? (JSON.parse(row.result) as unknown) : null,
      })}\n`;
    });
}
