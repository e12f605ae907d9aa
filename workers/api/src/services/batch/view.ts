import { toUsd } from "@411data/core";
import type { BatchView } from "../../schemas/batch.ts";
import { POLL_INTERVAL_SEC } from "./batch.ts";
import type { BatchRow, Progress } from "./store.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A batch as its poll shows it: counts, progress, spend so far and, while it runs, an ETA from its own pace. */
export function batchView(batch: BatchRow, p: Progress, now = Date.now()): BatchView {
  const n = (s: keyof Progress["byStatus"]) => p.byStatus[s] ?? 0;
  const ran = n("done");
  const failed = n("failed");
  const remaining = n("queued") + n("running");
  const processed = ran + failed;
  const elapsedSec = p.firstStarted === null ? 0 : ((batch.status === "running" ? now : (p.lastFinished ?? now)) - p.firstStarted) / 1000;
  const rate = processed > 0 && elapsedSec > 0 ? processed / elapsedSec : null;
  return {
    batch_id: batch.id,
    status: batch.status,
    route: batch.route as BatchView["route"],
    billing_mode: batch.billing_mode,
    filename: batch.filename,
    columns: JSON.parse(batch.columns) as string[],
    counts: { rows: batch.rows_total, unique: batch.rows_unique, duplicates: batch.rows_duplicate, invalid: batch.rows_invalid },
    progress: {
      done: processed,
      matched: p.matched,
      no_match: ran - p.matched,
      failed,
      cancelled: n("cancelled"),
      running: n("running"),
      remaining,
      percent: batch.rows_unique === 0 ? 100 : Math.floor((100 * (batch.rows_unique - remaining)) / batch.rows_unique),
      rows_per_sec: rate === null ? null : Math.round(rate * 10) / 10,
      eta_seconds: batch.status !== "running" ? 0 : rate === null ? null : Math.ceil(remaining / rate),
    },
    billing: {
      bill_up_to_usd: toUsd(batch.bill_up_to_micros),
      estimate_usd: toUsd(batch.estimate_micros),
      charged_usd: toUsd(p.spent),
      x402_transaction: batch.x402_transaction,
    },
    results: {
      csv_url: `/api/v1/batch/${batch.id}/results.csv`,
      jsonl_url: `/api/v1/batch/${batch.id}/results.jsonl`,
    },
    poll_interval_sec: POLL_INTERVAL_SEC,
    created_at: iso(batch.created_at)!,
    finished_at: iso(batch.finished_at),
    cancel_requested_at: iso(batch.cancel_requested_at),
  };
}
