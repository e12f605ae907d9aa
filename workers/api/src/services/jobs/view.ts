import { toUsd } from "@411data/core";
import type { JobView } from "../../schemas/jobs.ts";
import { POLL_INTERVAL_SEC } from "./job.ts";
import type { JobRow } from "./store.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What a poll shows. The result is served only once the job completed (and so was paid for). */
export function jobView(job: JobRow): JobView {
  const ended = job.charged_micros !== null;
  const refunded = !ended ? null : job.billing_mode === "virtual_balance" ? job.bill_up_to_micros - job.charged_micros! : 0;
  return {
    job_id: job.id,
    route: job.route,
    status: job.status,
    billing_status: job.billing_status,
    billing_mode: job.billing_mode,
    billing: {
      bill_up_to_usd: toUsd(job.bill_up_to_micros),
      charged_usd: ended ? toUsd(job.charged_micros!) : null,
      refunded_usd: refunded === null ? null : toUsd(refunded),
      x402_transaction: job.x402_transaction,
    },
    matched: job.status === "completed" && job.matched !== null ? job.matched === 1 : null,
    result: job.status === "completed" && job.result ? (JSON.parse(job.result) as JobView["result"]) : null,
    error: job.error ? (JSON.parse(job.error) as JobView["error"]) : null,
    attempts: job.attempts,
    poll_interval_sec: POLL_INTERVAL_SEC,
    max_timeout_seconds: job.max_timeout_seconds,
    created_at: iso(job.created_at)!,
    started_at: iso(job.started_at),
    finished_at: iso(job.finished_at),
    deadline_at: iso(job.deadline_at)!,
  };
}
