import type { Context } from "hono";
import { ApiError, catalogEntry, formatUsd, type Micros, toUsd } from "@411data/core";
import { buildAccepts, paymentRequiredError, resourceInfo, type VerifiedExact } from "@411data/x402";
import { type Config, publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { accountOf } from "../accounts.ts";
import { acceptExact } from "./exact-payment.ts";
import { paymentConfig } from "./payment-config.ts";

// A deposit is an x402 `exact` payment of an amount the caller names, turned into ledger credit on
// the caller's agent. Unlike a paid call there is no work to gate: verify, settle, then credit.

export interface MatchPromo {
  enabled: boolean;
  /** Share of each deposit matched, in basis points (10000 = 100%). */
  bps: number;
  /** Most match one agent can receive over its lifetime. */
  cap: Micros;
}

export interface DepositAnswer {
  deposited_usd: number;
  match_usd: number;
  virtual_balance_usd: number;
  transaction: string;
}

export function matchPromo(config: Config): MatchPromo {
  return { enabled: config.DEPOSIT_MATCH_ENABLED, bps: config.DEPOSIT_MATCH_BPS, cap: config.DEPOSIT_MATCH_CAP_USD };
}

/**
 * The match one deposit earns given what the agent was already matched: `bps` of the amount,
 * rounded down (a promo never over-credits by a µUSD), never past the lifetime cap.
 */
export function depositMatch(amount: Micros, promo: MatchPromo, alreadyMatched: Micros = 0): Micros {
  if (!promo.enabled || promo.bps <= 0 || amount <= 0) return 0;
  // BigInt: a configured maximum deposit × 10000 bps can pass 2^53.
  const proposed = Number((BigInt(amount) * BigInt(promo.bps)) / 10_000n);
  return Math.max(0, Math.min(proposed, promo.cap - alreadyMatched));
}

/** Bounds are checked before any 402, so a bad amount is a free 400 and never a signed payment. */
export function assertDepositAmount(amount: Micros, config: Config): void {
  if (amount < config.DEPOSIT_MIN_USD || amount > config.DEPOSIT_MAX_USD) {
    throw new ApiError(
      "VALIDATION_FAILED",
      `amount_usd must be between ${formatUsd(config.DEPOSIT_MIN_USD)} and ${formatUsd(config.DEPOSIT_MAX_USD)}`,
      {
        details: {
          field: "amount_usd",
          min_usd: toUsd(config.DEPOSIT_MIN_USD),
          max_usd: toUsd(config.DEPOSIT_MAX_USD),
        },
      },
    );
  }
}

/** Runs a deposit for the authenticated agent (requireBearer ran): 402 without a payment, credit with one. */
export async function deposit(
  c: Context<AppEnv>,
  amount: Micros,
): Promise<{ body: DepositAnswer; headers: Record<string, string> }> {
  const config = c.get("config");
  const log = c.get("log");
  const { agentId } = c.get("principal");
  const requestId = c.get("requestId");
  assertDepositAmount(amount, config);

  const entry = catalogEntry("agents.deposits");
  const accepts = buildAccepts(entry, paymentConfig(config), { amount });
  const resource = resourceInfo(entry, publicOrigin(config).origin);
  log.priceMicros = amount;
  const header = c.req.header("payment-signature");
  if (!header) {
    throw paymentRequiredError("PAYMENT_REQUIRED", `pay ${formatUsd(amount)} USDC with x402 to deposit it`, {
      resource,
      accepts,
      details: {
        amount_usd: toUsd(amount),
        next_action: "sign the accepts[0] authorization and retry this same request with PAYMENT-SIGNATURE",
      },
    });
  }

  log.paymentMode = "x402_exact";
  log.chargedMicros = 0;
  // A deposit spends the wallet's USDC like any x402 call, so it counts against the signed budget.
  const payment = await acceptExact(c, { entry, header, accepts, resource, agentId, what: "deposit" });
  const settled = await payment.settle();
  log.chargedMicros = settled.amount;

  const credited = await creditDeposit(c.env, {
    agentId,
    verified: payment.verified,
    amount: settled.amount,
    transaction: settled.transaction.toLowerCase(),
    promo: matchPromo(config),
    requestId,
  });
  return {
    body: {
      deposited_usd: toUsd(settled.amount),
      match_usd: toUsd(credited.match),
      virtual_balance_usd: toUsd(credited.available),
      transaction: settled.transaction,
    },
    headers: settled.headers,
  };
}

/**
 * Records the deposit (the tx hash is the once-only key) with its match, then writes the ledger
 * credits. The match is capped inside the INSERT, against the sum of the agent's earlier matches,
 * so two concurrent deposits cannot both take the remaining promo.
 */
async function creditDeposit(
  env: Env,
  input: { agentId: string; verified: VerifiedExact; amount: Micros; transaction: string; promo: MatchPromo; requestId: string },
): Promise<{ match: Micros; available: Micros }> {
  const proposed = depositMatch(input.amount, input.promo);
  const row = await env.DB.prepare(
    `INSERT INTO deposits (tx_hash, agent_id, lock_key, payer, amount_micros, match_micros, request_id, created_at)
     SELECT ?1, ?2, ?3, ?4, ?5, MAX(0, MIN(?6, ?7 - COALESCE(SUM(match_micros), 0))), ?8, ?9
     FROM deposits WHERE agent_id = ?2
     ON CONFLICT (tx_hash) DO NOTHING
     RETURNING match_micros`,
  )
    .bind(
      input.transaction,
      input.agentId,
      input.verified.lockKey,
      input.verified.payer.toLowerCase(),
      input.amount,
      proposed,
      input.promo.cap,
      input.requestId,
      new Date().toISOString(),
    )
    .first<{ match_micros: number }>();
  if (!row) {
    throw new ApiError("CONFLICT", "this transaction was already deposited", { details: { transaction: input.transaction } });
  }

  const stub = accountOf(env, input.agentId);
  try {
    let result = await stub.credit({ amount: input.amount, ref: input.transaction, memo: "x402 deposit" });
    if (result.ok && row.match_micros > 0) {
      result = await stub.credit({ amount: row.match_micros, ref: input.transaction, memo: "deposit match promo" });
    }
    if (!result.ok) throw new Error(`credit refused: ${result.code}`);
    await env.DB.prepare("UPDATE deposits SET credited_at = ? WHERE tx_hash = ?")
      .bind(new Date().toISOString(), input.transaction)
      .run();
    return { match: row.match_micros, available: result.balance.available };
  } catch (cause) {
    // The USDC is ours; the row (credited_at NULL) is what support reconciles from.
    console.error(`deposit ${input.transaction} for ${input.agentId} settled but not credited`, cause);
    throw new ApiError("INTERNAL_ERROR", "the payment settled but the credit did not complete; quote the transaction to support", {
      cause,
      details: { transaction: input.transaction, next_action: "open a billing ticket (POST /api/v1/support/tickets) quoting the transaction" },
    });
  }
}
