import { assertMicros, type Micros } from "@411data/core";
import type { PaymentPayload, PaymentRequirements, ResourceInfo, SettleResponse } from "@x402/core/types";
import { PERMIT2_ADDRESS, x402UptoPermit2ProxyAddress } from "@x402/evm";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { decodePaymentSignature, encodePaymentResponse, matchRequirement, X402_HEADERS } from "./envelope.ts";
import { verifyCandidate } from "./verify.ts";
import { CLOCK_SKEW_SECONDS, MIN_REMAINING_SECONDS } from "./exact.ts";
import { FacilitatorUnavailable, PaymentRejected, REASON, X402PayloadError } from "./errors.ts";
import type { Facilitator } from "./facilitator.ts";

// `upto` on EVM = a Permit2 PermitWitnessTransferFrom signed for a ceiling, spendable only by the
// x402 upto proxy, only to our payTo and only by the facilitator the witness names. An async job
// verifies it before the work and settles the actual amount (≤ the ceiling) after it, from a queue
// consumer minutes later, so everything verifyUpto returns is plain JSON that can sit in D1.

/**
 * A permit with less than this left is refused at submit time. Half of the 1200 s a job's 402 offers:
 * a fresh signature always clears it, and the job keeps at least ten minutes to run and settle.
 */
export const UPTO_MIN_REMAINING_SECONDS = 600;
/** Start settling at least this long before the deadline: the facilitator refuses inside the last seconds. */
export const UPTO_SETTLE_MARGIN_SECONDS = 60;

const AddressString = z.string().refine((v) => isAddress(v, { strict: false }), "not an EVM address");
const Uint = z.string().regex(/^\d{1,78}$/, "not a decimal uint256");

const Permit2PayloadSchema = z.object({
  signature: z.string().regex(/^0x(?:[0-9a-fA-F]{2})+$/, "not hex"),
  permit2Authorization: z.object({
    from: AddressString,
    permitted: z.object({ token: AddressString, amount: Uint }),
    spender: AddressString,
    nonce: Uint,
    deadline: Uint,
    witness: z.object({ to: AddressString, facilitator: AddressString, validAfter: Uint }),
  }),
});

export type Permit2Authorization = z.infer<typeof Permit2PayloadSchema>["permit2Authorization"];

/** A verified upto payment: everything the job stores to settle later (JSON-safe, no bigints). */
export interface VerifiedUpto {
  /** Checksummed permit owner. */
  payer: Address;
  /** The signed ceiling in µUSD (= USDC atomic units); the settlement may be anything up to it. */
  max: Micros;
  /** Permit2 nonce as a decimal string; single-use per payer on Permit2. */
  nonce: string;
  /** Unix seconds; Permit2 refuses the permit after it. */
  deadline: number;
  /** Unix seconds: the latest time to start settleUpto ({@link UPTO_SETTLE_MARGIN_SECONDS} before the deadline). */
  settleBy: number;
  /** The facilitator the witness names: only it can settle. */
  facilitatorAddress: Address;
  /** `${payer}:${nonce}` in lower case: one key per permit, for a lock until `deadline`. */
  lockKey: string;
  /** Store these two as JSON; settleUpto needs exactly them. */
  payload: PaymentPayload;
  requirement: PaymentRequirements;
}

export interface VerifyUptoOptions {
  /** The PAYMENT-SIGNATURE request header. */
  header: string;
  /** `accepts[]` rebuilt for this request (the same ceiling), exactly as the 402 carried it. */
  accepts: readonly PaymentRequirements[];
  /** Goes into the fresh 402 of a refusal. */
  resource: ResourceInfo;
  facilitator: Facilitator;
  /** Claim `lockKey` while the facilitator verifies; throw (e.g. PaymentRejected) to refuse, whatever it says. */
  lock?: (candidate: VerifiedUpto) => Promise<void>;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
  /** Seconds the permit must still be valid for; defaults to {@link UPTO_MIN_REMAINING_SECONDS}. */
  minRemainingSeconds?: number;
}

/**
 * Decode → match → local checks (scheme, spender, payee, token, amount = ceiling, facilitator, time
 * window) → lock beside facilitator verify (signature, Permit2 allowance, balance, a simulated settlement
 * of the full ceiling). Refusals are PaymentRejected carrying a fresh PAYMENT-REQUIRED; an
 * unreachable facilitator is FacilitatorUnavailable (502).
 */
