import { z } from "@hono/zod-openapi";
import { catalogEntry, ERROR_CODES, toUsd, UsdAmount } from "@411data/core";
import { LeadEnrichmentV1 } from "@411data/lead-session";
import { BILLING_MODES, BILLING_STATUSES, JOB_ROUTES, JOB_STATUSES } from "../services/jobs/job.ts";
import { LeadSessionBody } from "./lead-session.ts";
import { WebsearchBody, WebsearchResult } from "./websearch.ts";

const ceiling = catalogEntry("enrich.jobs").ceiling!;

const BillUpTo = UsdAmount.refine((m) => m >= ceiling.min && m <= ceiling.max, {
  message: `bill_up_to_usd must be from ${toUsd(ceiling.min)} to ${toUsd(ceiling.max)}`,
})
  .optional()
  .openapi({
    type: ["number", "string"],
    description:
      `Spending ceiling (default ${toUsd(ceiling.default)}, from ${toUsd(ceiling.min)} to ${toUsd(ceiling.max)}): ` +
      "held from the balance (or authorized with x402 upto) at submit; the actual cost is taken after the job and the rest refunded. " +
      "enrich/websearch needs at least its $1.00 minimum; a lead session's budget is capped to the ceiling",
    example: 1.5,
  });

const CallbackUrl = z.string().min(1).max(2048).optional().openapi({
  description: "https URL that receives the signed enrich.job_completed event; private, loopback and local addresses are refused",
  example: "https://example.com/hooks/enrich",
});

// The payload is the sync route's own body schema, so a job accepts exactly what the route does.
export const JobRequest = z
  .discriminatedUnion("route", [
    z.object({
      route: z.literal("enrich/websearch"),
      payload: WebsearchBody,
      bill_up_to_usd: BillUpTo,
      callback_url: CallbackUrl,
    }),
    z.object({
      route: z.literal("enrich/lead-session"),
      payload: LeadSessionBody,
      bill_up_to_usd: BillUpTo,
      callback_url: CallbackUrl,
    }),
  ])
  .openapi("EnrichJobRequest");
export type JobRequest = z.output<typeof JobRequest>;

export const JobAccepted = z
  .object({
    job_id: z.string().openapi({ example: "ej_4rXq9ZpL2mNc8TgB1vYwK3sD" }),
    poll_bearer: z.string().openapi({ description: "411j_… — shown once; polls this one job" }),
    poll_url: z.string(),
    poll_interval_sec: z.number().int(),
    status: z.literal("queued"),
    route: z.enum(JOB_ROUTES),
    billing_mode: z.enum(BILLING_MODES),
    bill_up_to_usd: z.number(),
    max_timeout_seconds: z.number().int(),
    callback: z
      .object({
        callback_id: z.string(),
        url: z.string(),
        signing_secret: z.string().openapi({ description: "HMAC-SHA256 key of this job's callback deliveries — shown once" }),
      })
      .nullable(),
  })
  .openapi("EnrichJobAccepted");

export const JobError = z
  .object({
    code: z.enum(ERROR_CODES).openapi({ description: "An API error code: VENDOR_UNAVAILABLE, PAYMENT_INVALID, JOB_TIMEOUT, …" }),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .openapi("EnrichJobError");

export const JobView = z
  .object({
    job_id: z.string(),
    route: z.enum(JOB_ROUTES),
    status: z.enum(JOB_STATUSES),
    billing_status: z.enum(BILLING_STATUSES).nullable().openapi({ description: "null until the true-up starts" }),
    billing_mode: z.enum(BILLING_MODES),
    billing: z.object({
      bill_up_to_usd: z.number(),
      charged_usd: z.number().nullable(),
      refunded_usd: z.number().nullable(),
      x402_transaction: z.string().nullable(),
    }),
    matched: z.boolean().nullable(),
    result: z.union([WebsearchResult, LeadEnrichmentV1]).nullable().openapi({ description: "The sync route's JSON, once completed" }),
    error: JobError.nullable(),
    attempts: z.number().int(),
    poll_interval_sec: z.number().int(),
    max_timeout_seconds: z.number().int(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    deadline_at: z.string(),
  })
  .openapi("EnrichJob");
export type JobView = z.output<typeof JobView>;
