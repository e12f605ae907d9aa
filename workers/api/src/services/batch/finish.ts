import { emitEvent } from "../callbacks/events.ts";
import { releaseRest } from "./billing.ts";
import { getBatch, openRowCount, progressOf } from "./store.ts";
import { batchView } from "./view.ts";

// Ending a batch: once no row is queued or running, the rest of the hold goes back, the batch
// becomes completed (or cancelled), and `batch.completed` goes to its callback_url and the agent's
// subscribers. Every step is safe to repeat: the release happens once in the account object, the
// status change is conditional, and the event is keyed by the batch.

export async function finishIfDone(env: Env, batchId: string): Promise<boolean> {
  if ((await openRowCount(env.DB, batchId)) > 0) return false;
  const batch = await getBatch(env.DB, batchId);
  if (!batch) return false;
  if (batch.status === "running") {
    await releaseRest(env, batch);
    const progress = await progressOf(env.DB, batchId);
    const now = Date.now();
    await env.DB.prepare(
      `UPDATE batches SET status = CASE WHEN cancel_requested_at IS NULL THEN 'completed' ELSE 'cancelled' END,
              charged_micros = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = 'running'`,
    )
      .bind(progress.spent, now, now, batchId)
      .run();
  }
  const ended = await getBatch(env.DB, batchId);
  if (!ended || ended.status === "running") return false;
  await emitEvent(env, { agentId: ended.agent_id, type: "batch.completed", jobId: ended.id, data: batchView(ended, await progressOf(env.DB, batchId)) });
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
