import type { Context } from "hono";
import { type Address, getAddress, type Hex } from "viem";
import { ApiError, catalogEntry, type Micros, newToken, randomBase62, sha256Hex, timingSafeEqualHex, toUsd } from "@411data/core";
import { buildAccepts, paymentRejection, paymentRequiredError, resourceInfo, type SettledExact } from "@411data/x402";
import { type Config, publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { accountOf, agentOfWallet } from "../accounts.ts";
import { acceptExact } from "../billing/exact-payment.ts";
import { paymentConfig } from "../billing/payment-config.ts";
import { emitEventLater } from "../callbacks/events.ts";
import { flushRequestLogs } from "../request-log.ts";
import { consumeNonce } from "./nonces.ts";
import {
  answerHash,
  drawDecoys,
  HISTORY_DAYS,
  type Lookup,
  type LookupKind,
  lookupHistory,
  MAX_QUESTIONS,
  MIN_QUESTIONS,
  optionKey,
  QUESTIONS,
  requiredRight,
  shuffle,
} from "./recovery-questions.ts";
import { verifySiwe } from "./siwe.ts";

// Wallet recovery: a lost bearer is replaced only when the caller proves three things — control of
// the linked wallet (SIWE), memory of the agent's own lookups (several multiple-choice questions,
// k of n right), and willingness to pay a non-refundable $1.00 from that same wallet. The verdict is
// given only after the fee is paid, one attempt ends a challenge, and each failure doubles the wait
// before the next (and retires every question it answered): wallet control alone must never be enough, or a leaked seed phrase would take
// the account, its balance and its lookup history.

const ROUTE_ID = "agents.wallet_recover" as const;
export const CHALLENGE_TTL_MS = 15 * 60 * 1000;
/** The wait after the first failed attempt; it doubles with each further failure, up to the cap. */
export const LOCKOUT_BASE_MS = 60 * 60 * 1000;
export const LOCKOUT_MAX_MS = 30 * 24 * 60 * 60 * 1000;

export interface ShownQuestion {
  kind: LookupKind;
  question: string;
  options: string[];
}

interface StoredQuestion extends ShownQuestion {
  /** The keyed hash of the right option; never sent to the caller. */
  answer_hash: string;
}

export interface OpenedChallenge {
  challengeId: string;
  agentId: string;
  wallet: Address;
  questions: ShownQuestion[];
  required: number;
  expiresAt: Date;
  fee: { amount: Micros; network: string; asset: string; payTo: string };
}

export interface RecoveredAgent {
  agentId: string;
  token: string;
  wallet: string;
  balance: Micros;
  rotatedAt: Date;
  revokedUsageKeys: number;
  settled: SettledExact;
}

// ── challenge ─────────────────────────────────────────────────────────────────────────────────

export async function openChallenge(
  env: Env,
  config: Config,
  input: { siweMessage: string; siweSignature: Hex },
): Promise<OpenedChallenge> {
  const siwe = await verifySiwe(env, config, input.siweMessage, input.siweSignature, "recover");
  await consumeNonce(env, siwe.nonce, siwe.address, "recover");
  const wallet = getAddress(siwe.address);
  const agentId = await agentOfWallet(env.DB, wallet);
  if (!agentId || !(await accountOf(env, agentId).account())) {
    throw new ApiError("NOT_FOUND", "no agent is bound to this wallet", {
      details: { wallet, next_action: "mint one: POST /api/v1/agents/wallet-nonce, then /api/v1/agents/wallet-register" },
    });
  }

  const now = Date.now();
  await refuseWhenLockedOut(env.DB, agentId, now);

  // The lookups this instance just answered may still be in its open log batch.
  await flushRequestLogs(env);
  const history = await lookupHistory(env.DB, agentId, now);
  const { questions: stored, retired } = await questionsFor(env, agentId, history, now);
  if (stored.length < MIN_QUESTIONS) {
    const reason = history.length === 0 ? "no_usage_history" : retired > 0 && history.length >= MIN_QUESTIONS ? "history_used_up" : "not_enough_history";
    throw new ApiError(
      "RECOVERY_UNAVAILABLE",
      `wallet recovery asks about ${MIN_QUESTIONS} different lookups this agent made with its bearer in the last ${HISTORY_DAYS} days and not yet asked in a failed attempt; it has ${stored.length}`,
      {
        details: {
          reason,
          lookups_found: history.length,
          lookups_needed: MIN_QUESTIONS,
          next_action: "wallet recovery needs usage history; open a support request for an operator reset by wallet",
        },
      },
    );
  }

  const challengeId = `rc_${randomBase62(24)}`;
  const expiresAt = new Date(now + CHALLENGE_TTL_MS);
  const asked: StoredQuestion[] = stored.map((q) => ({ ...q, options: shuffle(q.options) }));
  const required = requiredRight(asked.length);
  await env.DB.prepare(
    `INSERT INTO recovery_challenges (id, agent_id, wallet, questions, required, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(challengeId, agentId, wallet.toLowerCase(), JSON.stringify(asked), required, now, expiresAt.getTime())
    .run();

  const pay = paymentConfig(config);
  return {
    challengeId,
    agentId,
    wallet,
    questions: asked.map(({ kind, question, options }) => ({ kind, question, options })),
    required,
    expiresAt,
    fee: { amount: catalogEntry(ROUTE_ID).price, network: pay.network, asset: pay.asset, payTo: pay.payTo },
  };
}

/**
 * The questions of a challenge: real lookups already asked about keep their first options (so a new
 * challenge shows nothing new); the rest come from the newest lookups, each with fresh decoys that
 * no other question of this agent uses. Questions retired by a failed attempt are never asked again,
 * and their options never reused.
 */
async function questionsFor(env: Env, agentId: string, history: Lookup[], now: number): Promise<{ questions: StoredQuestion[]; retired: number }> {
  const rows = await env.DB.prepare("SELECT answer_hash, kind, options, retired_at FROM recovery_questions WHERE agent_id = ? ORDER BY created_at, answer_hash")
    .bind(agentId)
    .all<{ answer_hash: string; kind: LookupKind; options: string; retired_at: number | null }>();
  const byHash = new Map(rows.results.map((r) => [r.answer_hash, r]));
  const hashes = await Promise.all(history.map((l) => answerHash(env, agentId, l.display)));
  const all = history.map((l, i) => ({ lookup: l, hash: hashes[i]!, row: byHash.get(hashes[i]!) }));
  const known = all.filter((k) => k.row?.retired_at == null);
  const retired = all.length - known.length;
  const count = Math.min(MAX_QUESTIONS, known.length);
  if (count < MIN_QUESTIONS) return { questions: [], retired };
  const kept = known.filter((k) => k.row).sort((a, b) => rows.results.indexOf(a.row!) - rows.results.indexOf(b.row!)).slice(0, count);
  const out: StoredQuestion[] = kept.map((k) => ({
    kind: k.row!.kind,
    question: QUESTIONS[k.row!.kind],
    options: JSON.parse(k.row!.options) as string[],
    answer_hash: k.hash,
  }));

  // A decoy never repeats a real lookup or an option another question of this agent shows.
  const taken = new Set<string>(history.map((l) => optionKey(l.display)));
  for (const r of rows.results) for (const o of JSON.parse(r.options) as string[]) taken.add(optionKey(o));
  const fresh: StoredQuestion[] = [];
  for (const k of known) {
    if (out.length + fresh.length >= count) break;
    if (k.row) continue;
    const options = [k.lookup.display, ...drawDecoys(k.lookup, taken)];
    fresh.push({ kind: k.lookup.kind, question: QUESTIONS[k.lookup.kind], options, answer_hash: k.hash });
  }
  if (fresh.length > 0) {
    // INSERT OR IGNORE: a concurrent challenge that stored the same lookup first keeps its options.
    await env.DB.batch(
      fresh.map((q) =>
        env.DB.prepare("INSERT OR IGNORE INTO recovery_questions (agent_id, answer_hash, kind, options, created_at) VALUES (?, ?, ?, ?, ?)").bind(
          agentId,
          q.answer_hash,
          q.kind,
          JSON.stringify(q.options),
          now,
        ),
      ),
    );
    const reread = await env.DB.prepare(`SELECT answer_hash, options FROM recovery_questions WHERE agent_id = ? AND answer_hash IN (${fresh.map(() => "?").join(", ")})`)
      .bind(agentId, ...fresh.map((q) => q.answer_hash))
      .all<{ answer_hash: string; options: string }>();
    for (const r of reread.results) {
      const q = fresh.find((f) => f.answer_hash === r.answer_hash);
      if (q) q.options = JSON.parse(r.options) as string[];
    }
  }
  return { questions: [...out, ...fresh], retired };
}

async function refuseWhenLockedOut(db: D1Database, agentId: string, now: number) {
  const row = await db.prepare("SELECT failures, locked_until FROM recovery_lockouts WHERE agent_id = ?").bind(agentId).first<{ failures: number; locked_until: number }>();
  if (!row || row.locked_until <= now) return;
  const retryAfter = Math.max(1, Math.ceil((row.locked_until - now) / 1000));
  throw new ApiError("RATE_LIMITED", `wallet recovery for this agent is locked after ${row.failures} failed attempt(s); try again in ${retryAfter} seconds`, {
    headers: { "Retry-After": String(retryAfter) },
    details: {
      reason: "recovery_locked",
      failed_attempts: row.failures,
      retry_after_sec: retryAfter,
      next_action: "wait Retry-After seconds, then start over at /api/v1/agents/wallet-nonce (purpose recover)",
    },
  });
}

/** 1 h after the first failure, doubling with each further one, capped. */
export const lockoutAfter = (failures: number) => Math.min(LOCKOUT_MAX_MS, LOCKOUT_BASE_MS * 2 ** Math.min(failures - 1, 30));

// ── complete ──────────────────────────────────────────────────────────────────────────────────

interface ChallengeRow {
  id: string;
  agent_id: string;
  wallet: string;
  questions: string;
  required: number;
  state: "open" | "paying" | "passed" | "failed";
  expires_at: number;
}

/**
 * Answers + fee → verdict. Without a payment the answer is always the same 402, right or wrong; the
 * payment (from the agent's wallet only) is settled before the answers are scored, and the
 * challenge is spent either way. A pass rotates the bearer and revokes every usage key; a failure
 * keeps the fee and locks recovery for a doubling while.
 */
export async function completeRecovery(
  c: Context<AppEnv>,
  input: { challengeId: string; answers: (string | number)[] },
): Promise<RecoveredAgent> {
  const env = c.env;
  const config = c.get("config");
  const log = c.get("log");
  const entry = catalogEntry(ROUTE_ID);
  log.priceMicros = entry.price;

  const row = await env.DB.prepare("SELECT * FROM recovery_challenges WHERE id = ?").bind(input.challengeId).first<ChallengeRow>();
  if (!row) {
    throw new ApiError("NOT_FOUND", "no such recovery challenge", {
      details: { next_action: "start over: POST /api/v1/agents/wallet-nonce with purpose recover" },
    });
  }
  log.agentId = row.agent_id;
  const now = Date.now();
  refuseClosed(row, now);
  await refuseWhenLockedOut(env.DB, row.agent_id, now);

  const questions = JSON.parse(row.questions) as StoredQuestion[];
  const chosen = chosenOptions(questions, input.answers);

  const accepts = buildAccepts(entry, paymentConfig(config));
  const resource = resourceInfo(entry, publicOrigin(config).origin);
  const wallet = getAddress(row.wallet);
  const header = c.req.header("payment-signature");
  if (!header) {
    throw paymentRequiredError("PAYMENT_REQUIRED", "pay the $1.00 recovery fee from the agent's wallet; the answers are scored once it is paid", {
      resource,
      accepts,
      details: {
        price_usd: toUsd(entry.price),
        non_refundable: true,
        payer_must_be: wallet,
        next_action: "retry this same request with PAYMENT-SIGNATURE: an x402 exact payment signed by the agent's wallet",
      },
    });
  }

  log.paymentMode = "x402_exact";
  const payment = await acceptExact(c, {
    entry,
    header,
    accepts,
    resource,
    agentId: row.agent_id,
    what: "fee",
    // The fee doubles as a second proof of wallet control: only the linked wallet's signature counts.
    checkPayer: (verified) => {
      if (verified.payer.toLowerCase() === row.wallet) return;
      throw paymentRejection("payer_not_agent_wallet", `the recovery fee must be paid by the agent's wallet ${wallet}, not ${verified.payer}`, { resource, accepts }, {
        details: { payer: verified.payer, payer_must_be: wallet, charged_usd: 0 },
      });
    },
  });

  // Claimed before settling, so two payments racing on one challenge cannot both be taken.
  const claimed = await env.DB.prepare("UPDATE recovery_challenges SET state = 'paying' WHERE id = ? AND state = 'open' AND expires_at > ?")
    .bind(row.id, now)
    .run();
  if (claimed.meta.changes !== 1) {
    await payment.abandon();
    return throwClosed(await reload(env.DB, row.id), now);
  }

  let settled: SettledExact;
  try {
    settled = await payment.settle();
  } catch (err) {
    // Not paid: the challenge reopens so the caller can retry with a fresh signature.
    await env.DB.prepare("UPDATE recovery_challenges SET state = 'open' WHERE id = ? AND state = 'paying'").bind(row.id).run();
    log.chargedMicros = 0;
    throw err;
  }
  log.chargedMicros = settled.amount;

  const hashes = await Promise.all(chosen.map((o) => answerHash(env, row.agent_id, o)));
  const right = hashes.filter((h, i) => timingSafeEqualHex(h, questions[i]!.answer_hash)).length;
  const finishedAt = Date.now();
  if (right < row.required) {
    const failures = await recordFailure(env.DB, row.agent_id, finishedAt);
    // Whatever was answered here is never shown again: a guesser learns nothing it can reuse.
    await env.DB.batch([
      env.DB.prepare("UPDATE recovery_challenges SET state = 'failed', finished_at = ? WHERE id = ?").bind(finishedAt, row.id),
      ...questions.map((q) =>
        env.DB.prepare("UPDATE recovery_questions SET retired_at = COALESCE(retired_at, ?) WHERE agent_id = ? AND answer_hash = ?").bind(finishedAt, row.agent_id, q.answer_hash),
      ),
    ]);
    const retryAfter = Math.ceil(lockoutAfter(failures) / 1000);
    // How many were right stays unsaid: it would tell a guesser which way to move.
    throw new ApiError("RECOVERY_ANSWER_WRONG", `not enough right answers; the fee is kept and recovery is locked for ${retryAfter} seconds`, {
      headers: { ...settled.headers, "Retry-After": String(retryAfter) },
      details: {
        charged_usd: toUsd(settled.amount),
        x402_transaction: settled.transaction,
        failed_attempts: failures,
        retry_after_sec: retryAfter,
        next_action: "wait Retry-After seconds, then start over at /api/v1/agents/wallet-nonce (purpose recover)",
      },
    });
  }

  const account = accountOf(env, row.agent_id);
  const token = newToken("agent", row.agent_id);
  const recovered = await account.replaceToken({ newHash: await sha256Hex(token) });
  if (!recovered) {
    console.error(`recovery ${row.id}: fee settled (${settled.transaction}) but agent ${row.agent_id} has no account`);
    throw new ApiError("INTERNAL_ERROR", "the fee was settled but the bearer could not be replaced; quote the request id to support");
  }
  await env.DB.batch([
    env.DB.prepare("UPDATE recovery_challenges SET state = 'passed', finished_at = ? WHERE id = ?").bind(finishedAt, row.id),
    env.DB.prepare("DELETE FROM recovery_lockouts WHERE agent_id = ?").bind(row.agent_id),
  ]);
  const rotatedAt = new Date(recovered.profile.rotatedAt ?? finishedAt);
  emitEventLater(c.executionCtx, env, {
    agentId: row.agent_id,
    type: "account.recovery_completed",
    data: {
      agent_id: row.agent_id,
      wallet,
      rotated_at: rotatedAt.toISOString(),
      usage_keys_revoked: recovered.revokedKeys,
      request_id: c.get("requestId"),
      x402_transaction: settled.transaction,
    },
    dedupeKey: row.id,
  });
  const balance = await account.balance();
  return {
    agentId: row.agent_id,
    token,
    wallet: getAddress(recovered.profile.wallet),
    balance: balance.available,
    rotatedAt,
    revokedUsageKeys: recovered.revokedKeys,
    settled,
  };
}

