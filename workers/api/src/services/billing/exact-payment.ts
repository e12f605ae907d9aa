import type { Context } from "hono";
import { ApiError, type CatalogEntry, toUsd } from "@411data/core";
import {
  FacilitatorUnavailable,
  PaymentRejected,
  type PaymentRequirements,
  type ResourceInfo,
  settleExact,
  type SettledExact,
  verifyExact,
  type VerifiedExact,
} from "@411data/x402";
import type { AppEnv } from "../../context.ts";
import { accountOf } from "../accounts.ts";
import { afterPayment, afterResponse, executionOf } from "./after-payment.ts";
import { workerFacilitator } from "./facilitator.ts";
import { lockPayment, markPayment, releaseLock } from "./x402-locks.ts";

// The one sequence for an x402 `exact` payment, whatever it pays for (a paid call, a deposit, the
// recovery fee): verify and claim the (payer, nonce) → draw on the payer agent's committed budget
// → the caller's work → settle, or abandon without settling. Each step leaves the lock row and
// the draw in a state that says what happened to the money.

export interface AcceptedExact {
  verified: VerifiedExact;
  /** The agent whose committed budget (allowance_usd) this payment draws on; null for a stranger's wallet. */
  agentId: string | null;
  /** Nothing will be settled (no match, work failed, lost a race): the authorization expires unused. */
  abandon(): Promise<void>;
  /**
   * Settles on-chain. A refusal gives the draw back and marks the payment failed; an unknown outcome
   * (facilitator unreachable mid-settlement) leaves the lock and the draw for reconciliation, since
   * the transfer may still land.
   */
  settle(): Promise<SettledExact>;
}

export interface AcceptExactOptions {
  entry: CatalogEntry;
  header: string;
  accepts: PaymentRequirements[];
  resource: ResourceInfo;
  /** The agent the caller authenticated as; otherwise the agent that minted with the paying wallet. */
  agentId?: string | null;
  /** Runs after verification, before any draw: throw to refuse the payer (the lock is marked unsettled). */
  checkPayer?: (verified: VerifiedExact) => void | Promise<void>;
  /** What is being paid, for the allowance refusal: "payment", "deposit", "fee". */
  what?: string;
}

export async function acceptExact(c: Context<AppEnv>, opts: AcceptExactOptions): Promise<AcceptedExact> {
  const { env } = c;
  const facilitator = workerFacilitator(env, c.var.runtime);
  let locked: string | null = null;
  // Whose committed budget this draws on: named by the lock's own statement (see lockPayment).
  let lockedAgentId: string | null = null;
  let verified: VerifiedExact;
  try {
    verified = await verifyExact({
      header: opts.header,
      accepts: opts.accepts,
      resource: opts.resource,
      facilitator,
      minRemainingSeconds: 20,
      lock: async (candidate) => {
        ({ agentId: lockedAgentId } = await lockPayment(env.DB, candidate, opts.entry.path, c.get("requestId"), opts.agentId ?? null));
        locked = candidate.lockKey;
      },
    });
  } catch (err) {
    // Verification is read-only: when the facilitator could not be asked, the authorization never
    // moved a cent, so its nonce is freed for the caller's retry instead of being burnt.
    if (err instanceof FacilitatorUnavailable && locked) await releaseLock(env.DB, locked);
    throw err;
  }
  const lockKey = verified.lockKey;

  const mark = (status: "settled" | "unsettled" | "failed", agentId: string | null, txHash?: string) =>
    markPayment(env.DB, lockKey, status, { agentId, ...(txHash ? { txHash } : {}) });

  try {
    await opts.checkPayer?.(verified);
  } catch (err) {
    await mark("unsettled", opts.agentId ?? null);
    throw err;
  }

  const agentId = opts.agentId ?? lockedAgentId;
  if (agentId) {
    c.get("log").agentId ??= agentId;
    const drawn = await accountOf(env, agentId).draw({ ref: lockKey, amount: verified.amount });
    if (!drawn.ok) {
      await mark("unsettled", agentId);
      throw new ApiError("ALLOWANCE_EXCEEDED", `this ${opts.what ?? "payment"} would pass the wallet's committed budget (allowance_usd)`, {
        details: {
          drawn_usd: toUsd(drawn.drawn),
          allowance_usd: toUsd(drawn.allowance),
          amount_usd: toUsd(verified.amount),
          next_action: "re-mint with a larger allowance_usd, or pay from the virtual balance",
        },
      });
    }
  }
  const undraw = async () => {
    if (agentId) await accountOf(env, agentId).undraw({ ref: lockKey, kept: 0 });
  };
  const later = executionOf(c);

  return {
    verified,
    agentId,
    async abandon() {
      // Nothing moved: the bookkeeping may lag (the reconciler frees a lock left 'locked').
      await afterPayment(later, `x402 ${lockKey}: abandon`, async () => {
        await undraw();
        await mark("unsettled", agentId);
      });
    },
    async settle() {
      let settled: SettledExact;
      try {
        settled = await settleExact({ verified, facilitator, resource: opts.resource, accepts: opts.accepts });
      } catch (err) {
        if (err instanceof PaymentRejected) {
          await afterPayment(later, `x402 ${lockKey}: refused settlement`, async () => {
            await undraw();
            await mark("failed", agentId);
          });
        }
        throw err;
      }
      // The USDC moved: from here the record is bookkeeping, never a reason to fail the answer nor
      // to delay it. It is written after the response; if every retry fails, the lock stays
      // 'locked' and the reconciler reads the settlement back from the chain.
      await afterResponse(later, `x402 ${lockKey}: settled record`, () => mark("settled", agentId, settled.transaction));
      return settled;
    },
  };
}
