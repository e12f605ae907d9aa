import { createMiddleware } from "hono/factory";
import { ApiError, sha256Hex } from "@411data/core";
import type { AppEnv } from "../context.ts";

const TTL_MS = 24 * 60 * 60 * 1000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
// Only answers that would be the same on a retry are kept. A 402 must not be replayed to the
// retry that carries the payment, and 429/5xx are the cases a retry exists for.
const replayable = (status: number) => status < 500 && status !== 402 && status !== 429 && status !== 409;
const KEPT_HEADERS = ["content-type", "payment-response"];

interface Row {
  body_hash: string;
  method: string;
  path: string;
  state: "pending" | "done";
  status: number | null;
  headers: string | null;
  body: string | null;
  request_id: string;
  created_at: number;
}

/**
 * `Idempotency-Key` on any POST: same caller + key + body within 24 h replays the stored answer
 * (no second run, no second charge); the same key with another body is a 409; a retry while the
 * first is still running is a 409 that says to retry shortly.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError("VALIDATION_FAILED", "Idempotency-Key must be 1–255 visible ASCII characters", {
      details: { field: "Idempotency-Key" },
    });
  }
  const db = c.env.DB;
  // The caller: its bearer, or for an anonymous x402 call its payment (a stranger reusing the key and
  // body without that signature must not be handed the first caller's answer, poll bearer and all).
  const payment = c.req.header("payment-signature");
  const scope = await sha256Hex(c.req.header("authorization") ?? (payment ? `x402:${payment}` : "anonymous"));
  const bodyHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${c.get("rawBody") ?? ""}`);
  const now = Date.now();
  await db.prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND created_at < ?").bind(scope, key, now - TTL_MS).run();
  const claimed = await db
    .prepare(
      `INSERT INTO idempotency_keys (scope, key, method, path, body_hash, state, request_id, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (scope, key) DO NOTHING`,
    )
    .bind(scope, key, c.req.method, c.req.path, bodyHash, c.get("requestId"), now)
    .run();

  if (claimed.meta.changes !== 1) {
    const row = await db.prepare("SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?").bind(scope, key).first<Row>();
    if (!row) throw new ApiError("IDEMPOTENCY_IN_PROGRESS", "retry this request shortly", { headers: { "Retry-After": "1" } });
    if (row.body_hash !== bodyHash) {
      throw new ApiError("IDEMPOTENCY_CONFLICT", "this Idempotency-Key was used with a different request", {
        details: { first_request_id: row.request_id },
      });
    }
    if (row.state === "pending") {
      throw new ApiError("IDEMPOTENCY_IN_PROGRESS", "the first request with this Idempotency-Key is still running", {
        headers: { "Retry-After": "1" },
        details: { first_request_id: row.request_id },
      });
    }
    const headers = new Headers(JSON.parse(row.headers ?? "{}") as Record<string, string>);
    headers.set("Idempotent-Replayed", "true");
    headers.set("X-Original-Request-Id", row.request_id);
    c.res = new Response(row.body, { status: row.status ?? 200, headers });
    return;
  }

  try {
    await next();
  } catch (err) {
    await release(db, scope, key);
    throw err;
  }
  const res = c.res;
  if (!replayable(res.status)) {
    await release(db, scope, key);
    return;
  }
  // Read whole and handed back as a fresh response: a tee'd clone would wait on the client.
  const body = await res.text();
  c.res = new Response(body, res);
  const kept = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (res.headers.get(h) ? [[h, res.headers.get(h)!]] : [])));
  await db
    .prepare("UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ? WHERE scope = ? AND key = ?")
    .bind(res.status, JSON.stringify(kept), body, scope, key)
    .run();
});

function release(db: D1Database, scope: string, key: string) {
  return db.prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'pending'").bind(scope, key).run();
}
