import { loadConfig } from "../config.ts";
import { IDEMPOTENCY_TTL_MS } from "../middleware/idempotency.ts";
import { HISTORY_DAYS } from "../services/identity/recovery-questions.ts";
import type { ScheduledTask } from "./index.ts";

// Retention (STORAGE.md lists every table, its owner and how long it lives): what has done its job
// is deleted, and the personal data in the request log is cut after REQUEST_BODY_RETENTION_DAYS
// while the billing columns stay. Every statement is idempotent, so a tick run twice is harmless.

const DAY_MS = 86_400_000;
/** Payment locks outlive every authorization they could still guard (x402 windows are minutes long). */
const PAYMENT_LOCK_DAYS = 7;
/** A recovery challenge is kept a day past its expiry, for support to read. */
const CHALLENGE_KEEP_MS = DAY_MS;
/** A question's options must outlive the real lookup they ask about (asked at most HISTORY_DAYS after it). */
const QUESTION_KEEP_DAYS = 2 * HISTORY_DAYS;
/** Failed recoveries are forgotten after this long without another failure, once unlocked. */
const LOCKOUT_KEEP_DAYS = HISTORY_DAYS;

export const retention: ScheduledTask = {
  name: "retention",
  async run(env, now) {
    const config = loadConfig(env);
    const t = now.getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const bodiesBefore = iso(t - config.REQUEST_BODY_RETENTION_DAYS * DAY_MS);
    const statements = {
      idempotency_keys: env.DB.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(t - IDEMPOTENCY_TTL_MS),
      wallet_nonces: env.DB.prepare("DELETE FROM wallet_nonces WHERE used_at IS NOT NULL OR expires_at < ?").bind(t),
      x402_payments: env.DB.prepare(
        `DELETE FROM x402_payments WHERE status IN ('settled', 'unsettled', 'failed') AND updated_at < ?1
           AND NOT EXISTS (SELECT 1 FROM deposits d WHERE d.lock_key = x402_payments.lock_key AND d.credited_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM enrich_jobs j WHERE j.x402_lock_key = x402_payments.lock_key AND j.status NOT IN ('completed', 'failed'))`,
      ).bind(iso(t - PAYMENT_LOCK_DAYS * DAY_MS)),
      recovery_challenges: env.DB.prepare("DELETE FROM recovery_challenges WHERE expires_at < ? AND state <> 'paying'").bind(t - CHALLENGE_KEEP_MS),
      recovery_questions: env.DB.prepare("DELETE FROM recovery_questions WHERE created_at < ?").bind(t - QUESTION_KEEP_DAYS * DAY_MS),
      recovery_lockouts: env.DB.prepare("DELETE FROM recovery_lockouts WHERE locked_until < ?1 AND updated_at < ?2").bind(t, t - LOCKOUT_KEEP_DAYS * DAY_MS),
      request_bodies: env.DB.prepare(
        `UPDATE requests SET request_body = NULL, response_body = NULL, request_headers = '{}'
         WHERE created_at < ? AND (request_body IS NOT NULL OR response_body IS NOT NULL OR request_headers <> '{}')`,
      ).bind(bodiesBefore),
      callback_deliveries: env.DB.prepare("DELETE FROM callback_deliveries WHERE completed_at IS NOT NULL AND created_at < ?").bind(bodiesBefore),
      callback_events: env.DB.prepare(
        "DELETE FROM callback_events WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM callback_deliveries d WHERE d.event_id = callback_events.id)",
      ).bind(bodiesBefore),
    };
    // Conversations with the enrich agent quote lookup results (personal): gone once idle past the
    // body window. Their messages first, in the same batch.
    const idleBefore = t - config.REQUEST_BODY_RETENTION_DAYS * DAY_MS;
    Object.assign(statements, {
      chat_messages: env.DB.prepare("DELETE FROM chat_messages WHERE conversation_id IN (SELECT id FROM chat_conversations WHERE updated_at < ?)").bind(idleBefore),
      chat_conversations: env.DB.prepare("DELETE FROM chat_conversations WHERE updated_at < ?").bind(idleBefore),
    });
    const names = Object.keys(statements) as (keyof typeof statements)[];
    const results = await env.DB.batch(Object.values(statements));
    return Object.fromEntries(names.map((n, i) => [n, results[i]!.meta.changes ?? 0]));
  },
};
