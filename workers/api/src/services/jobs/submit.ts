import type { Context } from "hono";
import { newJobId, newSessionId, toUsd, type Micros } from "@411data/core";
import { UPTO_SETTLE_MARGIN_SECONDS } from "@411data/x402";
import { publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { authorizeHold } from "../billing/paid-call.ts";
import { markPayment } from "../billing/x402-locks.ts";
import { createJobCallback } from "../callbacks/subscriptions.ts";
import { createJob } from "./create.ts";
import { HOLD_MARGIN_SEC, JOB_MAX_TIMEOUT_SEC, type JobRoute, POLL_INTERVAL_SEC, SETTLE_MARGIN_SEC } from "./job.ts";
import type { NewJob } from "./store.ts";
import { acceptUptoPayment, heldColumns, undrawUnused, uptoAccepts, uptoColumns } from "./upto.ts";

// Submitting a paid async job, whatever door it comes through: hold the ceiling on the balance, or
// verify an x402 upto permit for it, then create the job (row, poll bearer, queue messages). A job
// that cannot be created gives back what was reserved.

export interface JobSubmission {
  route: JobRoute;
  /** The validated payload as stored (ceiling caps applied). */
  payload: string;
  callbackUrl: string | null;
  ceiling: Micros;
}


export async function submitPaidJob(c: Context<AppEnv>, input: JobSubmission) {
  const jobId = newJobId();
  const log = c.get("log");
  log.priceMicros = input.ceiling;
  log.chargedMicros = 0;

  const sessionId = input.route === "enrich/lead-session" ? newSessionId() : null;
  const base = { id: jobId, request_id: c.get("requestId"), route: input.route, payload: input.payload, callback_url: input.callbackUrl, bill_up_to_micros: input.ceiling, session_id: sessionId };
  const now = Date.now();
  const authorized = await authorizeHold(c, {
    routeId: "enrich.jobs",
    amount: input.ceiling,
    ttlSec: JOB_MAX_TIMEOUT_SEC + HOLD_MARGIN_SEC,
    ref: jobId,
    accepts: () => uptoAccepts(c, input.ceiling),
    quote: { bill_up_to_usd: toUsd(input.ceiling) },
  });

  let job: Omit<NewJob, "poll_hash">;
  if (authorized.kind === "held") {
    log.paymentMode = "virtual_balance";
    job = {
      ...base,
      ...heldColumns(authorized.principal, authorized.hold.holdId),
      max_timeout_seconds: JOB_MAX_TIMEOUT_SEC,
      deadline_at: now + JOB_MAX_TIMEOUT_SEC * 1000,
      created_at: now,
    };
    try {
      return await accepted(c, job);
    } catch (err) {
      await authorized.account.release({ holdId: authorized.hold.holdId, memo: `job ${jobId}: not created` });
      throw err;
    }
  }

  log.paymentMode = "x402_upto";
  const { verified, agentId } = await acceptUptoPayment(c, authorized.header, input.ceiling, authorized.principal?.agentId ?? null);
  if (agentId) log.agentId ??= agentId;
  // The work must end in time for a true-up (and a resumed one) to settle before the permit's deadline.
  const deadline = Math.min(now + JOB_MAX_TIMEOUT_SEC * 1000, (verified.settleBy + UPTO_SETTLE_MARGIN_SECONDS - SETTLE_MARGIN_SEC) * 1000);
  job = {
    ...base,
    ...uptoColumns(verified, agentId, authorized.principal?.keyId ?? null),
    max_timeout_seconds: Math.floor((deadline - now) / 1000),
    deadline_at: deadline,
    created_at: now,
  };
  try {
    return await accepted(c, job);
  } catch (err) {
    // No job exists to settle it: the authorization expires unused and the drawn ceiling returns.
    await markPayment(c.env.DB, verified.lockKey, "unsettled", { agentId });
    await undrawUnused(c.env, agentId, verified.lockKey, 0);
    throw err;
  }
}

async function accepted(c: Context<AppEnv>, job: Omit<NewJob, "poll_hash">) {
  // Registered before the job is queued, so even a job that ends at once finds its callback.
  const callback = job.callback_url === null ? null : await createJobCallback(c.env, { agentId: job.agent_id, jobId: job.id, url: job.callback_url });
  const { pollBearer } = await createJob(c.env, job);
  const body = {
    job_id: job.id,
    poll_bearer: pollBearer,
    poll_url: new URL(`/api/v1/enrich/jobs/${job.id}`, publicOrigin(c.get("config")).origin).toString(),
    poll_interval_sec: POLL_INTERVAL_SEC,
    status: "queued" as const,
    route: job.route,
    billing_mode: job.billing_mode,
    bill_up_to_usd: toUsd(job.bill_up_to_micros),
    max_timeout_seconds: job.max_timeout_seconds,
    callback: callback && { callback_id: callback.callbackId, url: callback.url, signing_secret: callback.signingSecret },
  };
  return body;
}
