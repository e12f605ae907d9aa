import type { Micros } from "@411data/core";
import { PaymentRejected, type PaymentPayload, type PaymentRequirements, settleUpto } from "@411data/x402";
import { workerFacilitator } from "../billing/facilitator.ts";
import { markPayment } from "../billing/x402-locks.ts";
import type { TrueUp } from "./billing.ts";
import type { JobRow } from "./store.ts";
import { undrawUnused } from "./upto.ts";

/**
 * Settles a job's actual cost against its stored permit, through the Settler object (the one
 * sender of facilitator transactions). A refused transfer is a final answer; an unreachable or
 * unconfirmed one throws so the message is retried.
 */
export async function settleUptoCharge(env: Env, job: JobRow, charge: Micros): Promise<TrueUp> {
  const requirement = JSON.parse(job.x402_requirement!) as PaymentRequirements;
  try {
    const settled = await settleUpto({
      payload: JSON.parse(job.x402_payload!) as PaymentPayload,
      requirement,
      amount: charge,
      facilitator: workerFacilitator(env),
    });
    await markPayment(env.DB, job.x402_lock_key!, "settled", {
      ...(settled.transaction ? { txHash: settled.transaction } : {}),
      agentId: job.agent_id,
    });
    await undrawUnused(env, job.agent_id, Number(requirement.amount), settled.amount);
    return { ok: true, charged: settled.amount, billingStatus: "settled", transaction: settled.transaction };
  } catch (err) {
    if (!(err instanceof PaymentRejected)) throw err;
    await undrawUnused(env, job.agent_id, Number(requirement.amount), 0);
    return { ok: false, code: "PAYMENT_INVALID", message: err.message, details: err.details };
  }
}
