import { loadConfig } from "../config.ts";
import { errorFields, logEvent } from "../log.ts";
import { deliverCallback, failExhaustedDeliveries } from "../services/callbacks/deliver.ts";
import { insertRequestLog, type RequestLogRow } from "../services/request-log.ts";
import { endDeadLetteredJob, runJob } from "../services/jobs/run.ts";
import { endDeadLetteredChunk, runChunk } from "../services/batch/run.ts";
import { runtime } from "../../../../durable-objects/runtime.ts";
import { QueueMessage } from "./messages.ts";

export const DEAD_LETTER_QUEUE = "enrich-jobs-dlq";
export const WEBSEARCH_QUEUE = "enrich-websearch";

/**
 * A Worker invocation may have six outbound connections waiting for response headers; a seventh
 * fetch waits for a free one with its vendor timeout already running. So while the research vendor
 * is live, a websearch batch runs this many jobs at a time. The sandbox opens no connections.
 */
export const LIVE_VENDOR_CALLS_PER_INVOCATION = 6;

/** Backoff for a message the consumer could not finish: base, 2×base, 4×base … capped at 5 minutes. */
export const retryDelaySec = (attempts: number, baseSec: number) =>
  Math.min(baseSec * 2 ** (attempts - 1), 300);

/**
 * The messages of a batch run concurrently, each acked or retried on its own: a 15-minute lead
 * session does not hold up the nine messages beside it, and one failure retries only itself.
 */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return storeDeadLetters(batch, env);
  const baseSec = loadConfig(env).QUEUE_RETRY_BASE_SEC;
  const live = batch.queue === WEBSEARCH_QUEUE && runtime().vendors(env).modes.openai === "live";
  await eachAtMost(batch.messages, live ? LIVE_VENDOR_CALLS_PER_INVOCATION : batch.messages.length, async (message) => {
    try {
      await handleMessage(message.body, env);
      message.ack();
    } catch (err) {
      // Expected while a vendor or receiver is down: one line per attempt; the dead-letter queue
      // keeps a message that runs out of retries.
      logEvent("warn", "queue_message_retry", { message_id: message.id, attempt: message.attempts, ...errorFields(err) });
      message.retry({ delaySeconds: retryDelaySec(message.attempts, baseSec) });
    }
  });
}

/** Runs `fn` over `items` with at most `width` running at once. */
export async function eachAtMost<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
}

async function handleMessage(body: unknown, env: Env): Promise<void> {
  const message = QueueMessage.parse(body);
  switch (message.type) {
    case "request_log":
      await insertRequestLog(env.DB, message.row as unknown as RequestLogRow);
      return;
    case "callback_delivery":
      await deliverCallback(env, message.delivery_id);
      return;
    case "enrich_job":
      await runJob(env, message.job_id);
      return;
    case "batch_chunk":
      await runChunk(env, message.batch_id, message.chunk_no);
      return;
  }
}

/**
 * A message that exhausted its retries is kept, never dropped, so an operator can see and replay it.
 * Later work (jobs) also settles its own failure state from here.
 */
async function storeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const statements = batch.messages.map((m) =>
    env.DB.prepare(
      "INSERT OR IGNORE INTO dead_letters (message_id, queue, body, attempts, received_at) VALUES (?, ?, ?, ?, ?)",
    ).bind(m.id, batch.queue, JSON.stringify(m.body), m.attempts, new Date().toISOString()),
  );
  await env.DB.batch(statements);
  for (const m of batch.messages) {
    const job = QueueMessage.safeParse(m.body);
    if (job.success && job.data.type === "enrich_job") await endDeadLetteredJob(env, job.data.job_id);
    if (job.success && job.data.type === "batch_chunk") await endDeadLetteredChunk(env, job.data.batch_id, job.data.chunk_no);
  }
  await failExhaustedDeliveries(env, batch.messages.map((m) => m.body));
  batch.ackAll();
}
