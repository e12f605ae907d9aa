import type { Context } from "hono";
import {
  ApiError,
  type CatalogEntry,
  type CatalogId,
  catalogEntry,
  type Micros,
  parseToken,
  sha256Hex,
  toUsd,
} from "@411data/core";
import {
  buildAccepts,
  paymentRequiredError,
  resourceInfo,
  type PaymentRequirements,
  type SettledExact,
} from "@411data/x402";
import type { AgentAccount, PaidHoldResult, Principal } from "../../../../../durable-objects/agent-account/index.ts";
import { publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { bearerOf } from "../../middleware/auth.ts";
import { accountOf } from "../accounts.ts";
import { emitEnrichCompletedLater } from "../callbacks/events.ts";
import { afterResponse, executionOf } from "./after-payment.ts";
import { acceptExact } from "./exact-payment.ts";
import { isMppAuthorization, mppPaymentSignature, mppReceiptHeaders } from "./mpp-payment.ts";
import { paymentConfig } from "./payment-config.ts";

// The one way a paid route runs. Handlers describe the work; this decides who pays and how much:
// authenticate → price → hold (or verify an x402 payment) → run → capture on match, release on
// no-match or error → a `billing` block in the answer and the charge in the request log.

export interface PaidWork<T> {
  matched: boolean;
  body: T;
  /** Actual charge on a match for metered routes (≤ the hold); the catalog price otherwise. */
  charge?: Micros;
  cogs?: Micros;
  vendorHops?: string[];
}

export interface WorkContext {
  principal: Principal | null;
  mode: "virtual_balance" | "x402_exact";
  /** The wallet that signed the payment (x402), lowercase; null on the balance. */
  payer: string | null;
}

export interface PaidCallOptions {
  routeId: CatalogId;
  /** What to reserve: the caller's ceiling on metered routes; the price otherwise. */
  hold?: Micros;
}

export interface BillingBlock {
  price_usd: number;
  charged_usd: number;
  refunded_usd: number;
  balance_after_usd: number | null;
  mode: "virtual_balance" | "x402_exact";
  matched: boolean;
  x402_transaction: string | null;
}

/** What a paid route answers: its own body plus the billing block, and headers (PAYMENT-RESPONSE). */
export interface PaidAnswer<T> {
  body: T & { billing: BillingBlock };
  headers: Record<string, string>;
}

export async function paidCall<T extends object>(
  c: Context<AppEnv>,
  opts: PaidCallOptions,
  work: (ctx: WorkContext) => Promise<PaidWork<T>>,
): Promise<PaidAnswer<T>> {
  const entry = catalogEntry(opts.routeId);
  const config = c.get("config");
  const log = c.get("log");
  const holdAmount = opts.hold ?? entry.price;
  log.priceMicros = entry.price;
  const authorized = await authorizeHold(c, {
    routeId: opts.routeId,
    amount: holdAmount,
    ttlSec: config.HOLD_TTL_SEC,
    ref: c.get("requestId"),
    accepts: () => buildAccepts(entry, paymentConfig(config)),
    quote: { price_usd: toUsd(entry.price) },
  });
  if (authorized.kind === "x402") return payWithX402(c, opts.routeId, authorized.header, authorized.principal, work);
  const { principal, hold, account: stub } = authorized;
  log.paymentMode = "virtual_balance";

  let outcome: PaidWork<T>;
  try {
    outcome = await work({ principal, mode: "virtual_balance", payer: null });
  } catch (err) {
    await stub.release({ holdId: hold.holdId, memo: "work failed" });
    log.chargedMicros = 0;
    throw err;
  }
  const charge = outcome.matched ? Math.min(outcome.charge ?? entry.price, hold.amount) : 0;
  // The answer does not wait for the capture to be confirmed. The capture is sent before the answer
  // leaves, so the agent's next call reaches its object after it; a hold resolves once, so the
  // background retry of a capture the object did not answer cannot charge twice; and a hold left
  // unresolved expires back to the balance: the caller is never charged more than this answer says.
  await afterResponse(executionOf(c), `request ${c.get("requestId")}: capture ${hold.holdId}`, async () => {
    const resolved = await stub.capture({ holdId: hold.holdId, amount: charge, memo: outcome.matched ? "matched" : "no match" });
    // Only a hold expired under a very slow call: the work is then not charged rather than charged twice.
    if (!resolved.ok) console.warn(`request ${c.get("requestId")}: hold ${hold.holdId} could not be resolved (${resolved.code})`);
  });
  log.chargedMicros = charge;
  if (outcome.cogs !== undefined) log.cogsMicros = outcome.cogs;
  if (outcome.vendorHops) log.vendorHops = outcome.vendorHops;
  const billing: BillingBlock = {
    price_usd: toUsd(entry.price),
    charged_usd: toUsd(charge),
    refunded_usd: toUsd(hold.amount - charge),
    // What the hold left available, plus what the capture gives back.
    balance_after_usd: toUsd(hold.balance.available + hold.amount - charge),
    mode: "virtual_balance",
    matched: outcome.matched,
    x402_transaction: null,
  };
  // Whether anyone listens came back with the hold: no D1 read on a paid call unless someone does.
  if (outcome.matched && charge > 0 && authorized.subscribed.includes("enrich.completed")) {
    emitEnrichCompletedLater(c.executionCtx, c.env, { agentId: principal.agentId, requestId: c.get("requestId"), routeId: opts.routeId, result: { ...outcome.body, billing } });
  }
  return { body: { ...outcome.body, billing }, headers: {} };
}

export interface HoldOptions {
  routeId: CatalogId;
  amount: Micros;
  /** How long the hold lives if nobody resolves it; then it expires back to the balance. */
  ttlSec: number;
  /** Ledger reference of the hold (the request id, or the job it pays for). */
  ref: string;
  /** The x402 offer a 402 carries when there is no bearer or the balance is short (built only then). */
  accepts: () => PaymentRequirements[] | Promise<PaymentRequirements[]>;
  /** What the 402 quotes in its details (price_usd, bill_up_to_usd, …). */
  quote: Record<string, unknown>;
}

export type Authorized =
  | {
      kind: "held";
      principal: Principal;
      hold: Extract<PaidHoldResult, { ok: true }>["hold"];
      account: DurableObjectStub<AgentAccount>;
      /** Callback event types the agent has subscriptions for. */
      subscribed: string[];
    }
  /** Pay with the x402 PAYMENT-SIGNATURE instead: no bearer, or one whose balance (or key cap) is short. */
  | { kind: "x402"; header: string; principal: Principal | null };

/**
 * Who pays, without running anything: authenticates the bearer (agent or usage key), takes the
 * agent's quota and places the hold in one AgentAccount call. Without a bearer, or when the balance
 * is short, a PAYMENT-SIGNATURE means "pay with x402"; without one the answer is the 402.
 */
export async function authorizeHold(c: Context<AppEnv>, opts: HoldOptions): Promise<Authorized> {
  const entry = catalogEntry(opts.routeId);
  const config = c.get("config");
  const log = c.get("log");
  const authorization = c.req.header("authorization");
  const token = isMppAuthorization(authorization) ? null : bearerOf(authorization);
  // An MPP credential pays through the same x402 path, as the PAYMENT-SIGNATURE it is equivalent to.
  const payment = c.req.header("payment-signature") ?? mppPaymentSignature(c, entry);
  const resource = () => resourceInfo(entry, publicOrigin(config).origin);

  if (!token) {
    if (payment) return { kind: "x402", header: payment, principal: null };
    throw paymentRequiredError("AGENT_TOKEN_REQUIRED", "this route is paid: send an agent bearer, or pay this call with x402", {
      resource: resource(),
      accepts: await opts.accepts(),
      details: {
        ...opts.quote,
        next_action: "mint an agent (POST /api/v1/agents/wallet-nonce, then /wallet-register) or retry with PAYMENT-SIGNATURE",
      },
    });
  }

  const parsed = parseToken(token);
  if (!parsed || parsed.kind === "jobPoll") throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
  const stub = accountOf(c.env, parsed.ownerId);
  const held = await stub.authorizeAndHold({
    tokenHash: await sha256Hex(token),
    kind: parsed.kind === "agent" ? "agent" : "usage_key",
    routeId: opts.routeId,
    amount: opts.amount,
    ttlSec: opts.ttlSec,
    ref: opts.ref,
    quota: { limit: config.AGENT_QUOTA_PER_MIN, windowSec: 60 },
  });

  if (!held.ok) {
    if (!("principal" in held)) {
      throw new ApiError(held.code, held.code === "KEY_SCOPE_DENIED" ? "this usage key is not scoped for this route" : "the bearer is not valid");
    }
    log.agentId = held.principal.agentId;
    if (held.principal.keyId) log.keyId = held.principal.keyId;
    switch (held.code) {
      case "QUOTA_EXCEEDED":
        throw new ApiError("QUOTA_EXCEEDED", "this agent's request quota is used up for now", {
          headers: { "Retry-After": String(held.retryAfterSec), RateLimit: `"agent";r=0;t=${held.retryAfterSec}` },
          details: { retry_after_sec: held.retryAfterSec, next_action: "wait Retry-After seconds, then retry" },
        });
      case "INSUFFICIENT_BALANCE":
      case "KEY_CAP_EXCEEDED": {
        const short = held.code === "INSUFFICIENT_BALANCE";
        if (entry.balanceOnly) {
          // Nothing to pay per call with x402 here: the balance (or the key's cap) is the only way.
          throw new ApiError(held.code, short ? "the virtual balance cannot cover this call" : "this usage key's spend cap cannot cover this call", {
            details: {
              needed_usd: toUsd(held.needed),
              available_usd: toUsd(held.balance.available),
              next_action: short ? "top up with POST /api/v1/agents/deposits (or at /connect)" : "use a usage key with a higher cap",
            },
          });
        }
        if (payment) return { kind: "x402", header: payment, principal: held.principal };
        throw paymentRequiredError(short ? "INSUFFICIENT_BALANCE" : "KEY_CAP_EXCEEDED", short
          ? "the virtual balance cannot cover this call"
          : "this usage key's spend cap cannot cover this call", {
          resource: resource(),
          accepts: await opts.accepts(),
          details: {
            needed_usd: toUsd(held.needed),
            available_usd: toUsd(held.balance.available),
            ...("capLeft" in held ? { key_cap_left_usd: toUsd(held.capLeft) } : {}),
            next_action: short
              ? "top up with POST /api/v1/agents/deposits, or retry this call with PAYMENT-SIGNATURE"
              : "raise the cap with a new usage key, or retry with PAYMENT-SIGNATURE",
          },
        });
      }
      case "INVALID_AMOUNT":
        throw new ApiError("INTERNAL_ERROR", "internal error; quote the request id when reporting it");
    }
  }

  c.set("principal", held.principal);
  log.agentId = held.principal.agentId;
  if (held.principal.keyId) log.keyId = held.principal.keyId;
  return { kind: "held", principal: held.principal, hold: held.hold, account: stub, subscribed: held.subscribed };
}

/** Pays one call with an `exact` x402 authorization: verified before the work, settled on match only. */
async function payWithX402<T extends object>(
  c: Context<AppEnv>,
  routeId: CatalogId,
  header: string,
  principal: Principal | null,
  work: (ctx: WorkContext) => Promise<PaidWork<T>>,
): Promise<PaidAnswer<T>> {
  const entry = catalogEntry(routeId);
  const config = c.get("config");
  const log = c.get("log");
  log.paymentMode = "x402_exact";
  const payment = await acceptExact(c, {
    entry,
    header,
    accepts: buildAccepts(entry, paymentConfig(config)),
    resource: resourceInfo(entry, publicOrigin(config).origin),
    agentId: principal?.agentId ?? null,
  });

  let outcome: PaidWork<T>;
  try {
    outcome = await work({ principal, mode: "x402_exact", payer: payment.verified.payer.toLowerCase() });
  } catch (err) {
    await payment.abandon();
    log.chargedMicros = 0;
    throw err;
  }
  if (outcome.cogs !== undefined) log.cogsMicros = outcome.cogs;
  if (outcome.vendorHops) log.vendorHops = outcome.vendorHops;

  if (!outcome.matched) {
    // Never settled: the signed authorization simply expires unused.
    await payment.abandon();
    log.chargedMicros = 0;
    return { body: { ...outcome.body, billing: x402Billing(entry, null) }, headers: {} };
  }
  // Unpaid work is never served as paid: a failed settlement reaches the caller, not the result.
  const settled = await payment.settle();
  log.chargedMicros = settled.amount;
  const billing = x402Billing(entry, settled);
  emitEnrichCompletedLater(c.executionCtx, c.env, { agentId: payment.agentId, requestId: c.get("requestId"), routeId, result: { ...outcome.body, billing } });
  return { body: { ...outcome.body, billing }, headers: { ...settled.headers, ...mppReceiptHeaders(c, settled) } };
}

function x402Billing(entry: CatalogEntry, settled: SettledExact | null): BillingBlock {
  return {
    price_usd: toUsd(entry.price),
    charged_usd: settled ? toUsd(settled.amount) : 0,
    refunded_usd: 0,
    balance_after_usd: null,
    mode: "x402_exact",
    matched: settled !== null,
    x402_transaction: settled?.transaction ?? null,
  };
}
