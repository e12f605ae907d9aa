import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, catalogEntry, newBatchId, sha256Hex, toUsd } from "@411data/core";
import { publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses } from "../../http/payment-info.ts";
import { validationHook } from "../../http/validation-hook.ts";
import { anonRateLimit } from "../../middleware/anon-rate-limit.ts";
import { idempotency } from "../../middleware/idempotency.ts";
import { authorizeHold } from "../../services/billing/paid-call.ts";
import { BATCH_MAX_SEC, MAX_FILE_BYTES, POLL_INTERVAL_SEC } from "../../services/batch/batch.ts";
import { createBatch } from "../../services/batch/create.ts";
import { type Ingested, ingestCsv } from "../../services/batch/ingest.ts";
import type { NewBatch } from "../../services/batch/store.ts";
import { SETTLE_MARGIN_SEC } from "../../services/jobs/job.ts";
import { abandonUpto, acceptUptoPayment, heldColumns, uptoAccepts, uptoColumns } from "../../services/jobs/upto.ts";
import { createJobCallback } from "../../services/callbacks/subscriptions.ts";
import { requireCallbackUrl } from "../../services/callbacks/policy.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import type { BatchAccepted as BatchAcceptedBody, BatchPreview as BatchPreviewBody, UploadOptions as Options } from "../../schemas/batch.ts";
import { BatchAccepted, BatchPreview, UploadOptions } from "../../schemas/batch.ts";

const PATH = "/api/v1/batch/enrich/upload";
const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain)\b/i;
const MULTIPART = /^multipart\/form-data\b/i;
/** The hold outlives the batch's time limit a little, so the last rows still capture from it. */
const HOLD_MARGIN_SEC = 600;
const LISTED = 1000;

const route = createRoute({
  method: "post",
  path: PATH,
  operationId: "uploadEnrichBatch",
  tags: ["batch"],
  summary: "Upload a CSV (≤ 10,000 rows, 10 MB): every row enriched on the queue, billed on match like its route",
  description:
    "Send the file as `text/csv` (options as query parameters) or `multipart/form-data` (field `file`, options as fields). " +
    "Rows are validated with their route's own schema and deduped by contact_id, then lower-cased email, then E.164 phone. " +
    "`bill_up_to_usd` (default: the most the runnable rows can cost) is held from the balance; each matched row is captured " +
    "from the hold at its route's price and the rest released when the batch ends. Poll `GET /api/v1/batch/{batch_id}` with the poll bearer.",
  security: bearerSecurity,
  request: {
    query: UploadOptions,
    body: {
      content: {
        "text/csv": { schema: { type: "string" } },
        "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } },
      },
      required: true,
    },
  },
  responses: {
    200: { description: "dry_run=true: what the file would run and cost (nothing held or stored)", content: { "application/json": { schema: BatchPreview } } },
    202: { description: "Accepted: the rows are queued", content: { "application/json": { schema: BatchAccepted } } },
    ...paidRouteResponses("enrich.jobs"),
    ...errorResponses,
  },
});

/**
 * Registered ahead of the shared body reader: an upload is larger than any JSON body, is checked
 * for its own encoding (a Latin-1 file is a CSV_INVALID with its line, not a JSON error), and the
 * request log keeps its digest rather than the file. The rate limit and Idempotency-Key still run,
 * here, over that digest.
 */
export function registerBatchUpload(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath(route);
  app.post(PATH, async (c) => {
    await anonRateLimit(c, async () => {
      const upload = await readUpload(c);
      await idempotency(c, async () => {
        c.res = await accept(c, upload);
      });
    });
    return c.res;
  });
}

interface Upload {
  bytes: Uint8Array;
  contentType: string;
}

