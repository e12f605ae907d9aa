import { ApiError, randomBase62 } from "@411data/core";
import { accountOf } from "../accounts.ts";
import { keyedBase62 } from "../identity/server-key.ts";
import type { CallbackEventType } from "./events.ts";
import { requireCallbackUrl } from "./policy.ts";

/** Enough for a few environments and consumers; more is a sign of a leak, not a need. */
export const MAX_SUBSCRIPTIONS_PER_AGENT = 10;

const newCallbackId = () => `cb_${randomBase62(20)}`;
/** What the `secret` column holds for a derived secret: nothing that signs. */
export const DERIVED_SECRET = "derived:v1";

/**
 * The HMAC key of one subscription (or one job's callback), derived from the server secret and the
 * subscription id: shown to its owner once, recomputed to sign, never stored. Rows from before
 * derivation keep their stored `whsec_` value.
 */
export async function signingSecretOf(env: Env, row: { id: string; secret: string }): Promise<string> {
  if (row.secret.startsWith("whsec_")) return row.secret;
  return `whsec_${await keyedBase62(env, "callback-signing-secret", row.id, 40)}`;
}

export interface SubscriptionRow {
  id: string;
  url: string;
  events: string;
  description: string | null;
  status: "active" | "deleted";
  created_at: string;
  deleted_at: string | null;
}

const COLUMNS = "id, url, events, description, status, created_at, deleted_at";

export async function createSubscription(
  env: Env,
  input: { agentId: string; url: string; events: CallbackEventType[]; description: string | null },
): Promise<{ row: SubscriptionRow; signingSecret: string }> {
  const url = requireCallbackUrl(env, input.url);
  const id = newCallbackId();
  const signingSecret = await signingSecretOf(env, { id, secret: DERIVED_SECRET });
  const events = JSON.stringify([...new Set(input.events)]);
  const now = new Date().toISOString();
  // The agent's object learns of the events first: a failed insert leaves it listening for nothing
  // (a wasted lookup), never deaf to a stored subscription.
  await accountOf(env, input.agentId).subscribeEvents([...new Set(input.events)]);
  // The count and the insert are one statement, so concurrent creates cannot pass the limit.
  const result = await env.DB.prepare(
    `INSERT INTO callback_subscriptions (id, agent_id, job_id, url, events, description, secret, status, created_at)
     SELECT ?1, ?2, NULL, ?3, ?4, ?5, ?6, 'active', ?7
     WHERE (SELECT COUNT(*) FROM callback_subscriptions WHERE agent_id = ?2 AND job_id IS NULL AND status = 'active') < ?8`,
  )
    .bind(id, input.agentId, url, events, input.description, DERIVED_SECRET, now, MAX_SUBSCRIPTIONS_PER_AGENT)
    .run();
  if (result.meta.changes !== 1) {
    throw new ApiError("CALLBACK_LIMIT_REACHED", `an agent can have at most ${MAX_SUBSCRIPTIONS_PER_AGENT} callbacks`, {
      details: { limit: MAX_SUBSCRIPTIONS_PER_AGENT, next_action: "DELETE /api/v1/agents/callbacks/{callback_id} first" },
    });
  }
  const row: SubscriptionRow = { id, url, events, description: input.description, status: "active", created_at: now, deleted_at: null };
  return { row, signingSecret };
}

export async function listSubscriptions(env: Env, agentId: string): Promise<SubscriptionRow[]> {
  const rows = await env.DB.prepare(
    `SELECT ${COLUMNS} FROM callback_subscriptions WHERE agent_id = ? AND job_id IS NULL AND status = 'active' ORDER BY created_at, id`,
  )
    .bind(agentId)
    .all<SubscriptionRow>();
  return rows.results;
}

/** The agent's own subscription (active or deleted), or null: another agent's id is not found. */
export async function findSubscription(env: Env, agentId: string, id: string): Promise<SubscriptionRow | null> {
  return env.DB.prepare(`SELECT ${COLUMNS} FROM callback_subscriptions WHERE id = ? AND agent_id = ? AND job_id IS NULL`)
    .bind(id, agentId)
    .first<SubscriptionRow>();
}

/** Stops it at once: deliveries not yet sent are canceled when their turn comes. */
export async function deleteSubscription(env: Env, agentId: string, id: string): Promise<SubscriptionRow | null> {
  const deleted = await env.DB.prepare(
    `UPDATE callback_subscriptions SET status = 'deleted', deleted_at = ?
     WHERE id = ? AND agent_id = ? AND job_id IS NULL AND status = 'active' RETURNING ${COLUMNS}`,
  )
    .bind(new Date().toISOString(), id, agentId)
    .first<SubscriptionRow>();
  if (deleted) {
    const left = await listSubscriptions(env, agentId);
    const events = [...new Set(left.flatMap((r) => JSON.parse(r.events) as string[]))];
    await accountOf(env, agentId).setSubscribedEvents(events);
  }
  return deleted;
}

export interface DeliveryView {
  delivery_id: string;
  event_id: string;
  event_type: string;
  status: "pending" | "retrying" | "delivered" | "failed" | "canceled";
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  completed_at: string | null;
}

export async function listDeliveries(env: Env, subscriptionId: string, limit: number): Promise<DeliveryView[]> {
  const rows = await env.DB.prepare(
    `SELECT d.id AS delivery_id, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status_code, d.last_error,
            d.created_at, d.last_attempt_at, d.completed_at
     FROM callback_deliveries d JOIN callback_events e ON e.id = d.event_id
     WHERE d.subscription_id = ? ORDER BY d.created_at DESC, d.id LIMIT ?`,
  )
    .bind(subscriptionId, limit)
    .all<DeliveryView>();
  return rows.results;
}

/**
 * A job's own `callback_url`, for the jobs route to call at submit: the URL is guarded (400
 * CALLBACK_URL_REFUSED, field `callback_url`), and a signing secret minted for this job alone,
 * to be returned once in the 202 as `callback_secret`. The job's `enrich.job_completed` event
 * (emitEvent with its jobId) is then delivered there as well as to the agent's subscriptions.
 * Calling it again for the same job keeps the first registration (a retried submit).
 */
export async function createJobCallback(
  env: Env,
  input: { agentId: string | null; jobId: string; url: string; events?: CallbackEventType[] },
): Promise<{ callbackId: string; url: string; signingSecret: string }> {
  const url = requireCallbackUrl(env, input.url, "callback_url");
  const id = newCallbackId();
  const now = new Date().toISOString();
  await env.DB.prepare(
    `INSERT OR IGNORE INTO callback_subscriptions (id, agent_id, job_id, url, events, description, secret, status, created_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, 'active', ?)`,
  )
    .bind(id, input.agentId, input.jobId, url, JSON.stringify(input.events ?? ["enrich.job_completed"]), DERIVED_SECRET, now)
    .run();
  const kept = await env.DB.prepare("SELECT id, url, secret FROM callback_subscriptions WHERE job_id = ?")
    .bind(input.jobId)
    .first<{ id: string; url: string; secret: string }>();
  if (!kept) throw new Error(`job callback for ${input.jobId} was not stored`);
  return { callbackId: kept.id, url: kept.url, signingSecret: await signingSecretOf(env, kept) };
}
