import { z } from "zod";

// Everything that travels on the enrich-jobs queue, as one tagged union checked on arrival.
const RequestLogMessage = z.object({
  type: z.literal("request_log"),
  row: z.object({ id: z.string().min(1) }).passthrough(),
});

/** Run (or resume) one async enrich job; the job row says what and how far. */
const EnrichJobMessage = z.object({
  type: z.literal("enrich_job"),
  job_id: z.string().regex(/^ej_[0-9A-Za-z]{24}$/),
});

const CallbackDeliveryMessage = z.object({
  type: z.literal("callback_delivery"),
  delivery_id: z.string().regex(/^dlv_[0-9a-f]{24}$/),
});

/** Run one chunk of a CSV batch's rows (services/batch/run.ts). */
const BatchChunkMessage = z.object({
  type: z.literal("batch_chunk"),
  batch_id: z.string().regex(/^eb_[0-9A-Za-z]{24}$/),
  chunk_no: z.number().int().positive(),
});

export const QueueMessage = z.discriminatedUnion("type", [RequestLogMessage, CallbackDeliveryMessage, EnrichJobMessage, BatchChunkMessage]);
export type QueueMessage = z.infer<typeof QueueMessage>;
