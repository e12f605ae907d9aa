import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ApiError, sha256Hex } from "@411data/core";
import type { AppEnv } from "../context.ts";
import { scrubSecrets } from "../services/request-log.ts";
import { callerOf } from "./auth.ts";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a pending key stays with the request that claimed it. Longer than any request this Worker
 * serves (a sync lead session starts no round after LEAD_SESSION_SYNC_TIMEOUT_SEC ≤ 900 s), so a live
 * request is never overtaken; past it the request is taken to have died and a retry takes the key.
 */
export const IDEMPOTENCY_LEASE_MS = 20 * 60 * 1000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
// Only answers that would be the same on a retry are kept. A 402 must not be replayed to the
// retry that carries the payment, and 429/5xx are the cases a retry exists for.
const replayable = (status: number) => status < 500 && status !== 402 && status !== 429 && status !== 409;
const KEPT_HEADERS = ["content-type", "payment-response"];
/** Said in a replayed body whose shown-once secret was cut out before it was stored. */
export const SECRET_WITHHELD_NOTE =
  "replay of an earlier answer: the secret it carried is shown once and never stored, so it is withheld here";
/** Finalize attempts after the first fails: the answer is already owed to the caller, so never a 500. */
const FINALIZE_RETRY_MS = [50, 250, 1000];

interface Row {
  body_hash: string;
  state: "pending" | "done";
  status: number | null;
  headers: string | null;
  body: string | null;
  request_id: string;
  created_at: number;
  lease_until: number | null;
}

interface Claim {
  db: D1Database;
  scope: string;
  key: string;
  requestId: string;
}

/**
 * `Idempotency-Key` on any POST: the same caller + key + body within 24 h replays the stored answer
 * (no second run, no second charge); the same key with another body is a 409; a retry while the
 * first is still running is a 409 that says to retry shortly.
 *
 * The caller is the authenticated principal (agent, or agent + usage key), checked on every request,
 * so a rotated bearer or a revoked key replays nothing and a header spelled differently is the same
 * caller. Stored bodies never hold a shown-once secret: a replay says the secret is withheld.
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
  const scope = await sha256Hex(await callerOf(c));
  const bodyHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${c.get("rawBody") ?? ""}`);
  const claim: Claim = { db, scope, key, requestId: c.get("requestId") };
  const now = Date.now();
  // An expired row (past the 24 h) is replaced in the same statement that claims the key.
  const claimed = await db
    .prepare(
      `INSERT INTO idempotency_keys (scope, key, method, path, body_hash, state, request_id, created_at, lease_until)
       VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?8)
       ON CONFLICT (scope, key) DO UPDATE SET method = ?3, path = ?4, body_hash = ?5, state = 'pending', status = NULL,
         headers = NULL, body = NULL, request_id = ?6, created_at = ?7, lease_until = ?8
       WHERE idempotency_keys.created_at < ?9`,
    )
    .bind(scope, key, c.req.method, c.req.path, bodyHash, claim.requestId, now, now + IDEMPOTENCY_LEASE_MS, now - IDEMPOTENCY_TTL_MS)
    .run();

  if (claimed.meta.changes !== 1) {
    const row = await db.prepare("SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?").bind(scope, key).first<Row>();
    if (!row) throw new ApiError("IDEMPOTENCY_IN_PROGRESS", "retry this request shortly", { headers: { "Retry-After": "1" } });
    if (row.body_hash !== bodyHash) {
      throw new ApiError("IDEMPOTENCY_CONFLICT", "this Idempotency-Key was used with a different request", {
        details: { first_request_id: row.request_id },
      });
    }
    if (row.state === "done") return replay(c, row);
    const live = (row.lease_until ?? row.created_at + IDEMPOTENCY_LEASE_MS) > now;
    if (live || !(await takeOver(c, claim, row, now))) {
      if (c.finalized) return;
      throw new ApiError("IDEMPOTENCY_IN_PROGRESS", "the first request with this Idempotency-Key is still running", {
        headers: { "Retry-After": String(live ? 1 : 5) },
        details: { first_request_id: row.request_id },
      });
    }
    if (c.finalized) return;
  }

  try {
    await next();
  } catch (err) {
    await bestEffort(c, claim, "release", () => release(claim));
    throw err;
  }
  const res = c.res;
  if (!replayable(res.status)) {
    await bestEffort(c, claim, "release", () => release(claim));
    return;
  }
  // Read whole and handed back as a fresh response: a tee'd clone would wait on the client.
  const body = await res.text();
  c.res = new Response(body, res);
  const kept = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (res.headers.get(h) ? [[h, res.headers.get(h)!]] : [])));
  const stored = storedAnswer(body);
  // Past this point the work is done and may have moved money: the caller gets its answer whatever D1 does.
  await bestEffort(c, claim, "finalize", () =>
    db
      .prepare("UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?, lease_until = NULL WHERE scope = ? AND key = ? AND request_id = ?")
      .bind(res.status, JSON.stringify(kept), stored, scope, key, claim.requestId)
      .run(),
  );
});

function replay(c: Context<AppEnv>, row: Pick<Row, "status" | "headers" | "body" | "request_id">): void {
  const headers = new Headers(JSON.parse(row.headers ?? "{}") as Record<string, string>);
  headers.set("Idempotent-Replayed", "true");
  headers.set("X-Original-Request-Id", row.request_id);
  c.res = new Response(row.body, { status: row.status ?? 200, headers });
}

/**
 * A pending key whose lease ran out. If the request log shows the first request answered (its
 * finalize was lost), that answer is the key's and is replayed; otherwise this request takes the
 * key over and runs. Returns false when another retry took it first.
 */
