import { ApiError } from "@411data/core";
import { refund, refundedStatus } from "./billing.ts";
import type { JobError } from "./job.ts";
import { notifyJobEnded } from "./notify.ts";
import { fail, type FailWhen, type JobRow } from "./store.ts";

// Ending a job as failed, with everything it reserved given back. The conditional UPDATE decides
// who ends it; only that caller refunds, so a refund happens once however many paths race.

export const TIMEOUT_ERROR = (job: JobRow): JobError => ({
  code: "JOB_TIMEOUT",
  message: `the job did not finish within max_timeout_seconds (${job.max_timeout_seconds}); nothing was charged`,
});

export async function failAndRefund(env: Env, job: JobRow, when: FailWhen, error: JobError, now = Date.now()): Promise<boolean> {
  const ended = await fail(env.DB, job.id, when, { error, billingStatus: refundedStatus(job) }, now);
  if (!ended) return false;
  await refund(env, job);
  await notifyJobEnded(env, ended);
  return true;
}

/** Past its deadline and not yet billing: fail and refund. Run at claim time and at poll time. */
export async function expireIfOverdue(env: Env, job: JobRow, now = Date.now()): Promise<boolean> {
  if ((job.status !== "queued" && job.status !== "running") || job.deadline_at > now) return false;
  return failAndRefund(env, job, { kind: "timeout" }, TIMEOUT_ERROR(job), now);
}

/** The error a job shows for something thrown by its work. */
export function jobErrorOf(err: unknown): JobError {
  if (err instanceof ApiError) return { code: err.code, message: err.message, details: err.details ?? null };
  return { code: "INTERNAL_ERROR", message: "the job failed on our side; nothing was charged" };
}
