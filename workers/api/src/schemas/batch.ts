import { z } from "@hono/zod-openapi";
import { ERROR_CODES, UsdAmount } from "@411data/core";
import { BATCH_STATUSES, BILLING_MODES_BATCH, UPLOAD_ROUTES } from "../services/batch/batch.ts";

// The one definition of a CSV batch's request options and answers (validation, types, OpenAPI).

/** Options come as query parameters (text/csv body) or form fields (multipart), as strings either way. */
export const UploadOptions = z.object({
  route: z.enum(UPLOAD_ROUTES).default("auto").openapi({
    description: "What every row runs; `auto` picks per row: a phone → enrich/phone, else a person name → enrich/person, else a business name → enrich/websearch",
  }),
  mapping: z
    .string()
    .max(4000)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === "") return null;
      try {
        const parsed = z.record(z.string().min(1).max(100), z.string().min(1).max(200)).parse(JSON.parse(s));
        return parsed;
      } catch {
        ctx.addIssue({ code: "custom", message: 'mapping must be a JSON object of field → column, e.g. {"phone":"Mobile #"}' });
        return z.NEVER;
      }
    })
    .openapi({ type: "string", description: 'JSON object renaming columns before rows are read, e.g. {"phone":"Mobile #","contact_id":"Lead ID"}' }),
  bill_up_to_usd: UsdAmount.refine((m) => m > 0, { message: "bill_up_to_usd must be above 0" })
    .optional()
    .openapi({ type: ["number", "string"], description: "Ceiling for the whole batch (default: what every runnable row could cost at most); held from the balance at upload, the rest released at the end" }),
  callback_url: z.string().min(1).max(2048).optional().openapi({ description: "https URL that receives the signed batch.completed event" }),
  dry_run: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ type: "string", description: "true: read, validate and price the file, and answer 200 with the counts and estimate; nothing is held, stored or run (free)" }),
});
export type UploadOptions = z.output<typeof UploadOptions>;

const Counts = z.object({
  rows: z.number().int(),
  unique: z.number().int().describe("rows that run"),
  duplicates: z.number().int(),
  invalid: z.number().int(),
});

const RowIssue = z.object({
  line: z.number().int(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
});

export const BatchAccepted = z
  .object({
    batch_id: z.string().openapi({ example: "eb_4rXq9ZpL2mNc8TgB1vYwK3sD" }),
    poll_bearer: z.string().openapi({ description: "411j_… — shown once; reads and cancels this one batch" }),
    poll_url: z.string(),
    poll_interval_sec: z.number().int(),
    status: z.literal("running"),
    route: z.enum(UPLOAD_ROUTES),
    billing_mode: z.enum(BILLING_MODES_BATCH),
    columns: z.array(z.string()),
    counts: Counts,
    invalid_rows: z.array(RowIssue).describe("up to 1,000 invalid rows with their line and reason"),
    duplicate_rows: z.array(z.object({ line: z.number().int(), duplicate_of: z.number().int() })).describe("up to 1,000 duplicates and the line they repeat"),
    estimate: z.object({
      routes: z.record(z.string(), z.number().int()).describe("runnable rows per route"),
      estimate_usd: z.number().describe("every runnable row matching at its route's price"),
      max_usd: z.number().describe("the most the runnable rows can cost (metered routes at their ceiling)"),
      bill_up_to_usd: z.number().describe("the ceiling held for this batch"),
    }),
    callback: z.object({ callback_id: z.string(), url: z.string(), signing_secret: z.string() }).nullable(),
  })
  .openapi("BatchAccepted");
export type BatchAccepted = z.output<typeof BatchAccepted>;

/** A dry run's answer: what an upload of this file would run and cost. */
export const BatchPreview = BatchAccepted.pick({ route: true, columns: true, counts: true, invalid_rows: true, duplicate_rows: true, estimate: true })
  .extend({ dry_run: z.literal(true) })
  .openapi("BatchPreview");
export type BatchPreview = z.output<typeof BatchPreview>;

export const BatchView = z
  .object({
    batch_id: z.string(),
    status: z.enum(BATCH_STATUSES),
    route: z.enum(UPLOAD_ROUTES),
    billing_mode: z.enum(BILLING_MODES_BATCH),
    filename: z.string().nullable(),
    columns: z.array(z.string()),
    counts: Counts,
    progress: z.object({
      done: z.number().int().describe("rows that ran to an end: matched, no match or failed"),
      matched: z.number().int(),
      no_match: z.number().int(),
      failed: z.number().int(),
      cancelled: z.number().int(),
      running: z.number().int(),
      remaining: z.number().int(),
      percent: z.number().int(),
      rows_per_sec: z.number().nullable(),
      eta_seconds: z.number().int().nullable().describe("at the pace so far; 0 once ended"),
    }),
    billing: z.object({
      bill_up_to_usd: z.number(),
      estimate_usd: z.number(),
      charged_usd: z.number().describe("the sum of matched rows' charges so far"),
      x402_transaction: z.string().nullable(),
    }),
    results: z.object({ csv_url: z.string(), jsonl_url: z.string() }),
    poll_interval_sec: z.number().int(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    cancel_requested_at: z.string().nullable(),
  })
  .openapi("Batch");
export type BatchView = z.output<typeof BatchView>;

export const BatchList = z.object({ batches: z.array(BatchView), next_cursor: z.string().nullable() }).openapi("BatchList");

export const BatchIdParam = z.object({
  batch_id: z.string().openapi({ param: { name: "batch_id", in: "path" }, example: "eb_4rXq9ZpL2mNc8TgB1vYwK3sD" }),
});
