import type { Micros } from "@411data/core";
import { accountOf } from "../accounts.ts";
import { markPayment } from "../billing/x402-locks.ts";
import type { BillingStatus } from "./job.ts";
import type { JobRow } from "./store.ts";
import { undrawUnused } from "./upto.ts";
import { settleUptoCharge } from "./upto-settle.ts";

// Money after the work: take the actual cost from what submit reserved, and give back the rest.
// Virtual balance: capture on the ceiling's hold (the rest returns with it). x402 upto: settle the
// actual amount on-chain, or nothing at all.

export type TrueUp =
  | { ok: true; charged: Micros; billingStatus: BillingStatus; transaction: string | null }
  /** The payer's authorization could not be collected: a refusal, not a fault to retry. */
  | { ok: false; code: "PAYMENT_INVALID"; message: string; details: unknown };

export async function trueUp(env: Env, job: JobRow): Promise<TrueUp> {
  const charge = job.charge_micros ?? 0;
  if (job.billing_mode === "virtual_balance") {
    const charged = await captureHold(env, job, charge);
    return { ok: true, charged, billingStatus: "settled_virtual", transaction: null };
  }
  if (charge === 0) {
    // Never settled: the signed authorization expires unused.
    await releaseAuthorization(env, job);
    return { ok: true, charged: 0, billingStatus: "settled", transaction: null };
  }
  return settleUptoCharge(env, job, charge);
}

/**
 * Captures `charge` on the job's hold. A hold resolves once: if an earlier delivery already
 * captured it, that capture (this same charge) stands; if it expired, the job is not charged.
 */
async function captureHold(env: Env, job: JobRow, charge: Micros): Promise<Micros> {
  if (!job.agent_id || !job.hold_id) return 0;
  const resolved = await accountOf(env, job.agent_id).capture({
    holdId: job.hold_id,
    amount: charge,
    memo: `job ${job.id}: ${charge > 0 ? "matched" : "no match"}`,
  });
  if (resolved.ok) return resolved.captured;
  if (resolved.code === "HOLD_NOT_OPEN" && resolved.status === "captured") return charge;
  console.warn(`job ${job.id}: hold ${job.hold_id} could not be captured (${resolved.code})`);
  return 0;
}

/** A failed job gives everything back: the hold is released, the upto authorization never settled. */
export async function refund(env: Env, job: JobRow): Promise<void> {
  if (job.billing_mode === "virtual_balance") {
    if (!job.agent_id || !job.hold_id) return;
    // Not open any more means it already went back (expired or released): nothing to do.
    await accountOf(env, job.agent_id).release({ holdId: job.hold_id, memo: `job ${job.id}: failed, refunded` });
    return;
  }
  await releaseAuthorization(env, job);
}

/** An upto authorization that will never be settled: its lock says so, and the drawn budget returns. */
async function releaseAuthorization(env: Env, job: JobRow): Promise<void> {
  if (!job.x402_lock_key) return;
  await markPayment(env.DB, job.x402_lock_key, "unsettled", { agentId: job.agent_id });
  await undrawUnused(env, job.agent_id, job.x402_lock_key, 0);
}

/** Billing status of a job that ended failed with nothing taken. */
export const refundedStatus = (job: JobRow): BillingStatus =>
  job.billing_mode === "virtual_balance" ? "settled_virtual" : "settled";
