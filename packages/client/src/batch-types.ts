// Batch shapes (SPEC §1 and §6) for the routes of issue #17, written by hand until those routes are
// in /openapi.json; the generated types replace them when they are.

export type BatchRoute = "enrich/phone" | "enrich/person" | "enrich/websearch" | "enrich/lead-session" | "auto";

export interface BatchUpload {
  /** The CSV itself: text, a Blob/File (browser), or bytes. */
  csv: string | Blob | Uint8Array;
  /** File name sent with the upload (default "batch.csv"). */
  filename?: string;
  /** Which lookup runs per row; "auto" chooses per row from its columns. */
  route?: BatchRoute;
  /** Ceiling for the whole batch in USD. */
  bill_up_to_usd?: number | string;
  callback_url?: string;
}

export interface BatchAccepted {
  batch_id: string;
  poll_bearer?: string;
  [key: string]: unknown;
}

export interface BatchProgress {
  batch_id: string;
  status: string;
  rows?: number;
  done?: number;
  matched?: number;
  no_match?: number;
  failed?: number;
  remaining?: number;
  spent_usd?: number;
  eta_sec?: number | null;
  [key: string]: unknown;
}

/** Batch statuses after which nothing changes. */
export const BATCH_FINAL = new Set(["completed", "failed", "canceled", "cancelled"]);
