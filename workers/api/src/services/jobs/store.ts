import { randomBase62 } from "@411data/core";
import type { BillingMode, BillingStatus, JobError, JobRoute, JobStatus } from "./job.ts";

// The enrich_jobs row and every state change on it. Each change is one conditional UPDATE: it
// names the state it leaves (and the lease it holds), so of two deliveries racing for the same
// job exactly one moves it, and the loser learns so (no row back, or no change). The winner gets
// the row as it left it (RETURNING *, or built from the row its lease holds), so no step of a run
// reads the job again.

export interface JobRow {
  id: string;
  agent_id: string | null;
  key_id: string | null;
  request_id: string;
  route: JobRoute;
  payload: string;
  poll_hash: string;
  callback_url: string | null;
  status: JobStatus;
  billing_mode: BillingMode;
  billing_status: BillingStatus | null;
  bill_up_to_micros: number;
  charge_micros: number | null;
  charged_micros: number | null;
  hold_id: string | null;
  x402_lock_key: string | null;
  x402_payer: string | null;
  x402_payload: string | null;
  x402_requirement: string | null;
  x402_transaction: string | null;
  /** The lead session a lead-session job runs (random; null on websearch jobs and older rows). */
  session_id: string | null;
  result: string | null;
  matched: number | null;
  cogs_micros: number | null;
  error: string | null;
  last_error: string | null;
  attempts: number;
  lease_id: string | null;
  lease_until: number | null;
  max_timeout_seconds: number;
  deadline_at: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

export type NewJob = Pick<
  JobRow,
  | "id"
  | "agent_id"
  | "key_id"
  | "request_id"
  | "route"
  | "payload"
  | "poll_hash"
  | "callback_url"
  | "billing_mode"
  | "bill_up_to_micros"
  | "hold_id"
  | "x402_lock_key"
  | "x402_payer"
  | "x402_payload"
  | "x402_requirement"
  | "max_timeout_seconds"
  | "deadline_at"
  | "created_at"
> & Partial<Pick<JobRow, "session_id">>;

/** A claim on the job: transitions made under it name `leaseId`. */
export interface Lease {
  leaseId: string;
  attempts: number;
}

/** A lease taken, and the row as the claim left it. */
export interface Claimed {
  lease: Lease;
  job: JobRow;
}

const newLeaseId = () => `lease_${randomBase62(16)}`;

export async function insertJob(db: D1Database, job: NewJob): Promise<void> {
  await db
    .prepare(
      `INSERT INTO enrich_jobs (id, agent_id, key_id, request_id, route, payload, poll_hash, callback_url, status,
         billing_mode, bill_up_to_micros, hold_id, x402_lock_key, x402_payer, x402_payload, x402_requirement,
         session_id, max_timeout_seconds, deadline_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      job.id,
      job.agent_id,
      job.key_id,
      job.request_id,
      job.route,
      job.payload,
      job.poll_hash,
      job.callback_url,
      job.billing_mode,
      job.bill_up_to_micros,
      job.hold_id,
      job.x402_lock_key,
      job.x402_payer,
      job.x402_payload,
      job.x402_requirement,
      job.session_id ?? null,
      job.max_timeout_seconds,
      job.deadline_at,
      job.created_at,
      job.created_at,
    )
    .run();
}

export async function getJob(db: D1Database, id: string): Promise<JobRow | null> {
  return db.prepare("SELECT * FROM enrich_jobs WHERE id = ?").bind(id).first<JobRow>();
}

/**
 * Takes the job to run its work: a queued job, or a running one whose lease ran out (its runner
 * died). Refused past the deadline: that job is for the timeout path, not for a run. The lease
 * lasts `leaseMs` (by route), never past the deadline. One statement claims and reads the row, so
 * the usual delivery (a queued job) costs no separate read.
 */
export async function claimRun(db: D1Database, id: string, now: number, leaseMs: Record<JobRoute, number>): Promise<Claimed | null> {
  const leaseId = newLeaseId();
  const routes = Object.entries(leaseMs);
  const row = await db
    .prepare(
      `UPDATE enrich_jobs SET status = 'running', lease_id = ?, attempts = attempts + 1,
         lease_until = MIN(deadline_at, ? + CASE route ${routes.map(() => "WHEN ? THEN ?").join(" ")} ELSE 0 END),
         started_at = COALESCE(started_at, ?), updated_at = ?
       WHERE id = ? AND deadline_at > ?
         AND (status = 'queued' OR (status = 'running' AND lease_until < ?))
       RETURNING *`,
    )
    .bind(leaseId, now, ...routes.flat(), now, now, id, now, now)
    .first<JobRow>();
  return row ? { lease: { leaseId, attempts: row.attempts }, job: row } : null;
}

/** Takes over a true-up whose runner died between the work and the money (stale `completing`). */
export async function claimBilling(db: D1Database, id: string, now: number, leaseUntil: number): Promise<Claimed | null> {
  const leaseId = newLeaseId();
  const row = await db
    .prepare(
      `UPDATE enrich_jobs SET lease_id = ?, lease_until = ?, updated_at = ?
       WHERE id = ? AND status = 'completing' AND lease_until < ?
       RETURNING *`,
    )
    .bind(leaseId, leaseUntil, now, id, now)
    .first<JobRow>();
  return row ? { lease: { leaseId, attempts: row.attempts }, job: row } : null;
}

/** Gives a run back after a transient fault, so the retried message can claim it again. */
export async function requeue(db: D1Database, id: string, leaseId: string, lastError: JobError, now: number): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE enrich_jobs SET status = 'queued', lease_id = NULL, lease_until = NULL, last_error = ?, updated_at = ?
       WHERE id = ? AND status = 'running' AND lease_id = ?`,
    )
    .bind(JSON.stringify(lastError), now, id, leaseId)
    .run();
  return res.meta.changes === 1;
}

export interface WorkDone {
  result: unknown;
  matched: boolean;
  /** What the true-up will capture or settle (0 on no match), ≤ the ceiling. */
  charge: number;
  cogs: number | null;
}

/**
 * Work finished in time: keep the answer and the charge, and move on to the true-up. Returns the
 * row as it now is, built from `job` (read by the claim under this lease, which no other writer
 * moves) rather than read back with the answer it just wrote.
 */
export async function beginBilling(
  db: D1Database,
  job: JobRow,
  lease: Lease,
  done: WorkDone,
  now: number,
  leaseUntil: number,
): Promise<JobRow | null> {
  const next = {
    ...job,
    status: "completing",
    billing_status: "settling",
    result: JSON.stringify(done.result),
    matched: done.matched ? 1 : 0,
    charge_micros: done.charge,
    cogs_micros: done.cogs,
    lease_until: leaseUntil,
    updated_at: now,
  } satisfies JobRow;
  const res = await db
    .prepare(
      `UPDATE enrich_jobs SET status = 'completing', billing_status = 'settling', result = ?, matched = ?,
         charge_micros = ?, cogs_micros = ?, lease_until = ?, updated_at = ?
       WHERE id = ? AND status = 'running' AND lease_id = ? AND deadline_at > ?`,
    )
    .bind(next.result, next.matched, next.charge_micros, next.cogs_micros, leaseUntil, now, job.id, lease.leaseId, now)
    .run();
  return res.meta.changes === 1 ? next : null;
}

/** What the true-up took. */
export interface TrueUpDone {
  charged: number;
  billingStatus: BillingStatus;
  transaction: string | null;
}

/**
 * The true-up went through. A statement, so the run can send it in one batch with the lookup of
 * who hears about it (notify.ts); `changes` 1 means this lease ended the job (completedRow).
 */
export function complete(db: D1Database, id: string, leaseId: string, billing: TrueUpDone, now: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE enrich_jobs SET status = 'completed', billing_status = ?, charged_micros = ?, x402_transaction = ?,
         lease_id = NULL, lease_until = NULL, finished_at = ?, updated_at = ?
       WHERE id = ? AND status = 'completing' AND lease_id = ?`,
    )
    .bind(billing.billingStatus, billing.charged, billing.transaction, now, now, id, leaseId);
}

/** The row `complete` leaves, from the completing row it moved. */
export const completedRow = (job: JobRow, billing: TrueUpDone, now: number): JobRow => ({
  ...job,
  status: "completed",
  billing_status: billing.billingStatus,
  charged_micros: billing.charged,
  x402_transaction: billing.transaction,
  lease_id: null,
  lease_until: null,
  finished_at: now,
  updated_at: now,
});

/** Lets the true-up be resumed by the retried message (settlement could not be reached). */
export async function releaseBillingLease(db: D1Database, id: string, leaseId: string, lastError: JobError, now: number) {
  await db
    .prepare(
      `UPDATE enrich_jobs SET lease_until = 0, last_error = ?, updated_at = ?
       WHERE id = ? AND status = 'completing' AND lease_id = ?`,
    )
    .bind(JSON.stringify(lastError), now, id, leaseId)
    .run();
}

/** Which jobs a failure may end; the caller that ends one (gets the row back) owns its refund. */
export type FailWhen =
  /** Its own run, under the lease it holds. */
  | { kind: "run"; leaseId: string }
  /** Not finished by its deadline; a run in progress loses the job and cannot bill it. */
  | { kind: "timeout" }
  /** Retries exhausted: queued, or running under a lease that ran out. */
  | { kind: "dead_letter" }
  /** The true-up failed for good: under its lease, or (dead letter) a stale one. */
  | { kind: "billing"; leaseId: string | null };

export async function fail(
  db: D1Database,
  id: string,
  when: FailWhen,
  outcome: { error: JobError; billingStatus: BillingStatus },
  now: number,
): Promise<JobRow | null> {
  const where = {
    run: ["status = 'running' AND lease_id = ?", [when.kind === "run" ? when.leaseId : null]],
    timeout: ["status IN ('queued', 'running') AND deadline_at <= ?", [now]],
    dead_letter: ["(status = 'queued' OR (status = 'running' AND lease_until < ?))", [now]],
    billing:
      when.kind === "billing" && when.leaseId
        ? ["status = 'completing' AND lease_id = ?", [when.leaseId]]
        : ["status = 'completing' AND lease_until < ?", [now]],
  } as const satisfies Record<FailWhen["kind"], readonly [string, readonly unknown[]]>;
  const [clause, params] = where[when.kind];
  return db
    .prepare(
      `UPDATE enrich_jobs SET status = 'failed', billing_status = ?, charged_micros = 0, error = ?,
         lease_id = NULL, lease_until = NULL, finished_at = ?, updated_at = ?
       WHERE id = ? AND ${clause}
       RETURNING *`,
    )
    .bind(outcome.billingStatus, JSON.stringify(outcome.error), now, now, id, ...params)
    .first<JobRow>();
}
