import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { errorResponses } from "../../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../../http/payment-info.ts";
import { submitJobRequest } from "../../../services/jobs/request.ts";
import { bearerSecurity } from "../../../http/openapi-security.ts";
import { JobAccepted, JobRequest } from "../../../schemas/jobs.ts";

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
    const accepted = await submitJobRequest(c, c.req.valid("json"));
    return c.json(accepted, 202, { Location: accepted.poll_url });
  });
}
