// CSV batch throughput: one upload of N phone rows (synthetic leads from the sandbox dataset, so
// rows match), polled until it ends. Wall time is the batch's own created_at → finished_at;
// concurrency is the most rows the poll saw running at once.
import { leadRows, SAMPLE_COLUMNS, toCsv } from "../batch-sample.ts";

export type BatchBenchResult =
  | { available: false; reason: string }
  | {
      available: true;
      rows: number;
      vendorLatencyMs: number;
      status: string;
      matched: number;
      failed: number;
      /** Upload request alone (parse, validate, dedupe, hold, insert, enqueue), seconds. */
      uploadSec: number;
      /** created_at → finished_at of the batch, seconds. */
      wallSec: number;
      rowsPerSec: number;
      /** Most rows seen running at once by the poll. */
      peakRunning: number;
      /** Rows that ran ÷ wall time ÷ vendor latency: the concurrency the batch sustained (slow vendor only). */
      sustainedConcurrency: number | null;
      chargedUsd: number;
    };

interface View {
  status: string;
  progress: { done: number; matched: number; failed: number; running: number; remaining: number };
  billing: { charged_usd: number };
  created_at: string;
  finished_at: string | null;
}

export async function batchBench(base: string, bearer: string, rows: number, vendorLatencyMs: number, timeoutSec: number): Promise<BatchBenchResult> {
  const body = toCsv([SAMPLE_COLUMNS, ...leadRows(rows)]);
  const began = Date.now();
  const res = await fetch(`${base}/api/v1/batch/enrich/upload?route=enrich/phone`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${bearer}` },
    body,
  });
  const uploadSec = (Date.now() - began) / 1000;
  if (res.status !== 202) return { available: false, reason: `upload answered ${res.status} ${(await res.text()).slice(0, 200)}` };
  const accepted = (await res.json()) as { batch_id: string; poll_bearer: string };
  let peakRunning = 0;
  let view: View | null = null;
  const deadline = Date.now() + timeoutSec * 1000;
  while (Date.now() < deadline) {
    const r = await fetch(`${base}/api/v1/batch/${accepted.batch_id}`, { headers: { authorization: `Bearer ${accepted.poll_bearer}` } });
    view = (await r.json()) as View;
    peakRunning = Math.max(peakRunning, view.progress.running);
    if (view.status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!view || view.status === "running" || !view.finished_at) {
    return { available: false, reason: `not finished after ${timeoutSec} s (${view?.progress.done ?? 0} of ${rows} rows done)` };
  }
  const wallSec = (Date.parse(view.finished_at) - Date.parse(view.created_at)) / 1000;
  return {
    available: true,
    rows,
    vendorLatencyMs,
    status: view.status,
    matched: view.progress.matched,
    failed: view.progress.failed,
    uploadSec,
    wallSec,
    rowsPerSec: view.progress.done / wallSec,
    peakRunning,
    sustainedConcurrency: vendorLatencyMs > 0 ? Math.round((view.progress.done * vendorLatencyMs) / 1000 / wallSec) : null,
    chargedUsd: view.billing.charged_usd,
  };
}

export function printBatch(results: BatchBenchResult[]): void {
  console.log("| CSV batch (enrich/phone) | rows | upload | submit → completed | rows/s | peak running | sustained concurrency | matched / failed |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    if (!r.available) {
      console.log(`| not available | | | ${r.reason} | | | | |`);
      continue;
    }
    console.log(
      `| vendor at ${r.vendorLatencyMs} ms | ${r.rows} | ${r.uploadSec.toFixed(1)} s | ${r.wallSec.toFixed(1)} s | ${r.rowsPerSec.toFixed(0)} | ${r.peakRunning} | ${r.sustainedConcurrency ?? "—"} | ${r.matched} / ${r.failed} |`,
    );
  }
  console.log();
}
