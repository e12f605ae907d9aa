import { emitEvent } from "../callbacks/events.ts";
import { endBilling, type EndedBilling } from "./billing.ts";
import { type BatchRow, getBatch, openRowCount, progressOf } from "./store.ts";
import { batchView } from "./view.ts";

// Ending a batch: once no row is queued or running, the rest of the hold goes back, the batch
// becomes completed (or cancelled), and `batch.completed` goes to its callback_url and the agent's
// subscribers. Every step is safe to repeat: the release happens once in the account object, the
// status change is conditional, and the event is keyed by the batch.

/** How long one delivery's end of a batch (an on-chain settlement, say) holds it before another may retry. */
const SETTLING_LEASE_MS = 120_000;

export async function finishIfDone(env: Env, batchId: string): Promise<boolean> {
  if ((await openRowCount(env.DB, batchId)) > 0) return false;
  const now = Date.now();
  // One delivery ends it: the others see the claim and leave it (a stale claim is taken over).
  const claimed = await env.DB.prepare(
    `UPDATE batches SET billing_status = 'settling', updated_at = ?1
     WHERE id = ?2 AND status = 'running' AND (billing_status IS NULL OR (billing_status = 'settling' AND updated_at < ?3))
     RETURNING *`,
  )
    .bind(now, batchId, now - SETTLING_LEASE_MS)
    .first<BatchRow>();
  if (claimed) {
    const progress = await progressOf(env.DB, batchId);
    let ended: EndedBilling;
    try {
      ended = await endBilling(env, claimed, progress.spent);
    } catch (err) {
      // Retried by the next delivery (or poll): the claim is given back.
      await env.DB.prepare("UPDATE batches SET billing_status = NULL WHERE id = ? AND billing_status = 'settling'").bind(batchId).run();
      throw err;
    }
    const at = Date.now();
    await env.DB.prepare(
      `UPDATE batches SET status = CASE WHEN cancel_requested_at IS NULL THEN 'completed' ELSE 'cancelled' END,
              billing_status = ?, charged_micros = ?, x402_transaction = ?, finished_at = ?, updated_at = ?
       WHERE id = ? AND status = 'running'`,
    )
      .bind(ended.billingStatus, ended.charged, ended.transaction, at, at, batchId)
      .run();
  }
  const batch = await getBatch(env.DB, batchId);
  if (!batch || batch.status === "running") return false;
  await emitEvent(env, { agentId: batch.agent_id, type: "batch.completed", jobId: batch.id, data: batchView(batch, await progressOf(env.DB, batchId)) });
  return true;
}

/**
 * Stops a batch: rows not started are cancelled and never billed; rows already running finish and
 * bill as usual, and the batch ends once they have. Cancelling twice, or an ended batch, changes nothing.
 */
export async function cancelBatch(env: Env, batchId: string): Promise<void> {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("UPDATE batches SET cancel_requested_at = ?, updated_at = ? WHERE id = ? AND status = 'running' AND cancel_requested_at IS NULL").bind(now, now, batchId),
    env.DB.prepare(
      `UPDATE batch_rows SET status = 'cancelled', finished_at = ?,
              error = json_object('code', 'CONFLICT', 'message', 'the batch was cancelled before this row started; it was not charged')
       WHERE batch_id = ? AND status = 'queued'`,
    ).bind(now, batchId),
  ]);
  await finishIfDone(env, batchId);
}