/** Each answer as one of its question's options; anything else is a typo (400), not a guess. */
function chosenOptions(questions: StoredQuestion[], answers: (string | number)[]): string[] {
  if (answers.length !== questions.length) {
    throw new ApiError("VALIDATION_FAILED", `answers must hold one answer per question (${questions.length})`, {
      details: { issues: [{ path: ["answers"], message: `expected ${questions.length} answers, got ${answers.length}` }] },
    });
  }
  return questions.map((q, i) => {
    const a = answers[i]!;
    const option = typeof a === "number" ? q.options[a] : q.options.find((o) => optionKey(o) === optionKey(a));
    if (option === undefined) {
      throw new ApiError("VALIDATION_FAILED", "each answer must be one of its question's options (its text or its 0-based index)", {
        details: { issues: [{ path: ["answers", i], message: "not one of the options" }], options: q.options },
      });
    }
    return option;
  });
}

async function recordFailure(db: D1Database, agentId: string, now: number): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO recovery_lockouts (agent_id, failures, locked_until, updated_at) VALUES (?1, 1, ?2 + ?3, ?2)
       ON CONFLICT (agent_id) DO UPDATE SET failures = failures + 1, updated_at = ?2
       RETURNING failures`,
    )
    .bind(agentId, now, LOCKOUT_BASE_MS)
    .first<{ failures: number }>();
  const failures = row!.failures;
  await db.prepare("UPDATE recovery_lockouts SET locked_until = ? WHERE agent_id = ?").bind(now + lockoutAfter(failures), agentId).run();
  return failures;
}

function refuseClosed(row: ChallengeRow, now: number): void {
  const reason = row.state === "passed" || row.state === "failed" ? "completed" : row.state === "paying" ? "in_progress" : row.expires_at <= now ? "expired" : null;
  if (reason === null) return;
  const messages = {
    completed: "this recovery challenge was already answered; each challenge takes one attempt",
    in_progress: "this recovery challenge is being paid for by another request",
    expired: "this recovery challenge has expired",
  } as const;
  throw new ApiError("RECOVERY_CHALLENGE_CLOSED", messages[reason], {
    details: { reason, next_action: "start over: POST /api/v1/agents/wallet-nonce with purpose recover" },
  });
}

/** After a conditional update lost a race: say why the challenge is closed now. */
function throwClosed(row: ChallengeRow | null, now: number): never {
  if (row) refuseClosed(row, now);
  throw new ApiError("CONFLICT", "the recovery challenge changed while this request ran; retry");
}

function reload(db: D1Database, id: string) {
  return db.prepare("SELECT * FROM recovery_challenges WHERE id = ?").bind(id).first<ChallengeRow>();
}