async function readUpload(c: Context<AppEnv>): Promise<Upload> {
  const contentType = c.req.header("content-type") ?? "";
  if (!CSV_TYPES.test(contentType) && !MULTIPART.test(contentType)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "send the file as text/csv, or as multipart/form-data with a `file` field", {
      details: { content_type: contentType || null },
    });
  }
  const body = c.req.raw.body;
  if (!body) throw new ApiError("CSV_INVALID", "the file is empty: send a header line and at least one row", { details: { reason: "empty" } });
  // Multipart framing adds a little to the file's own 10 MB.
  const limit = MAX_FILE_BYTES + (MULTIPART.test(contentType) ? 64 * 1024 : 0);
  if (Number(c.req.header("content-length") ?? "NaN") > limit) throw tooLarge();
  const bytes = new Uint8Array(await new Response(body.pipeThrough(byteLimit(limit))).arrayBuffer());
  c.set("rawBody", JSON.stringify({ upload: { content_type: contentType, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) } }));
  return { bytes, contentType };
}

async function accept(c: Context<AppEnv>, upload: Upload): Promise<Response> {
  const { file, filename, fields } = await fileOf(upload);
  const options = parseOptions(c, { ...c.req.query(), ...fields });
  const ingested = await ingestCsv(file, options.route, options.mapping);
  if (ingested.counts.unique === 0) {
    throw new ApiError("VALIDATION_FAILED", "no row of the file can run: every row is invalid or a duplicate", {
      details: { counts: ingested.counts, invalid_rows: issues(ingested).invalid },
    });
  }
  const ceiling = options.bill_up_to_usd ?? ingested.maxTotal;
  const estimate = { routes: ingested.routes, estimate_usd: toUsd(ingested.estimate), max_usd: toUsd(ingested.maxTotal), bill_up_to_usd: toUsd(ceiling) };
  if (options.dry_run) {
    c.get("log").paymentMode = "free";
    const listed = issues(ingested);
    const preview = { dry_run: true as const, route: options.route, columns: ingested.header, counts: ingested.counts, invalid_rows: listed.invalid, duplicate_rows: listed.duplicates, estimate };
    return c.json(preview satisfies BatchPreviewBody, 200);
  }
  const callbackUrl = options.callback_url === undefined ? null : requireCallbackUrl(c.env, options.callback_url, "callback_url");
  const batchId = newBatchId();
  const log = c.get("log");
  log.priceMicros = ceiling;
  log.chargedMicros = 0;

  const now = Date.now();
  const jobsCeiling = catalogEntry("enrich.jobs").ceiling!;
  const authorized = await authorizeHold(c, {
    routeId: "enrich.jobs",
    amount: ceiling,
    ttlSec: BATCH_MAX_SEC + HOLD_MARGIN_SEC,
    ref: batchId,
    // x402 upto covers a batch up to the async ceiling's maximum; past it, fund the balance.
    accepts: () => (ceiling >= jobsCeiling.min && ceiling <= jobsCeiling.max ? uptoAccepts(c, ceiling) : []),
    quote: { bill_up_to_usd: toUsd(ceiling), estimate_usd: toUsd(ingested.estimate), rows: ingested.counts.unique },
  });
  const base = {
    id: batchId,
    request_id: c.get("requestId"),
    route: options.route,
    bill_up_to_micros: ceiling,
    callback_url: callbackUrl,
    filename,
    columns: JSON.stringify(ingested.header),
    mapping: options.mapping ? JSON.stringify(options.mapping) : null,
    rows_total: ingested.counts.rows,
    rows_unique: ingested.counts.unique,
    rows_duplicate: ingested.counts.duplicates,
    rows_invalid: ingested.counts.invalid,
    estimate_micros: ingested.estimate,
    created_at: now,
  };

  let batch: Omit<NewBatch, "poll_hash">;
  let undo: () => Promise<unknown>;
  if (authorized.kind === "held") {
    log.paymentMode = "virtual_balance";
    batch = {
      ...base,
      ...heldColumns(authorized.principal, authorized.hold.holdId),
      deadline_at: now + BATCH_MAX_SEC * 1000,
    };
    // Nothing ran: the whole hold goes back.
    undo = () => authorized.account.release({ holdId: authorized.hold.holdId, memo: `batch ${batchId}: not created` });
  } else {
    if (ceiling < jobsCeiling.min || ceiling > jobsCeiling.max) {
      throw new ApiError("PAYMENT_INVALID", `x402 upto pays a batch of up to ${toUsd(jobsCeiling.max)} USD; fund the balance for a larger one`, {
        details: { bill_up_to_usd: toUsd(ceiling), max_usd: toUsd(jobsCeiling.max) },
      });
    }
    log.paymentMode = "x402_upto";
    const { verified, agentId } = await acceptUptoPayment(c, authorized.header, ceiling, authorized.principal?.agentId ?? null);
    if (agentId) log.agentId ??= agentId;
    batch = {
      ...base,
      ...uptoColumns(verified, agentId, authorized.principal?.keyId ?? null),
      // The rows must end in time to settle before the permit's deadline.
      deadline_at: Math.min(now + BATCH_MAX_SEC * 1000, verified.settleBy * 1000 - SETTLE_MARGIN_SEC * 1000),
    };
    // No batch exists to settle it: the permit expires unused and the drawn ceiling returns.
    undo = () => abandonUpto(c.env, verified.lockKey, agentId);
  }

  try {
    const callback = callbackUrl === null ? null : await createJobCallback(c.env, { agentId: batch.agent_id, jobId: batchId, url: callbackUrl, events: ["batch.completed"] });
    const { pollBearer } = await createBatch(c.env, batch, ingested.rows);
    const listed = issues(ingested);
    const body = {
      batch_id: batchId,
      poll_bearer: pollBearer,
      poll_url: new URL(`/api/v1/batch/${batchId}`, publicOrigin(c.get("config")).origin).toString(),
      poll_interval_sec: POLL_INTERVAL_SEC,
      status: "running" as const,
      route: options.route,
      billing_mode: batch.billing_mode,
      columns: ingested.header,
      counts: ingested.counts,
      invalid_rows: listed.invalid,
      duplicate_rows: listed.duplicates,
      estimate,
      callback: callback && { callback_id: callback.callbackId, url: callback.url, signing_secret: callback.signingSecret },
    } satisfies BatchAcceptedBody;
    return c.json(body, 202, { Location: body.poll_url });
  } catch (err) {
    await undo();
    throw err;
  }
}

