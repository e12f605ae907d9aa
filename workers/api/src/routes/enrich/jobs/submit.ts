import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { catalogEntry, newJobId, newSessionId, toUsd } from "@411data/core";
import { publicOrigin } from "../../../config.ts";
import type { AppEnv } from "../../../context.ts";
import { errorResponses } from "../../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../../http/payment-info.ts";
import { authorizeHold } from "../../../services/billing/paid-call.ts";
import { markPayment } from "../../../services/billing/x402-locks.ts";
import { requireCallbackUrl } from "../../../services/callbacks/policy.ts";
import { createJobCallback } from "../../../services/callbacks/subscriptions.ts";
import { createJob } from "../../../services/jobs/create.ts";
import { HOLD_MARGIN_SEC, JOB_MAX_TIMEOUT_SEC, POLL_INTERVAL_SEC, SETTLE_MARGIN_SEC } from "../../../services/jobs/job.ts";
import { UPTO_SETTLE_MARGIN_SECONDS } from "@411data/x402";
import type { NewJob } from "../../../services/jobs/store.ts";
import { acceptUptoPayment, undrawUnused, uptoAccepts } from "../../../services/jobs/upto.ts";
import { bearerSecurity } from "../schemas.ts";
import { jobPayload } from "./payload.ts";
import { JobAccepted, JobRequest } from "./schemas.ts";

const entry = catalogEntry("enrich.jobs");

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/jobs",
  operationId: "submitEnrichJob",
  tags: ["enrich"],
  summary: "Submit an async websearch or lead-session job, billed up to a ceiling and trued up on completion",
  description:
    "With a bearer, `bill_up_to_usd` is held from the virtual balance; the actual cost is captured when the job completes " +
    "and the rest refunded (all of it on a no-match or failure). Without one, or when the balance is short, the 402 offers " +
    "x402 `upto` (Permit2); the retry with PAYMENT-SIGNATURE is settled for the actual cost after the job ($0 on no-match). " +
    "Poll GET /api/v1/enrich/jobs/{job_id} with the `poll_bearer` (free).",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.jobs"),
  request: { body: { content: { "application/json": { schema: JobRequest } }, required: true } },
  responses: {
    202: { description: "Accepted: poll the job with its poll_bearer", content: { "application/json": { schema: JobAccepted } } },
    ...paidRouteResponses("enrich.jobs"),
    ...errorResponses,
  },
});

export function registerJobSubmit(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const request = c.req.valid("json");
    const ceiling = request.bill_up_to_usd ?? entry.ceiling!.default;
    // Every input problem is a free 400, decided before any money is held or any payment verified.
    const payload = JSON.stringify(jobPayload(request, ceiling));
    const callbackUrl = request.callback_url === undefined ? null : requireCallbackUrl(c.env, request.callback_url, "callback_url");
    const jobId = newJobId();
    const log = c.get("log");
    log.priceMicros = ceiling;
    log.chargedMicros = 0;

    const sessionId = request.route === "enrich/lead-session" ? newSessionId() : null;
    const base = { id: jobId, request_id: c.get("requestId"), route: request.route, payload, callback_url: callbackUrl, bill_up_to_micros: ceiling, session_id: sessionId };
    const now = Date.now();
    const authorized = await authorizeHold(c, {
      routeId: "enrich.jobs",
      amount: ceiling,
      ttlSec: JOB_MAX_TIMEOUT_SEC + HOLD_MARGIN_SEC,
      ref: jobId,
      accepts: () => uptoAccepts(c, ceiling),
      quote: { bill_up_to_usd: toUsd(ceiling) },
    });

    let job: Omit<NewJob, "poll_hash">;
    if (authorized.kind === "held") {
      log.paymentMode = "virtual_balance";
      job = {
        ...base,
        agent_id: authorized.principal.agentId,
        key_id: authorized.principal.keyId,
        billing_mode: "virtual_balance",
        hold_id: authorized.hold.holdId,
        x402_lock_key: null,
        x402_payer: null,
        x402_payload: null,
        x402_requirement: null,
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
    const { verified, agentId } = await acceptUptoPayment(c, authorized.header, ceiling, authorized.principal?.agentId ?? null);
    if (agentId) log.agentId ??= agentId;
    // The work must end in time for a true-up (and a resumed one) to settle before the permit's deadline.
    const deadline = Math.min(now + JOB_MAX_TIMEOUT_SEC * 1000, (verified.settleBy + UPTO_SETTLE_MARGIN_SECONDS - SETTLE_MARGIN_SEC) * 1000);
    job = {
      ...base,
      agent_id: agentId,
      key_id: authorized.principal?.keyId ?? null,
      billing_mode: "x402_upto",
      hold_id: null,
      x402_lock_key: verified.lockKey,
      x402_payer: verified.payer.toLowerCase(),
      x402_payload: JSON.stringify(verified.payload),
      x402_requirement: JSON.stringify(verified.requirement),
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
  });
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
  return c.json(body, 202, { Location: body.poll_url });
}
