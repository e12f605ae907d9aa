import type { Context } from "hono";
import { ApiError, catalogEntry, type Micros, toUsd } from "@411data/core";
import {
  buildAccepts,
  FacilitatorUnavailable,
  type PaymentRequirements,
  resourceInfo,
  verifyUpto,
  type VerifiedUpto,
} from "@411data/x402";
import { publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { accountOf } from "../accounts.ts";
import { workerFacilitator } from "../billing/facilitator.ts";
import { uptoPaymentConfig, uptoPaymentConfigs } from "../billing/payment-config.ts";
import { lockPayment, markPayment, releaseLock } from "../billing/x402-locks.ts";

// x402 `upto` for jobs: the 402 offers a Permit2 authorization of the ceiling; the retry is
// verified and its (payer, nonce) locked before the job exists; the actual cost is settled after
// the job (billing.ts), and a failed or unmatched job settles nothing.

const entry = catalogEntry("enrich.jobs");

/** The upto offer for this ceiling; empty when the facilitator advertises no upto signer. */
export async function uptoAccepts(c: Context<AppEnv>, ceiling: Micros): Promise<PaymentRequirements[]> {
  const config = await uptoPaymentConfig(c.env, c.get("config"), c.var.runtime);
  if (!config.uptoFacilitatorAddress) return [];
  return buildAccepts(entry, config, { ceiling });
}

export interface PaidJob {
  verified: VerifiedUpto;
  /** The agent whose wallet signed (or whose bearer came with it): the job's owner, its budget drawn. */
  agentId: string | null;
}

/**
 * Verifies an upto PAYMENT-SIGNATURE for this ceiling and claims it for one job. A wallet that
 * minted an agent spends within its committed budget: the ceiling is drawn now, the unused part
 * given back after the true-up.
 */
export async function acceptUptoPayment(
  c: Context<AppEnv>,
  header: string,
  ceiling: Micros,
  principalAgentId: string | null,
): Promise<PaidJob> {
  // Any signer the facilitator advertises, not only the one this isolate's 402 named.
  const accepts = (await uptoPaymentConfigs(c.env, c.get("config"), c.var.runtime)).flatMap((config) => buildAccepts(entry, config, { ceiling }));
  if (accepts.length === 0) {
    throw new ApiError("PAYMENT_INVALID", "x402 upto is not offered by this deployment; submit with an agent bearer instead");
  }
  const requestId = c.get("requestId");
  let locked: string | null = null;
  let lockedAgentId: string | null = null;
  let verified: VerifiedUpto;
  try {
    verified = await verifyUpto({
      header,
      accepts,
      resource: resourceInfo(entry, publicOrigin(c.get("config")).origin),
      facilitator: workerFacilitator(c.env, c.var.runtime),
      lock: async (candidate) => {
        ({ agentId: lockedAgentId } = await lockPayment(
          c.env.DB,
          { lockKey: candidate.lockKey, payer: candidate.payer, amount: candidate.max },
          entry.path,
          requestId,
          principalAgentId,
        ));
        locked = candidate.lockKey;
      },
    });
  } catch (err) {
    // Verification moves nothing: a facilitator that could not be asked must not burn the permit.
    if (err instanceof FacilitatorUnavailable && locked) await releaseLock(c.env.DB, locked);
    throw err;
  }
  // The lock's statement named the paying wallet's agent (see lockPayment): no second trip.
  const agentId = principalAgentId ?? lockedAgentId;
  if (agentId) {
    const drawn = await accountOf(c.env, agentId).draw({ ref: verified.lockKey, amount: verified.max });
    if (!drawn.ok) {
      await markPayment(c.env.DB, verified.lockKey, "unsettled", { agentId });
      throw new ApiError("ALLOWANCE_EXCEEDED", "this payment would pass the wallet's committed budget (allowance_usd)", {
        details: { drawn_usd: toUsd(drawn.drawn), allowance_usd: toUsd(drawn.allowance), bill_up_to_usd: toUsd(verified.max) },
      });
    }
  }
  return { verified, agentId };
}

/** Gives back the part of a drawn ceiling the job did not take; a repeat gives nothing more. */
export async function undrawUnused(env: Env, agentId: string | null, lockKey: string, charged: Micros): Promise<void> {
  if (agentId) await accountOf(env, agentId).undraw({ ref: lockKey, kept: charged });
}

/** What a job (or CSV batch) keeps of a verified upto payment, to settle it once the work ends. */
/** The billing columns of a job or batch paid from the balance: its hold, no x402 payment. */
export function heldColumns(principal: { agentId: string; keyId: string | null }, holdId: string) {
  return {
    agent_id: principal.agentId,
    key_id: principal.keyId,
    billing_mode: "virtual_balance" as const,
    hold_id: holdId,
    x402_lock_key: null,
    x402_payer: null,
    x402_payload: null,
    x402_requirement: null,
  };
}

/** The billing columns of a job or batch paid with an x402 `upto` permit (no hold). */
export function uptoColumns(verified: VerifiedUpto, agentId: string | null, keyId: string | null) {
  return {
    agent_id: agentId,
    key_id: keyId,
    billing_mode: "x402_upto" as const,
    hold_id: null,
    x402_lock_key: verified.lockKey,
    x402_payer: verified.payer.toLowerCase(),
    x402_payload: JSON.stringify(verified.payload),
    x402_requirement: JSON.stringify(verified.requirement),
  };
}

/** An upto payment that will never be settled: its lock says so, and the drawn ceiling returns. */
export async function abandonUpto(env: Env, lockKey: string | null, agentId: string | null): Promise<void> {
  if (!lockKey) return;
  await markPayment(env.DB, lockKey, "unsettled", { agentId });
  await undrawUnused(env, agentId, lockKey, 0);
}
