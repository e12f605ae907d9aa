import type { ErrorCode } from "@411data/core";

// What a CSV batch is: its routes, limits, states, and how its rows are cut into queue messages.

export const BATCH_ROUTES = ["enrich/phone", "enrich/person", "enrich/websearch", "enrich/lead-session"] as const;
export type BatchRoute = (typeof BATCH_ROUTES)[number];
export const UPLOAD_ROUTES = [...BATCH_ROUTES, "auto"] as const;
export type UploadRoute = (typeof UPLOAD_ROUTES)[number];

export const MAX_ROWS = 10_000;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const BATCH_STATUSES = ["running", "completed", "cancelled"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BILLING_MODES_BATCH = ["virtual_balance", "x402_upto"] as const;

export const ROW_STATUSES = ["queued", "running", "done", "failed", "cancelled", "duplicate", "invalid"] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** Lead sessions run for minutes: they get their own lane so short rows never wait behind them. */
export type Lane = "short" | "long";
export const laneOf = (route: BatchRoute): Lane => (route === "enrich/lead-session" ? "long" : "short");

/**
 * Rows per queue message, and messages in flight per batch and lane. A chunk's rows run side by
 * side, so a batch runs at most CHUNK × WINDOW rows at once per lane; the window is twice the
 * consumer's batch size so a delivery always finds a full batch waiting behind it.
 */
export const CHUNK_ROWS: Record<Lane, number> = { short: 200, long: 4 };
export const WINDOW: Record<Lane, number> = { short: 20, long: 4 };

/** How long a claimed chunk is its delivery's own before another may take its rows over. */
export const LEASE_SEC: Record<Lane, number> = { short: 180, long: 900 };

/** A row the vendors keep throttling is tried this many times (with backoff), then fails uncharged. */
export const MAX_ROW_ATTEMPTS = 6;

/** A batch's hold lives this long; a batch still running then stops charging (its rows fail uncharged). */
export const BATCH_MAX_SEC = 24 * 3600;

export const POLL_INTERVAL_SEC = 2;

export interface RowError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