async function takeOver(c: Context<AppEnv>, claim: Claim, row: Row, now: number): Promise<boolean> {
  const logged = await claim.db
    .prepare("SELECT status, response_body FROM requests WHERE id = ?")
    .bind(row.request_id)
    .first<{ status: number; response_body: string | null }>();
  if (logged && replayable(logged.status)) {
    const whole = logged.response_body !== null && !/…\[truncated \d+ chars\]$/.test(logged.response_body);
    if (!whole) {
      throw new ApiError("IDEMPOTENCY_CONFLICT", "the first request with this Idempotency-Key finished; its answer is in the request log", {
        details: { first_request_id: row.request_id, next_action: "read it with GET /api/v1/agents/requests" },
      });
    }
    const stored = storedAnswer(logged.response_body!);
    const headers = JSON.stringify({ "content-type": "application/json" });
    await claim.db
      .prepare("UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?, lease_until = NULL WHERE scope = ? AND key = ? AND request_id = ? AND state = 'pending'")
      .bind(logged.status, headers, stored, claim.scope, claim.key, row.request_id)
      .run();
    replay(c, { status: logged.status, headers, body: stored, request_id: row.request_id });
    return true;
  }
  const taken = await claim.db
    .prepare("UPDATE idempotency_keys SET request_id = ?, created_at = ?, lease_until = ? WHERE scope = ? AND key = ? AND state = 'pending' AND request_id = ?")
    .bind(claim.requestId, now, now + IDEMPOTENCY_LEASE_MS, claim.scope, claim.key, row.request_id)
    .run();
  return taken.meta.changes === 1;
}

/** The body as stored: shown-once secrets cut out, and a note saying so in a JSON object. */
export function storedAnswer(body: string): string {
  const clean = scrubSecrets(body);
  if (clean === body) return body;
  try {
    const parsed = JSON.parse(clean) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return JSON.stringify({ ...parsed, idempotent_replay: { secret_withheld: true, note: SECRET_WITHHELD_NOTE } });
    }
  } catch {
    // Not JSON: the scrubbed text alone.
  }
  return clean;
}

function release(claim: Claim) {
  return claim.db
    .prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'pending' AND request_id = ?")
    .bind(claim.scope, claim.key, claim.requestId)
    .run();
}

/**
 * Runs a bookkeeping write once inline and, if it fails, again off the response path. A write that
 * never lands leaves the key pending: retries are told to wait, and once the lease runs out the
 * request log's copy of this answer is replayed (see takeOver), so nothing is charged twice.
 */
async function bestEffort(c: Context<AppEnv>, claim: Claim, what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
    return;
  } catch (err) {
    console.warn(`idempotency ${what} for request ${claim.requestId} failed; retrying off the response path`, err);
  }
  c.executionCtx.waitUntil(
    (async () => {
      for (const delay of FINALIZE_RETRY_MS) {
        await new Promise((r) => setTimeout(r, delay));
        try {
          await write();
          return;
        } catch (err) {
          console.warn(`idempotency ${what} retry for request ${claim.requestId} failed`, err);
        }
      }
      console.error(`idempotency ${what} for request ${claim.requestId} gave up; the key's lease will hand it over`);
    })(),
  );
}
