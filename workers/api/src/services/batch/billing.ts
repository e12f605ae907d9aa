import type { Micros } from "@411data/core";
import type { DrawReservation } from "../../../../../durable-objects/agent-account/index.ts";
import { accountOf } from "../accounts.ts";
import type { BatchRow } from "./store.ts";

// A batch's money: the ceiling was held once at upload; each running row reserves its most from
// that hold, and settles its actual charge when it ends (captured on a match, released otherwise);
// the rest goes back when the batch ends. Keyed by row, so a row settled twice is charged once.

const rowKey = (rowNo: number) => `row:${rowNo}`;

export async function reserveRows(env: Env, batch: BatchRow, rows: { rowNo: number; max: Micros }[]): Promise<Map<number, DrawReservation>> {
  if (!batch.agent_id || !batch.hold_id || rows.length === 0) return new Map();
  const out = await accountOf(env, batch.agent_id).reserveFromHold({
    holdId: batch.hold_id,
    items: rows.map((r) => ({ key: rowKey(r.rowNo), max: r.max })),
  });
  return new Map(rows.map((r, i) => [r.rowNo, out[i]!]));
}

/** Settles each row's charge; answers what was actually captured per row. */
export async function settleRows(env: Env, batch: BatchRow, rows: { rowNo: number; charge: Micros }[]): Promise<Map<number, Micros>> {
  if (!batch.agent_id || !batch.hold_id || rows.length === 0) return new Map();
  const out = await accountOf(env, batch.agent_id).settleFromHold({
    holdId: batch.hold_id,
    items: rows.map((r) => ({ key: rowKey(r.rowNo), charge: r.charge })),
    memo: `batch ${batch.id}`,
  });
  return new Map(rows.map((r, i) => [r.rowNo, out[i]!.captured]));
}

/** The batch ended: what is still held returns to the balance (once; later calls only report). */
export async function releaseRest(env: Env, batch: BatchRow): Promise<void> {
  if (!batch.agent_id || !batch.hold_id) return;
  await accountOf(env, batch.agent_id).releaseHoldRest({ holdId: batch.hold_id, memo: `batch ${batch.id}: ended, rest released` });
}
