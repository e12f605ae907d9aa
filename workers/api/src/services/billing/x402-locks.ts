import type { Micros } from "@411data/core";
import { PaymentRejected, REASON } from "@411data/x402";

/**
 * Claims a payment's (payer, nonce) for one request; a second claim is a replay. The same statement
 * names the agent the payment draws on (the one given, else the agent that minted with the paying
 * wallet) and keeps it on the claim, so the lookup costs no second trip and the reconciler can give
 * back a draw whose request died before it said more.
 */
export async function lockPayment(
  db: D1Database,
  candidate: { lockKey: string; payer: string; amount: Micros },
  route: string,
  requestId: string,
  /** The agent it pays for, when known before settlement (a deposit's): what the reconciler credits. */
  agentId: string | null = null,
): Promise<{ agentId: string | null }> {
  const now = new Date().toISOString();
  const payer = candidate.payer.toLowerCase();
  const inserted = await db
    .prepare(
      `INSERT INTO x402_payments (lock_key, payer, route, request_id, amount_micros, status, agent_id, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, 'locked', COALESCE(?6, (SELECT id FROM agents WHERE wallet = ?2)), ?7, ?7)
       ON CONFLICT (lock_key) DO NOTHING RETURNING agent_id`,
    )
    .bind(candidate.lockKey, payer, route, requestId, candidate.amount, agentId, now)
    .first<{ agent_id: string | null }>();
  if (!inserted) {
    throw new PaymentRejected(REASON.nonceAlreadyUsed, "this payment authorization was already used; sign a new one");
  }
  return { agentId: inserted.agent_id };
}

export async function markPayment(
  db: D1Database,
  lockKey: string,
  status: "settled" | "unsettled" | "failed",
  extra: { txHash?: string; agentId?: string | null } = {},
) {
  await db
    // A settled transaction's hash is never overwritten by a later, less certain status.
    .prepare("UPDATE x402_payments SET status = ?, tx_hash = COALESCE(?, tx_hash), agent_id = COALESCE(?, agent_id), updated_at = ? WHERE lock_key = ?")
    .bind(status, extra.txHash ?? null, extra.agentId ?? null, new Date().toISOString(), lockKey)
    .run();
}

/** Frees a claim whose authorization provably moved nothing (verification never reached a verdict). */
export async function releaseLock(db: D1Database, lockKey: string) {
  await db.prepare("DELETE FROM x402_payments WHERE lock_key = ? AND status = 'locked'").bind(lockKey).run();
}

/**
 * A settlement was sent but its outcome is unknown: its hash is kept on the still-locked claim, so
 * the retry looks the transaction up instead of sending the same permit again.
 */
export async function notePendingSettlement(db: D1Database, lockKey: string, txHash: string) {
  await db
    .prepare("UPDATE x402_payments SET tx_hash = ?, updated_at = ? WHERE lock_key = ? AND status = 'locked'")
    .bind(txHash, new Date().toISOString(), lockKey)
    .run();
}

/** The hash of a settlement sent earlier for this claim and not yet known to have landed, if any. */
export async function pendingSettlement(db: D1Database, lockKey: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT tx_hash FROM x402_payments WHERE lock_key = ? AND status = 'locked'")
    .bind(lockKey)
    .first<{ tx_hash: string | null }>();
  return row?.tx_hash ?? null;
}

/** A pending settlement turned out reverted: forget it so the permit can be settled again. */
export async function clearPendingSettlement(db: D1Database, lockKey: string) {
  await db.prepare("UPDATE x402_payments SET tx_hash = NULL WHERE lock_key = ? AND status = 'locked'").bind(lockKey).run();
}