export function verifyUpto(options: VerifyUptoOptions): Promise<VerifiedUpto> {
  return verifyCandidate(() => checkUpto(options), { ...options, hint });
}

/** The local half of verifyUpto, with no I/O: throws X402PayloadError with the x402 reason. */
export function checkUpto(options: Pick<VerifyUptoOptions, "header" | "accepts" | "now" | "minRemainingSeconds">): VerifiedUpto {
  const payload = decodePaymentSignature(options.header);
  const requirement = matchRequirement(payload, options.accepts);
  if (requirement.scheme !== "upto") {
    throw new X402PayloadError(REASON.unsupportedScheme, `scheme ${requirement.scheme} is not settled through upto`);
  }
  const auth = parsePermit2(payload);
  // The signature covers the permit, not `accepted`: compare what was signed.
  if (getAddress(auth.spender) !== getAddress(x402UptoPermit2ProxyAddress)) {
    throw new X402PayloadError(REASON.uptoSpender, `permit spender is ${auth.spender}, not the x402 upto proxy`);
  }
  if (getAddress(auth.witness.to) !== getAddress(requirement.payTo)) {
    throw new X402PayloadError(REASON.uptoRecipientMismatch, `permit pays ${auth.witness.to}, not ${requirement.payTo}`);
  }
  if (getAddress(auth.permitted.token) !== getAddress(requirement.asset)) {
    throw new X402PayloadError(REASON.uptoTokenMismatch, `permit is for token ${auth.permitted.token}, not ${requirement.asset}`);
  }
  if (BigInt(auth.permitted.amount) !== BigInt(requirement.amount)) {
    throw new X402PayloadError(
      REASON.uptoAmountMismatch,
      `permit allows up to ${auth.permitted.amount} atomic units; this job's ceiling is ${requirement.amount}`,
    );
  }
  const offered = requirement.extra?.["facilitatorAddress"];
  if (typeof offered !== "string" || getAddress(auth.witness.facilitator) !== getAddress(offered)) {
    throw new X402PayloadError(
      REASON.uptoFacilitatorMismatch,
      `permit names facilitator ${auth.witness.facilitator}, not ${String(offered)}`,
    );
  }
  const now = Math.floor(options.now?.() ?? Date.now() / 1000);
  const deadline = BigInt(auth.deadline);
  const minRemaining = Math.max(options.minRemainingSeconds ?? UPTO_MIN_REMAINING_SECONDS, MIN_REMAINING_SECONDS);
  if (deadline < BigInt(now + minRemaining)) {
    throw new X402PayloadError(
      REASON.uptoDeadline,
      `permit expired or expires within ${minRemaining}s (deadline ${auth.deadline}); a job needs the time to run and settle`,
    );
  }
  // Bounded so the lock on (payer, nonce) and the stored permit have a known end.
  if (deadline > BigInt(now + requirement.maxTimeoutSeconds + CLOCK_SKEW_SECONDS)) {
    throw new X402PayloadError(
      REASON.uptoDeadlineTooLate,
      `permit is valid until ${auth.deadline}, beyond maxTimeoutSeconds (${requirement.maxTimeoutSeconds}s)`,
    );
  }
  if (BigInt(auth.witness.validAfter) > BigInt(now + CLOCK_SKEW_SECONDS)) {
    throw new X402PayloadError(REASON.uptoNotYetValid, `permit is not valid before ${auth.witness.validAfter}`);
  }
  const payer = getAddress(auth.from);
  const nonce = BigInt(auth.nonce).toString();
  return {
    payer,
    max: Number(requirement.amount),
    nonce,
    deadline: Number(deadline),
    settleBy: Number(deadline) - UPTO_SETTLE_MARGIN_SECONDS,
    facilitatorAddress: getAddress(auth.witness.facilitator),
    lockKey: `${payer.toLowerCase()}:${nonce}`,
    payload,
    requirement,
  };
}

export interface SettledUpto {
  /** µUSD actually transferred. */
  amount: Micros;
  /** Transaction hash; null when nothing was owed ($0 sends no transaction). */
  transaction: Hex | null;
  payer: Address;
  network: string;
  settle: SettleResponse;
  /** PAYMENT-RESPONSE for whoever asks about the job afterwards. */
  headers: { [X402_HEADERS.paymentResponse]: string };
}

