import { ApiError } from "@411data/core";
import { loadConfig } from "../../config.ts";
import type { QueueMessage } from "../../queue/messages.ts";
import { LEASE_SEC, MAX_ROW_ATTEMPTS, type BatchRoute, type Lane, type RowError } from "./batch.ts";
import { reserveRows, settleRows } from "./billing.ts";
import { finishIfDone } from "./finish.ts";
import {
  type BatchRow,
  chunkOpen,
  claimRows,
  type ClaimedRow,
  closeChunk,
  getBatch,
  newLeaseId,
  type RowOutcome,
  saveOutcomes,
  takeChunks,
} from "./store.ts";
import { afterRowCharge, runRow, type RowContext } from "./work.ts";

// One delivery of a `batch_chunk` message: claim the chunk's open rows, run them side by side,
// bill them from the batch hold, write every outcome in one statement, then hand the lane on to
// the batch's next chunk. Delivery is at least once; the claim is a conditional UPDATE with a lease,
// so a row runs once, and billing is keyed by row, so it is charged once.
//
// A vendor that throttles or fails does not fail its row: the row goes back to queued and the
// chunk comes round again after a backoff (honouring Retry-After), up to MAX_ROW_ATTEMPTS runs.

export const chunkMessage = (batchId: string, chunkNo: number): QueueMessage => ({ type: "batch_chunk", batch_id: batchId, chunk_no: chunkNo });

export async function runChunk(env: Env, batchId: string, chunkNo: number): Promise<void> {
  const batch = await getBatch(env.DB, batchId);
  if (!batch) return;
  let retryAfterSec = 0;
  if (batch.status === "running" && batch.cancel_requested_at === null) {
    const now = Date.now();
    const leaseId = newLeaseId();
    // The lane decides the lease; a chunk holds one lane's rows only.
    const claimed = await claimRows(env.DB, batchId, chunkNo, leaseId, now, now + LEASE_SEC.long * 1000);
    if (claimed.length > 0) retryAfterSec = await runClaimed(env, batch, claimed, leaseId);
  }

  const open = await chunkOpen(env.DB, batchId, chunkNo);
  if (open.queued > 0 && batch.status === "running") {
    await env.JOBS.send(chunkMessage(batchId, chunkNo), { delaySeconds: retryAfterSec });
    return;
  }
  if (open.running > 0) {
    // Another delivery holds these rows. Come back when its lease ends, in case it died.
    const wait = Math.ceil(((open.leaseUntil ?? Date.now()) - Date.now()) / 1000) + 1;
    await env.JOBS.send(chunkMessage(batchId, chunkNo), { delaySeconds: Math.min(Math.max(wait, 1), 43_200) });
    return;
  }
  const closed = await closeChunk(env.DB, batchId, chunkNo);
  if (closed.closed && closed.lane) await sendNext(env, batchId, closed.lane, 1);
  await finishIfDone(env, batchId);
}

/**
 * The queue gave up on a chunk's message (its deliveries kept throwing): its rows still open fail,
 * charged only what was already captured for them (a reservation is released), and the batch moves
 * on to its next chunk, so it still ends.
 */
export async function endDeadLetteredChunk(env: Env, batchId: string, chunkNo: number): Promise<void> {
  const batch = await getBatch(env.DB, batchId);
  if (!batch) return;
  const now = Date.now();
  const leaseId = newLeaseId();
  const open = await claimRows(env.DB, batchId, chunkNo, leaseId, now, now + LEASE_SEC.long * 1000, { takeOver: true });
  if (open.length > 0) {
    const captured = await settleRows(env, batch, open.map((r) => ({ rowNo: r.row_no, max: r.max_micros, charge: 0 })));
    const error: RowError = { code: "INTERNAL_ERROR", message: "the row could not be run after repeated failures on our side" };
    await env.DB.batch(saveOutcomes(env.DB, batchId, leaseId, open.map((r) => ({ rowNo: r.row_no, status: "failed", matched: null, charge: captured.get(r.row_no) ?? 0, result: null, error })), now));
  }
  const closed = await closeChunk(env.DB, batchId, chunkNo);
  if (closed.closed && closed.lane) await sendNext(env, batchId, closed.lane, 1);
  await finishIfDone(env, batchId);
}

