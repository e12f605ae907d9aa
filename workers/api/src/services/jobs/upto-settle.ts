import type { Micros } from "@411data/core";
import { FacilitatorUnavailable, PaymentRejected, type PaymentPayload, type PaymentRequirements, settleUpto } from "@411data/x402";
import { PERMIT2_ADDRESS } from "@x402/evm";
import { getAddress, type Hex, parseAbi } from "viem";
import { runtime } from "../../../../../durable-objects/runtime.ts";
import { loadConfig } from "../../config.ts";
import { workerFacilitator } from "../billing/facilitator.ts";
import { clearPendingSettlement, markPayment, notePendingSettlement, pendingSettlement } from "../billing/x402-locks.ts";
import { chainClient } from "../chain.ts";
import type { TrueUp } from "./billing.ts";
import type { JobRow } from "./store.ts";
import { undrawUnused } from "./upto.ts";

/** What became of a settlement transaction sent earlier. */
async function settlementOutcome(env: Env, hash: Hex): Promise<"success" | "reverted" | "unknown"> {
  try {
    const receipt = await chainClient(loadConfig(env)).getTransactionReceipt({ hash });
    return receipt.status === "success" ? "success" : "reverted";
  } catch {
    // Not mined yet, or the chain could not be asked: either way, look again on the next delivery.
    return "unknown";
  }
}

const permit2NonceAbi = parseAbi(["function nonceBitmap(address owner, uint256 wordPos) view returns (uint256)"]);

/** Whether Permit2 has already consumed this permit's nonce; false when the chain cannot say. */
async function permitSpent(env: Env, payload: PaymentPayload): Promise<boolean> {
  const auth = (payload.payload as { permit2Authorization?: { from?: string; nonce?: string } }).permit2Authorization;
  if (!auth?.from || !auth.nonce) return false;
  try {
    const nonce = BigInt(auth.nonce);
    const bits = await chainClient(loadConfig(env)).readContract({
      address: PERMIT2_ADDRESS,
      abi: permit2NonceAbi,
      functionName: "nonceBitmap",
      args: [getAddress(auth.from), nonce >> 8n],
    });
    return (bits & (1n << (nonce & 255n))) !== 0n;
  } catch {
    return false;
  }
}

/**
 * Settles a job's (or a CSV batch's) actual cost against its stored permit, through the Settler object (the one
 * sender of facilitator transactions). A refused transfer is a final answer; an unreachable or
 * unconfirmed one throws so the message is retried.
 */
export async function settleUptoCharge(
  env: Env,
  job: Pick<JobRow, "agent_id" | "x402_lock_key" | "x402_payload" | "x402_requirement">,
  charge: Micros,
): Promise<TrueUp> {
  const requirement = JSON.parse(job.x402_requirement!) as PaymentRequirements;
  const lockKey = job.x402_lock_key!;
  // An earlier delivery sent this settlement and lost track of it: find it on the chain rather than
  // send the permit again (a second send is refused as a used nonce, and the job would read unpaid).
  const pending = await pendingSettlement(env.DB, lockKey);
  if (pending) {
    const landed = await settlementOutcome(env, pending as Hex);
    if (landed === "success") {
      await markPayment(env.DB, lockKey, "settled", { txHash: pending, agentId: job.agent_id });
      await undrawUnused(env, job.agent_id, lockKey, charge);
      return { ok: true, charged: charge, billingStatus: "settled", transaction: pending };
    }
    if (landed === "unknown") {
      throw new FacilitatorUnavailable("settle", `settlement ${pending} is not confirmed yet`, { transaction: pending });
    }
    await clearPendingSettlement(env.DB, lockKey);
  } else if (charge > 0 && (await permitSpent(env, JSON.parse(job.x402_payload!) as PaymentPayload))) {
    // Spent, with no hash on record: only our facilitator can spend this permit, and only for this
    // job's charge, so an earlier delivery settled it before it could note the transaction.
    await markPayment(env.DB, lockKey, "settled", { agentId: job.agent_id });
    await undrawUnused(env, job.agent_id, lockKey, charge);
    return { ok: true, charged: charge, billingStatus: "settled", transaction: null };
  }
  try {
    const settled = await settleUpto({
      payload: JSON.parse(job.x402_payload!) as PaymentPayload,
      requirement,
      amount: charge,
      // A true-up runs on the queue, with no request: the facilitator comes from the runtime module.
      facilitator: workerFacilitator(env, runtime()),
    });
    await markPayment(env.DB, job.x402_lock_key!, "settled", {
      ...(settled.transaction ? { txHash: settled.transaction } : {}),
      agentId: job.agent_id,
    });
    await undrawUnused(env, job.agent_id, lockKey, settled.amount);
    return { ok: true, charged: settled.amount, billingStatus: "settled", transaction: settled.transaction };
  } catch (err) {
    if (err instanceof FacilitatorUnavailable) {
      const sent = (err.details as { transaction?: unknown } | null)?.transaction;
      if (typeof sent === "string" && /^0x[0-9a-fA-F]{64}$/.test(sent)) await notePendingSettlement(env.DB, lockKey, sent);
    }
    if (!(err instanceof PaymentRejected)) throw err;
    await undrawUnused(env, job.agent_id, lockKey, 0);
    return { ok: false, code: "PAYMENT_INVALID", message: err.message, details: err.details };
  }
}
