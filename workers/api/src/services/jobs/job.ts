import type { ErrorCode } from "@411data/core";
import { UPTO_MAX_TIMEOUT_SECONDS } from "@411data/x402";

// What an async enrich job is: its routes, states and time limits (SPEC §3, §6; seed 003).

export const JOB_ROUTES = ["enrich/websearch", "enrich/lead-session"] as const;
export type JobRoute = (typeof JOB_ROUTES)[number];

export const JOB_STATUSES = ["queued", "running", "completing", "completed", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** null until the true-up starts. */
export const BILLING_STATUSES = ["settled_virtual", "settling", "settled", "settle_failed"] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

export const BILLING_MODES = ["virtual_balance", "x402_upto"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

/** A job that has not finished this long after submit fails and is refunded (the upto window). */
export const JOB_MAX_TIMEOUT_SEC = UPTO_MAX_TIMEOUT_SECONDS;

/**
 * The balance hold outlives the job by this much, so the true-up after a job that ends right at
 * its deadline still finds the hold open; a job nobody finishes is refunded when the hold expires.
 */
export const HOLD_MARGIN_SEC = 300;

/** A run starts no new work (no new lead-session round) this close to the deadline, so it can still be billed. */
export const WRAP_UP_SEC = 30;

export const POLL_INTERVAL_SEC = 2;

/** A true-up (capture or on-chain settle) holds the job this long before another delivery may resume it. */
export const BILLING_LEASE_SEC = 60;

/**
 * Each job gets a second message this long after its deadline: past the billing lease, so a
 * true-up whose runner died is taken over by it (and a job nobody ran is failed and refunded).
 */
export const DEADLINE_CHECK_MARGIN_SEC = 75;

/** What one settlement needs once started (the facilitator's send and the receipt). */
export const SETTLE_WINDOW_SEC = 45;

/**
 * Seconds an upto permit must still be valid after the job's deadline: the deadline check (which
 * resumes a crashed true-up) and its settlement both land before the permit expires, so our own
 * timers never leave a permit unsettleable.
 */
export const SETTLE_MARGIN_SEC = DEADLINE_CHECK_MARGIN_SEC + SETTLE_WINDOW_SEC;

export const isTerminal = (status: JobStatus) => status === "completed" || status === "failed";

/** The error a job ends with, as the poll shows it: the API's own code and message. */
export interface JobError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
