import type { Micros } from "@411data/core";
import type { DrawReservation } from "../../../../../durable-objects/agent-account/index.ts";
import { accountOf } from "../accounts.ts";
import { abandonUpto } from "../jobs/upto.ts";
import { settleUptoCharge } from "../jobs/upto-settle.ts";
import type { BatchRow } from "./store.ts";

// A batch's money. On the balance: the ceiling was held once at upload; each running row reserves
// its most from that hold and settles its actual charge when it ends (captured on a match,
// released otherwise), keyed by row in the AgentAccount so a row settled twice is charged once;
// the rest goes back when the batch ends. With x402 upto: rows reserve against the signed ceiling
// in D1, and the sum of the matched rows' charges is settled on-chain once, when the batch ends
// ($0 — nothing settled — when nothing matched).

const rowKey = (rowNo: number) => `row:${rowNo}`;

export async function reserveRows(env: Env, batch: BatchRow, rows: { rowNo: number; max: Micros }[]): Promise<Map<number, DrawReservation>> {
  if (rows.length === 0) return new Map();
  if (batch.billing_mode === "x402_upto") {
    const results = await env.DB.batch(
      rows.map((r) =>
        env.DB.prepare("UPDATE batches SET reserved_micros = reserved_micros + ?1 WHERE id = ?2 AND reserved_micros + ?1 <= bill_up_to_micros").bind(r.max, batch.id),
      ),
    );
    return new Map(rows.map((r, i): [number, DrawReservation] => [
      r.rowNo,
      results[i]!.meta.changes === 1 ? { key: rowKey(r.rowNo), ok: true, settled: null } : { key: rowKey(r.rowNo), ok: false, code: "HOLD_SHORT" },
    ]));
  }
  const out = await accountOf(env, batch.agent_id!).reserveFromHold({
    holdId: batch.hold_id!,
    items: rows.map((r) => ({ key: rowKey(r.rowNo), max: r.max })),
  });
  return new Map(rows.map((r, i) => [r.rowNo, out[i]!]));
}

/** Settles each row's charge (≤ its reservation); answers what each row is charged. */
export async function settleRows(env: Env, batch: BatchRow, rows: { rowNo: number; max: Micros; charge: Micros }[]): Promise<Map<number, Micros>> {
  if (rows.length === 0) return new Map();
  if (batch.billing_mode === "x402_upto") {
    // The unused part of each reservation goes back to the ceiling; the charge stays promised.
    const unused = rows.reduce((sum, r) => sum + (r.max - Math.min(r.charge, r.max)), 0);
    if (unused > 0) await env.DB.prepare("UPDATE batches SET reserved_micros = MAX(0, reserved_micros - ?) WHERE id = ?").bind(unused, batch.id).run();
    return new Map(rows.map((r) => [r.rowNo, Math.min(r.charge, r.max)]));
  }
  const out = await accountOf(env, batch.agent_id!).settleFromHold({
    holdId: batch.hold_id!,
    items: rows.map((r) => ({ key: rowKey(r.rowNo), charge: r.charge })),
    memo: `batch ${batch.id}`,
  });
  return new Map(rows.map((r, i) => [r.rowNo, out[i]!.captured]));
}

export interface EndedBilling {
  charged: Micros;
  billingStatus: "settled_virtual" | "settled" | "settle_failed";
  transaction: string | null;
}

/**
 * The batch ended with `spent` owed by its rows: what is still held returns to the balance, or the
 * upto permit is settled for `spent` (never above its ceiling). An unreachable facilitator throws,
 * to be retried; a refused settlement is a final answer.
 */
export async function endBilling(env: Env, batch: BatchRow, spent: Micros): Promise<EndedBilling> {
  if (batch.billing_mode === "virtual_balance") {
    await accountOf(env, batch.agent_id!).releaseHoldRest({ holdId: batch.hold_id!, memo: `batch ${batch.id}: ended, rest released` });
    return { charged: spent, billingStatus: "settled_virtual", transaction: null };
  }
  if (spent === 0) {
    // Never settled: the signed permit expires unused and the drawn budget returns.
    await abandonUpto(env, batch.x402_lock_key, batch.agent_id);
    return { charged: 0, billingStatus: "settled", transaction: null };
  }
  const settled = await settleUptoCharge(env, batch, Math.min(spent, batch.bill_up_to_micros));
  if (!settled.ok) return { charged: 0, billingStatus: "settle_failed", transaction: null };
  return { charged: settled.charged, billingStatus: "settled", transaction: settled.transaction };
}
