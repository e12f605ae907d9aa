import { randomBase62, sha256Hex } from "@411data/core";
import type { QueueMessage } from "../../queue/messages.ts";

/**
 * What an agent can subscribe to:
 * - `enrich.job_completed`: an async job (POST /api/v1/enrich/jobs) ended, completed or failed.
 *   Also sent to the job's own callback_url.
 * - `lead.session_completed`: a lead session finished (sync call or job).
 * - `enrich.completed`: a synchronous paid enrich call matched and was charged; one stream of every
 *   billed sync result, so a worker pool can advance its queue from webhooks.
 * - `account.recovery_completed`: the agent's bearer was replaced through wallet recovery and every
 *   usage key revoked; a subscriber who did not start it learns the account was taken.
 * - `batch.completed`: a CSV batch ended (completed or cancelled); `data` is what its poll shows.
 *   Also sent to the batch's own callback_url.
 */
export const CALLBACK_EVENT_TYPES = ["enrich.job_completed", "lead.session_completed", "enrich.completed", "account.recovery_completed", "batch.completed"] as const;
export type CallbackEventType = (typeof CALLBACK_EVENT_TYPES)[number];

export interface EmitEventInput {
  /** The agent whose subscriptions receive it; null for an anonymous (x402) job. */
  agentId: string | null;
  type: CallbackEventType;
  /** The event's payload: JSON-serializable, sent as `data` in the body. */
  data: Record<string, unknown>;
  /** With `enrich.job_completed` (or `batch.completed`): the job (batch) whose callback_url also receives it. */
  jobId?: string;
  /**
   * Same key, same agent and type → the same event: emitting it again (a redelivered queue message)
   * sends nothing twice. Defaults to the job id when `jobId` is given; a fresh event otherwise.
   */
  dedupeKey?: string;
}

export interface EmitEventResult {
  /** Null when nobody was subscribed: nothing was stored or sent. */
  eventId: string | null;
  deliveryIds: string[];
}

/** The JSON body every delivery of the event carries (and that the signature covers). */
export interface CallbackEventBody {
  id: string;
  type: CallbackEventType;
  created_at: string;
  agent_id: string | null;
  data: Record<string, unknown>;
}

const MATCHING_SUBSCRIPTIONS = `
  SELECT id FROM callback_subscriptions
  WHERE status = 'active'
    AND ((job_id IS NULL AND agent_id = ?1 AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?2))
      OR (job_id = ?3 AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?2)))`;

const deliveryIdOf = async (eventId: string, subscriptionId: string) =>
  `dlv_${(await sha256Hex(`${eventId}|${subscriptionId}`)).slice(0, 24)}`;

/** The subscriptions an event goes to, as a statement a caller may batch with its own write. */
export const matchingSubscriptions = (db: D1Database, input: Pick<EmitEventInput, "agentId" | "type" | "jobId">): D1PreparedStatement =>
  db.prepare(MATCHING_SUBSCRIPTIONS).bind(input.agentId, input.type, input.jobId ?? null);

/**
 * Records one delivery per matching subscription (and the job's own callback) and queues each on
 * JOBS; the consumer signs and sends them, retrying with backoff. Delivery is at least once:
 * receivers dedupe on the body's `id` (event) or the X-411-Delivery header. `found`: the result of
 * matchingSubscriptions for this input, when the caller already ran it.
 */
export async function emitEvent(env: Env, input: EmitEventInput, found?: D1Result<{ id: string }>): Promise<EmitEventResult> {
  const subscriptions = found ?? (await matchingSubscriptions(env.DB, input).all<{ id: string }>());
  if (subscriptions.results.length === 0) return { eventId: null, deliveryIds: [] };

  const dedupeKey = input.dedupeKey ?? (input.jobId ? `job:${input.jobId}` : undefined);
  const eventId = dedupeKey
    ? `evt_${(await sha256Hex(`${input.agentId ?? "anonymous"}|${input.type}|${dedupeKey}`)).slice(0, 24)}`
    : `evt_${randomBase62(24)}`;
  const now = new Date().toISOString();
  const body: CallbackEventBody = { id: eventId, type: input.type, created_at: now, agent_id: input.agentId, data: input.data };

  const deliveryIds = await Promise.all(subscriptions.results.map((s) => deliveryIdOf(eventId, s.id)));
  const inserts = subscriptions.results.map((s, i) =>
    env.DB.prepare(
      `INSERT OR IGNORE INTO callback_deliveries (id, event_id, subscription_id, status, attempts, created_at)
       VALUES (?, ?, ?, 'pending', 0, ?) RETURNING id`,
    ).bind(deliveryIds[i], eventId, s.id, now),
  );
  const [, ...inserted] = await env.DB.batch<{ id: string }>([
    env.DB.prepare("INSERT OR IGNORE INTO callback_events (id, agent_id, type, body, created_at) VALUES (?, ?, ?, ?, ?)").bind(
      eventId,
      input.agentId,
      input.type,
      JSON.stringify(body),
      now,
    ),
    ...inserts,
  ]);

  // Only the emit that created a delivery queues it, so emitting the same event again sends nothing
  // twice. If queueing fails, the new rows go too, and a retried emit starts clean.
  const fresh = inserted.flatMap((r) => r.results.map((row) => row.id));
  if (fresh.length === 0) return { eventId, deliveryIds };
  try {
    await env.CALLBACKS_QUEUE.sendBatch(
      fresh.map((id) => ({ body: { type: "callback_delivery", delivery_id: id } satisfies QueueMessage })),
    );
  } catch (err) {
    await env.DB.batch(fresh.map((id) => env.DB.prepare("DELETE FROM callback_deliveries WHERE id = ? AND attempts = 0").bind(id)));
    throw err;
  }
  return { eventId, deliveryIds };
}

/** emitEvent after the response, for request handlers: a failure is logged, never surfaced. */
export function emitEventLater(ctx: Pick<ExecutionContext, "waitUntil">, env: Env, input: EmitEventInput): void {
  ctx.waitUntil(
    emitEvent(env, input).catch((err) => console.error(`callback event ${input.type} for ${input.agentId} lost`, err)),
  );
}

/**
 * `enrich.completed` for one synchronous paid call that matched: `data` is `{ request_id, route,
 * result }`, where `result` is the JSON body the caller got (billing block included). Keyed by the
 * request id, so it is sent once per call. For paidCall to invoke after a match.
 */
export function emitEnrichCompletedLater(
  ctx: Pick<ExecutionContext, "waitUntil">,
  env: Env,
  input: { agentId: string | null; requestId: string; routeId: string; result: object },
): void {
  if (!input.agentId) return;
  emitEventLater(ctx, env, {
    agentId: input.agentId,
    type: "enrich.completed",
    data: { request_id: input.requestId, route: input.routeId, result: input.result },
    dedupeKey: input.requestId,
  });
}
