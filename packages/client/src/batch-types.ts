// Batch shapes (SPEC §1 and §6, issue #17), written by hand until the batch routes are in
// /openapi.json on main; then the generated types replace them.

export type BatchRoute = "enrich/phone" | "enrich/person" | "enrich/websearch" | "enrich/lead-session" | "auto";

export interface BatchUpload {
  /** The CSV itself: text, a Blob/File (browser), or bytes. */
  csv: string | Blob | Uint8Array;
  /** File name sent with the upload (default "batch.csv"). */
  filename?: string;
  /** Which lookup runs per row (default "auto": chosen per row from its columns). */
  route?: BatchRoute;
  /** Renames columns before rows are read, e.g. { phone: "Mobile #" }. */
  mapping?: Record<string, string>;
  /** Ceiling for the whole batch in USD (default: what every runnable row could cost at most). */
  bill_up_to_usd?: number | string;
  callback_url?: string;
}

interface Counts {
  rows: number;
  unique: number;
  duplicates: number;
  invalid: number;
}

export interface BatchAccepted {
  batch_id: string;
  /** 411j_…, shown once: reads and cancels this one batch. */
  poll_bearer: string;
  poll_url: string;
  poll_interval_sec: number;
  status: "running";
  route: BatchRoute;
  billing_mode: "virtual_balance" | "x402_upto";
  columns: string[];
  counts: Counts;
  invalid_rows: { line: number; code: string; message: string }[];
  duplicate_rows: { line: number; duplicate_of: number }[];
  estimate: { routes: Record<string, number>; estimate_usd: number; max_usd: number; bill_up_to_usd: number };
  callback: { callback_id: string; url: string; signing_secret: string } | null;
}

export interface Batch {
  batch_id: string;
  status: "running" | "completed" | "cancelled";
  route: BatchRoute;
  billing_mode: "virtual_balance" | "x402_upto";
  filename: string | null;
  columns: string[];
  counts: Counts;
  progress: {
    done: number;
    matched: number;
    no_match: number;
    failed: number;
    cancelled: number;
    running: number;
    remaining: number;
    percent: number;
    rows_per_sec: number | null;
    eta_seconds: number | null;
  };
  billing: { bill_up_to_usd: number; estimate_usd: number; charged_usd: number; x402_transaction: string | null };
  results: { csv_url: string; jsonl_url: string };
  poll_interval_sec: number;
  created_at: string;
  finished_at: string | null;
  cancel_requested_at: string | null;
}

export interface BatchList {
  batches: Batch[];
  next_cursor: string | null;
}

/** Batch statuses after which nothing changes. */
export const BATCH_FINAL = new Set<string>(["completed", "cancelled"]);
