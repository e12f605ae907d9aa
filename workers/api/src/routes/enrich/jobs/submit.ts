import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { catalogEntry } from "@411data/core";
import type { AppEnv } from "../../../context.ts";
import { errorResponses } from "../../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../../http/payment-info.ts";
import { requireCallbackUrl } from "../../../services/callbacks/policy.ts";
import { submitPaidJob } from "../../../services/jobs/submit.ts";
import { bearerSecurity } from "../../../http/openapi-security.ts";
import { jobPayload } from "./payload.ts";
import { JobAccepted, JobRequest } from "../../../schemas/jobs.ts";

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
    const accepted = await submitPaidJob(c, { route: request.route, payload, callbackUrl, ceiling });
    return c.json(accepted, 202, { Location: accepted.poll_url });
  });
}