/** Sends the next `n` pending chunks of a lane (none once the batch is cancelled). */
export async function sendNext(env: Env, batchId: string, lane: Lane, n: number): Promise<number> {
  const chunks = await takeChunks(env.DB, batchId, lane, n);
  for (let i = 0; i < chunks.length; i += 100) {
    await env.JOBS.sendBatch(chunks.slice(i, i + 100).map((c) => ({ body: chunkMessage(batchId, c) })));
  }
  return chunks.length;
}

/** Runs, bills and records the claimed rows; answers the delay before a throttled row's next try. */
async function runClaimed(env: Env, batch: BatchRow, claimed: ClaimedRow[], leaseId: string): Promise<number> {
  const now = Date.now();
  const outcomes = new Map<number, RowOutcome>();
  const fail = (row: ClaimedRow, error: RowError): void => {
    outcomes.set(row.row_no, { rowNo: row.row_no, status: "failed", matched: null, charge: 0, result: null, error });
  };

  let runnable = claimed;
  if (now > batch.deadline_at) {
    for (const row of claimed) fail(row, { code: "JOB_TIMEOUT", message: "the batch ran past its time limit; this row was not run or charged" });
    runnable = [];
  }
  const reservations = await reserveRows(env, batch, runnable.map((r) => ({ rowNo: r.row_no, max: r.max_micros })));
  runnable = runnable.filter((row) => {
    const r = reservations.get(row.row_no);
    if (r?.ok) return true;
    fail(row, {
      code: "BATCH_CEILING_REACHED",
      message: r?.code === "HOLD_SHORT"
        ? "the batch's bill_up_to_usd has no room left for this row; it was not run or charged"
        : "the batch's hold has ended; this row was not run or charged",
    });
    return false;
  });

  const base = loadConfig(env).QUEUE_RETRY_BASE_SEC;
  let retryAfterSec = 0;
  const works = await Promise.all(
    runnable.map(async (row) => {
      const ctx: RowContext = { env, batchId: batch.id, rowNo: row.row_no, ownerId: batch.agent_id, max: row.max_micros, deadline: batch.deadline_at };
      try {
        return { row, ctx, work: await runRow(row.route, JSON.parse(row.payload), ctx) };
      } catch (err) {
        const error = rowErrorOf(err);
        if (error.code === "VENDOR_UNAVAILABLE" && row.attempts < MAX_ROW_ATTEMPTS) {
          outcomes.set(row.row_no, { rowNo: row.row_no, status: "queued", matched: null, charge: 0, result: null, error });
          const asked = Number((error.details as { retry_after_sec?: number } | null)?.retry_after_sec ?? 0);
          const backoff = base === 0 ? 0 : Math.min(Math.max(asked, base * 2 ** (row.attempts - 1)), 300);
          retryAfterSec = Math.max(retryAfterSec, backoff);
        } else {
          fail(row, error);
        }
        return null;
      }
    }),
  );
  const done = works.filter((w): w is NonNullable<typeof w> => w !== null);
  // Rows that will not be charged (no match, failed, throttled) give their reservation back too.
  const reservedOf = (rowNo: number) => (reservations.get(rowNo)?.ok ? claimed.find((r) => r.row_no === rowNo)!.max_micros : 0);
  const captured = await settleRows(env, batch, [
    ...done.map((w) => ({ rowNo: w.row.row_no, max: w.row.max_micros, charge: w.work.charge })),
    ...[...outcomes.values()].filter((o) => reservedOf(o.rowNo) > 0).map((o) => ({ rowNo: o.rowNo, max: reservedOf(o.rowNo), charge: 0 })),
  ]);
  for (const { row, work } of done) {
    const charge = captured.get(row.row_no) ?? 0;
    outcomes.set(row.row_no, { rowNo: row.row_no, status: "done", matched: work.matched, charge, result: work.result, error: null });
  }
  await env.DB.batch(saveOutcomes(env.DB, batch.id, leaseId, [...outcomes.values()], Date.now()));
  await Promise.all(
    done
      .filter((w) => w.row.route === "enrich/lead-session")
      .map((w) => afterRowCharge(w.row.route as BatchRoute, w.ctx, w.work.charge, captured.get(w.row.row_no) ?? 0)),
  );
  return retryAfterSec;
}

function rowErrorOf(err: unknown): RowError {
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  console.error("batch row failed", err);
  return { code: "INTERNAL_ERROR", message: "the row failed on our side; it was not charged" };
}

