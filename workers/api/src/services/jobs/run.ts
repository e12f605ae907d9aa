import { ApiError } from "@411data/core";
import { markPayment } from "../billing/x402-locks.ts";
import { refund, trueUp, type TrueUp } from "./billing.ts";
import { expireIfOverdue, failAndRefund, jobErrorOf } from "./end.ts";
import { BILLING_LEASE_SEC, isTerminal, type JobError, type JobRoute, WRAP_UP_SEC } from "./job.ts";
import { jobEndedSubscriptions, notifyJobEnded } from "./notify.ts";
import {
  beginBilling,
  claimBilling,
  claimRun,
  complete,
  completedRow,
  fail,
  getJob,
  type JobRow,
  releaseBillingLease,
  requeue,
} from "./store.ts";
import { JOB_RUNNERS, type JobWork } from "./work.ts";

// One delivery of an `enrich_job` message. Delivery is at least once, so every step first takes
// the job by a conditional state change and does nothing when another delivery holds it:
//
//   queued ──claim──▶ running ──work done──▶ completing ──true-up──▶ completed
//      ▲                 │ transient fault: back to queued, message retried with backoff
//      └─────────────────┘ anything else, the deadline, or retries exhausted ──▶ failed (refunded)
//
// Returning acks the message; throwing asks the queue to retry it.

export async function runJob(env: Env, jobId: string): Promise<void> {
  const now = Date.now();
  // Nearly every delivery finds its job queued: claiming first reads the row in the same statement.
  const claimed = await claimRun(env.DB, jobId, now, RUN_LEASE_MS);
  if (!claimed) return resumeUnclaimed(env, jobId, now);
  const { lease, job } = claimed;

  let work: JobWork;
  try {
    work = await JOB_RUNNERS[job.route].run(env, job, job.deadline_at - WRAP_UP_SEC * 1000);
  } catch (err) {
    const error = jobErrorOf(err);
    if (isTransient(err)) {
      if (await requeue(env.DB, job.id, lease.leaseId, error, Date.now())) throw err;
      return;
    }
    await failAndRefund(env, job, { kind: "run", leaseId: lease.leaseId }, error);
    return;
  }

  const done = Date.now();
  const billing = await beginBilling(env.DB, job, lease, { ...work }, done, done + BILLING_LEASE_SEC * 1000);
  if (!billing) {
    // The deadline passed while the work ran (or a timeout already ended the job): it is not billed.
    const current = await getJob(env.DB, job.id);
    if (current) await expireIfOverdue(env, current, done);
    return;
  }
  await finishBilling(env, billing, lease.leaseId, { final: false });
}

/** How long a run may hold its job before a redelivery may take over, by route. */
const RUN_LEASE_MS = Object.fromEntries(Object.entries(JOB_RUNNERS).map(([route, r]) => [route, r.leaseSec * 1000])) as Record<JobRoute, number>;

/** A delivery that could not claim a run: the job ended, expired, is billing, or another delivery runs it. */
async function resumeUnclaimed(env: Env, jobId: string, now: number): Promise<void> {
  const job = await getJob(env.DB, jobId);
  if (!job) return;
  // Ended already: only make sure its event went out (a no-op when it did).
  if (isTerminal(job.status)) return notifyJobEnded(env, job);
  if (await expireIfOverdue(env, job, now)) return;
  if (job.status === "completing") {
    // A runner died between the work and the money: finish the true-up, never the work again.
    const claimed = await claimBilling(env.DB, job.id, now, now + BILLING_LEASE_SEC * 1000);
    if (claimed) await finishBilling(env, claimed.job, claimed.lease.leaseId, { final: false });
  }
  // Otherwise another delivery is running it (a duplicate message) under a live lease.
}

/**
 * The queue gave up on the job's message: a job still waiting for a run fails with its last error
 * and a full refund; one stuck in its true-up gets one last try, then ends `settle_failed`.
 */
export async function endDeadLetteredJob(env: Env, jobId: string): Promise<void> {
  const now = Date.now();
  const job = await getJob(env.DB, jobId);
  if (!job || isTerminal(job.status)) return;
  if (await expireIfOverdue(env, job, now)) return;
  if (job.status === "completing") {
    const claimed = await claimBilling(env.DB, job.id, now, now + BILLING_LEASE_SEC * 1000);
    if (claimed) await finishBilling(env, claimed.job, claimed.lease.leaseId, { final: true });
    return;
  }
  const last = job.last_error ? (JSON.parse(job.last_error) as JobError) : null;
  await failAndRefund(env, job, { kind: "dead_letter" }, {
    code: last?.code ?? "INTERNAL_ERROR",
    message: `the job could not be run after ${job.attempts} attempt(s)${last ? `: ${last.message}` : ""}`,
    details: { attempts: job.attempts, last_error: last },
  }, now);
}

/**
 * Runs the true-up under `leaseId` and ends the job; `final` turns a fault into settle_failed
 * instead of a retry. `job` is the row as the claim or beginBilling left it (completing, this lease).
 */
async function finishBilling(env: Env, job: JobRow, leaseId: string, opts: { final: boolean }): Promise<void> {
  let outcome: TrueUp;
  try {
    outcome = await trueUp(env, job);
  } catch (err) {
    if (!opts.final) {
      await releaseBillingLease(env.DB, job.id, leaseId, jobErrorOf(err), Date.now());
      throw err;
    }
    outcome = { ok: false, code: "PAYMENT_INVALID", message: "the payment could not be settled", details: jobErrorOf(err) };
  }
  if (!outcome.ok) {
    await settleFailed(env, job, leaseId, outcome);
    return;
  }
  // One round trip: the write that ends the job, and who is to hear about it.
  const now = Date.now();
  const [ended, subscribers] = await env.DB.batch<{ id: string }>([complete(env.DB, job.id, leaseId, outcome, now), jobEndedSubscriptions(env.DB, job)]);
  if (ended!.meta.changes !== 1) return;
  const completed = completedRow(job, outcome, now);
  await JOB_RUNNERS[job.route].afterCharge?.(env, completed, outcome.charged);
  await notifyJobEnded(env, completed, subscribers);
}

/** The work ran but could not be paid for: the job fails and its result is not served. */
async function settleFailed(env: Env, job: JobRow, leaseId: string, refusal: Extract<TrueUp, { ok: false }>) {
  const error = { code: refusal.code, message: refusal.message, details: refusal.details };
  const failed = await fail(env.DB, job.id, { kind: "billing", leaseId }, { error, billingStatus: "settle_failed" }, Date.now());
  if (!failed) return;
  if (job.billing_mode === "virtual_balance") await refund(env, job);
  else if (job.x402_lock_key) await markPayment(env.DB, job.x402_lock_key, "failed", { agentId: job.agent_id });
  await JOB_RUNNERS[job.route].afterCharge?.(env, job, 0);
  await notifyJobEnded(env, failed);
}

/**
 * Worth another delivery: a vendor that throttled, failed or timed out, or our own infrastructure
 * (D1, a Durable Object) throwing something that is not a decision about the request.
 */
function isTransient(err: unknown): boolean {
  return err instanceof ApiError ? err.code === "VENDOR_UNAVAILABLE" : true;
}