async function fileOf(upload: Upload): Promise<{ file: ReadableStream<Uint8Array>; filename: string | null; fields: Record<string, string> }> {
  const asStream = (bytes: Uint8Array) => new Blob([bytes]).stream();
  if (!MULTIPART.test(upload.contentType)) return { file: asStream(upload.bytes), filename: null, fields: {} };
  let form: FormData;
  try {
    form = await new Response(upload.bytes, { headers: { "content-type": upload.contentType } }).formData();
  } catch {
    throw new ApiError("VALIDATION_FAILED", "the multipart body could not be read", { details: { field: "file" } });
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new ApiError("VALIDATION_FAILED", "multipart/form-data needs the CSV in a `file` field", { details: { field: "file" } });
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k !== "file" && typeof v === "string") fields[k] = v;
  return { file: file.stream(), filename: file.name || null, fields };
}

function parseOptions(c: Context<AppEnv>, input: Record<string, string>): Options {
  const r = UploadOptions.safeParse(input);
  if (r.success) return r.data;
  // The shared hook shapes the 400, as for any route's query.
  validationHook({ ...r, target: "query" } as never, c as never);
  throw new ApiError("VALIDATION_FAILED", "invalid options");
}

function issues(ingested: Ingested) {
  return {
    invalid: ingested.rows.filter((r) => r.status === "invalid").slice(0, LISTED).map((r) => ({ line: r.line, code: r.error!.code, message: r.error!.message })),
    duplicates: ingested.rows.filter((r) => r.status === "duplicate").slice(0, LISTED).map((r) => ({ line: r.line, duplicate_of: r.duplicateOf! })),
  };
}

function tooLarge() {
  return new ApiError("PAYLOAD_TOO_LARGE", `a batch file is at most ${MAX_FILE_BYTES} bytes; split it`, { details: { max_bytes: MAX_FILE_BYTES } });
}

/** Passes bytes through until `limit`, then fails the read: a chunked upload cannot run past it. */
function byteLimit(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) throw tooLarge();
      controller.enqueue(chunk);
    },
  });
}
