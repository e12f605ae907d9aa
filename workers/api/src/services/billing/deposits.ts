import type { Context } from "hono";
import { ApiError, catalogEntry, formatUsd, type Micros, toUsd } from "@411data/core";
import { buildAccepts, paymentRequiredError, resourceInfo } from "@411data/x402";
import { type Config, publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { accountOf } from "../accounts.ts";
import { afterPayment, executionOf } from "./after-payment.ts";
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

  const record: DepositRecord = {
    agentId,
    lockKey: payment.verified.lockKey,
    payer: payment.verified.payer,
    amount: settled.amount,
    transaction: settled.transaction.toLowerCase(),
    requestId,
  };
  let credited: { match: Micros; available: Micros } | undefined;
  // The USDC is ours from here: a failure to record or credit it is retried in the background and
  // closed by the reconciler (from the payment lock, which already names the agent), never a 500.
  const done = await afterPayment(executionOf(c), `deposit ${record.transaction}`, async () => {
    credited = await completeDeposit(c.env, record, matchPromo(config));
  });
  if (!done || !credited) {
    throw new ApiError("PAYMENT_RECORD_PENDING", "the deposit settled; its credit to the balance is being completed", {
      headers: settled.headers,
      details: {
        transaction: settled.transaction,
        amount_usd: toUsd(settled.amount),
        next_action: "read GET /api/v1/agents/balance in a minute; do not pay again, nothing more is charged",
      },
    });
  }
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

export interface DepositRecord {
  agentId: string;
  lockKey: string;
  payer: string;
  amount: Micros;
  /** Lowercase settlement transaction hash: the deposit's once-only key. */
  transaction: string;
  requestId: string;
}

/**
 * Records the deposit (the tx hash is the once-only key) with its match, then writes the ledger
 * credits, each at most once. The match is capped inside the INSERT, against the sum of the agent's
 * earlier matches, so two concurrent deposits cannot both take the remaining promo. Safe to run again
 * for the same transaction (the retry and the reconciler do): it finishes what an earlier run left.
 */
export async function completeDeposit(env: Env, input: DepositRecord, promo: MatchPromo): Promise<{ match: Micros; available: Micros }> {
  const proposed = depositMatch(input.amount, promo);
  await env.DB.prepare(
    `INSERT INTO deposits (tx_hash, agent_id, lock_key, payer, amount_micros, match_micros, request_id, created_at)
     SELECT ?1, ?2, ?3, ?4, ?5, MAX(0, MIN(?6, ?7 - COALESCE(SUM(match_micros), 0))), ?8, ?9
     FROM deposits WHERE agent_id = ?2
     ON CONFLICT (tx_hash) DO NOTHING`,
  )
    .bind(input.transaction, input.agentId, input.lockKey, input.payer.toLowerCase(), input.amount, proposed, promo.cap, input.requestId, new Date().toISOString())
    .run();
  const row = await env.DB.prepare("SELECT agent_id, amount_micros, match_micros, credited_at FROM deposits WHERE tx_hash = ?")
    .bind(input.transaction)
    .first<{ agent_id: string; amount_micros: number; match_micros: number; credited_at: string | null }>();
  if (!row) throw new Error(`deposit ${input.transaction}: row not readable after insert`);

  const stub = accountOf(env, row.agent_id);
  let result = await stub.credit({ amount: row.amount_micros, ref: input.transaction, memo: "x402 deposit", once: true });
  if (result.ok && row.match_micros > 0) {
    result = await stub.credit({ amount: row.match_micros, ref: input.transaction, memo: "deposit match promo", once: true });
  }
  if (!result.ok) throw new Error(`deposit ${input.transaction}: credit refused (${result.code})`);
  if (row.credited_at === null) {
    await env.DB.prepare("UPDATE deposits SET credited_at = ? WHERE tx_hash = ? AND credited_at IS NULL").bind(new Date().toISOString(), input.transaction).run();
  }
  return { match: row.match_micros, available: result.balance.available };
}