/**
 * Settles the actual cost of a job against its verified permit. `amount` 0 sends nothing (and asks
 * no facilitator); above the signed ceiling, or after the deadline, it is refused before any call.
 * The facilitator gets the stored requirement with `amount` set to the actual (x402 upto: the
 * amount is phase-dependent). A refused transfer is a PaymentRejected carrying PAYMENT-RESPONSE;
 * a transfer whose outcome is unknown (facilitator unreachable, receipt pending) is
 * FacilitatorUnavailable with `details.indeterminate` — check the chain before trying again.
 */
export async function settleUpto(options: {
  payload: PaymentPayload;
  requirement: PaymentRequirements;
  amount: Micros;
  facilitator: Facilitator;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
}): Promise<SettledUpto> {
  const { payload, requirement, amount } = options;
  assertMicros(amount);
  if (amount < 0) throw new RangeError(`settlement amount must not be negative, got ${amount}`);
  if (requirement.scheme !== "upto") throw new RangeError(`requirement scheme ${requirement.scheme} is not upto`);
  const auth = parsePermit2OrReject(payload);
  const payer = getAddress(auth.from);
  const max = BigInt(requirement.amount) < BigInt(auth.permitted.amount) ? BigInt(requirement.amount) : BigInt(auth.permitted.amount);

  if (BigInt(amount) > max) {
    throw refused(REASON.uptoSettlementExceedsAmount, `cannot settle ${amount}: the permit allows at most ${max}`);
  }
  if (amount === 0) {
    const settle: SettleResponse = { success: true, transaction: "", network: requirement.network, payer, amount: "0" };
    return { amount: 0, transaction: null, payer, network: requirement.network, settle, headers: responseHeaders(settle) };
  }
  const now = Math.floor(options.now?.() ?? Date.now() / 1000);
  if (BigInt(auth.deadline) < BigInt(now + MIN_REMAINING_SECONDS)) {
    throw refused(REASON.uptoDeadline, `the permit expired at ${auth.deadline}; it can no longer be settled`);
  }

  const settle = await options.facilitator.settle(payload, { ...requirement, amount: String(amount) });
  if (!settle.success && settle.errorReason === REASON.settlementPending) {
    throw new FacilitatorUnavailable("settle", `settlement ${settle.transaction || "(no hash)"} was sent but is not confirmed yet`, {
      ...(settle.transaction ? { transaction: settle.transaction } : {}),
    });
  }
  if (!settle.success || !/^0x[0-9a-fA-F]{64}$/.test(settle.transaction)) {
    const reason = settle.errorReason ?? REASON.unexpectedSettle;
    throw new PaymentRejected(reason, `settlement failed: ${reason}${settle.errorMessage ? ` (${settle.errorMessage})` : ""}`, {
      headers: responseHeaders(settle),
      details: { transaction: settle.transaction || null },
    });
  }
  return {
    amount: settle.amount !== undefined ? Number(settle.amount) : amount,
    transaction: settle.transaction as Hex,
    payer: settle.payer ? getAddress(settle.payer) : payer,
    network: settle.network,
    settle,
    headers: responseHeaders(settle),
  };
}

function parsePermit2(payload: PaymentPayload): Permit2Authorization {
  const parsed = Permit2PayloadSchema.safeParse(payload.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new X402PayloadError(
      REASON.invalidPayload,
      `upto payload is not a Permit2 witness permit (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"})`,
    );
  }
  return parsed.data.permit2Authorization;
}

function parsePermit2OrReject(payload: PaymentPayload): Permit2Authorization {
  try {
    return parsePermit2(payload);
  } catch (error) {
    if (error instanceof X402PayloadError) throw refused(error.reason, error.message);
    throw error;
  }
}

function refused(reason: string, message: string): PaymentRejected {
  return new PaymentRejected(reason, message);
}

function responseHeaders(settle: SettleResponse): SettledUpto["headers"] {
  return { [X402_HEADERS.paymentResponse]: encodePaymentResponse(settle) };
}

/** What the payer can do about the refusals they can fix. */
function hint(reason: string): string {
  if (reason === REASON.uptoAllowanceRequired) {
    return `: approve Permit2 (${PERMIT2_ADDRESS}) to spend the token once, then sign again`;
  }
  if (reason === REASON.uptoInsufficientBalance) return ": the wallet holds less than the ceiling";
  return "";
}
