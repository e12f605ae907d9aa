import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signCallback } from "@411data/core";
import { checkCallbackUrl } from "./policy.ts";
import { signingSecretOf } from "./subscriptions.ts";

/** A receiver gets this long to answer; a slow one is a failed attempt, retried later. */
export const CALLBACK_TIMEOUT_MS = 10_000;
const MAX_ERROR_CHARS = 500;

/** Thrown after a failed attempt so the queue retries the message with backoff. */
export class CallbackAttemptFailed extends Error {
  override name = "CallbackAttemptFailed";
}

interface DeliveryRow {
  id: string;
  status: "pending" | "retrying" | "delivered" | "failed" | "canceled";
  event_type: string;
  body: string;
  url: string;
  secret: string;
  subscription_id: string;
  subscription_status: "active" | "deleted";
}

const LOAD = `
  SELECT d.id, d.status, e.type AS event_type, e.body, s.url, s.secret, s.id AS subscription_id, s.status AS subscription_status
  FROM callback_deliveries d
  JOIN callback_events e ON e.id = d.event_id
  JOIN callback_subscriptions s ON s.id = d.subscription_id
  WHERE d.id = ?`;

const OPEN = "status IN ('pending', 'retrying')";

/**
 * One attempt at one delivery, run by the queue consumer. The URL is guarded again first (rules
 * or config may have changed since creation; a refused URL is never contacted and not retried).
 * The body is POSTed with its signature; redirects are not followed, since a 3xx could point
 * anywhere the guard would refuse. Anything but a 2xx throws, and the queue retries.
 */
export async function deliverCallback(env: Env, deliveryId: string): Promise<void> {
  const loaded = await env.DB.prepare(LOAD).bind(deliveryId).first<DeliveryRow>();
  if (!loaded) {
    console.warn(`callback delivery ${deliveryId} not found; dropped`);
    return;
  }
  const row = { ...loaded, secret: await signingSecretOf(env, { id: loaded.subscription_id, secret: loaded.secret }) };
  if (row.status !== "pending" && row.status !== "retrying") return;
  const now = new Date().toISOString();
  if (row.subscription_status !== "active") {
    await finish(env, deliveryId, "canceled", { error: "the subscription was deleted before delivery", at: now });
    return;
  }
  const verdict = checkCallbackUrl(env, row.url);
  if (!verdict.ok) {
    await finish(env, deliveryId, "failed", { error: `not sent: URL refused (${verdict.reason}): ${verdict.message}`, at: now });
    return;
  }

  const claimed = await env.DB.prepare(
    `UPDATE callback_deliveries SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ? AND ${OPEN} RETURNING attempts`,
  )
    .bind(now, deliveryId)
    .first<{ attempts: number }>();
  if (!claimed) return;

  const outcome = await post(verdict.url, row, deliveryId, claimed.attempts);
  if (outcome.ok) {
    await finish(env, deliveryId, "delivered", { statusCode: outcome.statusCode, at: new Date().toISOString() });
    return;
  }
  await env.DB.prepare(
    `UPDATE callback_deliveries SET status = 'retrying', last_status_code = ?, last_error = ? WHERE id = ? AND ${OPEN}`,
  )
    .bind(outcome.statusCode, outcome.error, deliveryId)
    .run();
  throw new CallbackAttemptFailed(`callback delivery ${deliveryId} attempt ${claimed.attempts}: ${outcome.error}`);
}

type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

async function post(url: string, row: DeliveryRow, deliveryId: string, attempt: number): Promise<Outcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "411data-callbacks/1",
        [SIGNATURE_HEADER]: await signCallback(row.secret, row.body, timestamp),
        [EVENT_HEADER]: row.event_type,
        [DELIVERY_HEADER]: deliveryId,
        "X-411-Attempt": String(attempt),
      },
      body: row.body,
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const error = timedOut ? `no answer within ${CALLBACK_TIMEOUT_MS / 1000} s` : `could not connect: ${String(err)}`;
    return { ok: false, statusCode: null, error: error.slice(0, MAX_ERROR_CHARS) };
  }
  // The answer's body is not needed; releasing it frees the connection.
  await res.body?.cancel().catch(() => {});
  if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status };
  if (res.status >= 300 && res.status < 400) {
    const location = (res.headers.get("location") ?? "").slice(0, 200);
    return { ok: false, statusCode: res.status, error: `redirect ${res.status} to ${location || "(no location)"} not followed` };
  }
  return { ok: false, statusCode: res.status, error: `the receiver answered ${res.status}` };
}

async function finish(
  env: Env,
  deliveryId: string,
  status: "delivered" | "failed" | "canceled",
  opts: { statusCode?: number; error?: string; at: string },
): Promise<void> {
  await env.DB.prepare(
    `UPDATE callback_deliveries SET status = ?, last_status_code = COALESCE(?, last_status_code), last_error = ?, completed_at = ?
     WHERE id = ? AND ${OPEN}`,
  )
    .bind(status, opts.statusCode ?? null, opts.error ?? null, opts.at, deliveryId)
    .run();
}

/**
 * The dead-letter queue's share: a delivery whose message ran out of retries is failed for good,
 * keeping its last status code and error.
 */
export async function failExhaustedDeliveries(env: Env, bodies: readonly unknown[]): Promise<void> {
  const ids = bodies.flatMap((b) => {
    const m = b as { type?: unknown; delivery_id?: unknown } | null;
    return m?.type === "callback_delivery" && typeof m.delivery_id === "string" ? [m.delivery_id] : [];
  });
  if (ids.length === 0) return;
  const at = new Date().toISOString();
  await env.DB.batch(
    ids.map((id) =>
      env.DB.prepare(`UPDATE callback_deliveries SET status = 'failed', completed_at = ? WHERE id = ? AND ${OPEN}`).bind(at, id),
    ),
  );
}
