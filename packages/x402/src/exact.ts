import type { Micros } from "@411data/core";
import type { PaymentPayload, PaymentRequirements, ResourceInfo, SettleResponse } from "@x402/core/types";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { buildPaymentRequired, decodePaymentSignature, encodePaymentResponse, matchRequirement, X402_HEADERS } from "./envelope.ts";
import { verifyCandidate } from "./verify.ts";
import { PaymentRejected, REASON, X402PayloadError } from "./errors.ts";
import type { Facilitator } from "./facilitator.ts";

// `exact` on EVM = one EIP-3009 TransferWithAuthorization. Everything we can refuse without the
// chain is refused here, so a bad payment never costs a facilitator round trip, and the caller
// gets (payer, nonce) to lock before any work is done: two requests carrying the same signature
// both pass the facilitator's verify, and only the lock stops the second from getting free work.

/** The facilitator refuses an authorization with less than this left (block time margin). */
export const MIN_REMAINING_SECONDS = 6;
/** Tolerated difference between the client's clock and ours. */
export const CLOCK_SKEW_SECONDS = 30;

const Address = z.string().refine((v) => isAddress(v, { strict: false }), "not an EVM address");
const Uint = z.string().regex(/^\d{1,78}$/, "not a decimal uint256");
const Bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "not 32 bytes of hex");

const Eip3009PayloadSchema = z.object({
  signature: z.string().regex(/^0x(?:[0-9a-fA-F]{2})+$/, "not hex"),
  authorization: z.object({
    from: Address,
    to: Address,
    value: Uint,
    validAfter: Uint,
    validBefore: Uint,
    nonce: Bytes32,
  }),
});

export interface Eip3009Authorization {
  from: Address;
  to: Address;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: Hex;
}

/** What local checks established, before the facilitator is asked. */
export interface ExactCandidate {
  payload: PaymentPayload;
  requirement: PaymentRequirements;
  authorization: Eip3009Authorization;
  /** Checksummed `authorization.from`. */
  payer: Address;
  /** Lower-case; single-use per payer on the token contract. */
  nonce: Hex;
  /** µUSD = USDC atomic units, equal to the requirement's amount. */
  amount: Micros;
  /** Unix seconds; a lock on (payer, nonce) can expire then, the signature is dead after it. */
  validBefore: number;
  /** `${payer}:${nonce}` in lower case: one key per authorization. */
  lockKey: string;
}

export type VerifiedExact = ExactCandidate;

export interface VerifyExactOptions {
  /** The PAYMENT-SIGNATURE request header. */
  header: string;
  /** `accepts[]` rebuilt for this request, exactly as the 402 carried it. */
  accepts: readonly PaymentRequirements[];
  /** Goes into the fresh 402 of a refusal. */
  resource: ResourceInfo;
  facilitator: Facilitator;
  /**
   * Claim (payer, nonce) while the facilitator verifies (it only reads the chain). Throw to refuse —
   * a PaymentRejected with REASON.nonceAlreadyUsed keeps the client's retry logic working; a refused
   * claim wins over the facilitator's verdict.
   */
  lock?: (candidate: ExactCandidate) => Promise<void>;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
  /** Seconds the work plus settlement needs; a payment closer than this to expiry is refused. */
  minRemainingSeconds?: number;
}

/**
 * Decode → match → local checks (scheme, payee, exact amount, time window) → lock, with the
 * facilitator's verify beside it. Every refusal is a PaymentRejected carrying a fresh
 * PAYMENT-REQUIRED envelope; an unreachable facilitator is a FacilitatorUnavailable (502).
 */
export function verifyExact(options: VerifyExactOptions): Promise<VerifiedExact> {
  return verifyCandidate(() => checkExact(options), options);
}

/**
 * The local half of verifyExact, with no I/O: throws X402PayloadError with the x402 reason.
 * Exposed for callers that want to lock or log between the local checks and the facilitator.
 */
export function checkExact(options: Pick<VerifyExactOptions, "header" | "accepts" | "now" | "minRemainingSeconds">): ExactCandidate {
  const payload = decodePaymentSignature(options.header);
  const requirement = matchRequirement(payload, options.accepts);
  if (requirement.scheme !== "exact") {
    throw new X402PayloadError(REASON.unsupportedScheme, `scheme ${requirement.scheme} is not settled through exact`);
  }
  const parsed = Eip3009PayloadSchema.safeParse(payload.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new X402PayloadError(
      REASON.invalidPayload,
      `exact payload is not an EIP-3009 authorization (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"})`,
    );
  }
  const auth = parsed.data.authorization;
  // The signature covers `authorization`, not `accepted`: a client can echo our requirement and
  // sign something else, so the signed fields are what we compare.
  if (!sameAddress(auth.to, requirement.payTo)) {
    throw new X402PayloadError(REASON.recipientMismatch, `authorization pays ${auth.to}, not ${requirement.payTo}`);
  }
  if (BigInt(auth.value) !== BigInt(requirement.amount)) {
    throw new X402PayloadError(
      REASON.valueMismatch,
      `authorization is for ${auth.value} atomic units; this call costs exactly ${requirement.amount}`,
    );
  }
  const now = Math.floor(options.now?.() ?? Date.now() / 1000);
  const validAfter = BigInt(auth.validAfter);
  const validBefore = BigInt(auth.validBefore);
  const minRemaining = Math.max(options.minRemainingSeconds ?? 0, MIN_REMAINING_SECONDS);
  if (validBefore < BigInt(now + minRemaining)) {
    throw new X402PayloadError(REASON.validBefore, `authorization expired or expires within ${minRemaining}s (validBefore ${auth.validBefore})`);
  }
  if (validAfter > BigInt(now + CLOCK_SKEW_SECONDS)) {
    throw new X402PayloadError(REASON.validAfter, `authorization is not valid before ${auth.validAfter}`);
  }
  // Bounded lifetime keeps the (payer, nonce) lock short and a leaked signature short-lived.
  if (validBefore > BigInt(now + requirement.maxTimeoutSeconds + CLOCK_SKEW_SECONDS)) {
    throw new X402PayloadError(
      REASON.validBefore,
      `authorization is valid until ${auth.validBefore}, beyond maxTimeoutSeconds (${requirement.maxTimeoutSeconds}s)`,
    );
  }
  const payer = getAddress(auth.from);
  const nonce = auth.nonce.toLowerCase() as Hex;
  return {
    payload,
    requirement,
    authorization: { ...auth, from: payer, to: getAddress(auth.to), nonce },
    payer,
    nonce,
    amount: Number(requirement.amount),
    validBefore: Number(validBefore),
    lockKey: `${payer.toLowerCase()}:${nonce}`,
  };
}

export interface SettledExact {
  /** Transaction hash of the transfer. */
  transaction: Hex;
  payer: Address;
  network: string;
  amount: Micros;
  settle: SettleResponse;
  /** The PAYMENT-RESPONSE header value for the paid response. */
  paymentResponse: string;
  /** Headers to add to the paid response. */
  headers: Record<string, string>;
}

/**
 * Settles a verified payment (on match only; a no-match simply never calls this, and the signed
 * authorization expires unused). A failed transfer is a PaymentRejected carrying PAYMENT-RESPONSE
 * {success:false}; an unreachable facilitator is a FacilitatorUnavailable whose outcome is unknown.
 */
export async function settleExact(options: {
  verified: VerifiedExact;
  facilitator: Facilitator;
  /** When given, the refusal also carries a fresh PAYMENT-REQUIRED. */
  resource?: ResourceInfo;
  accepts?: readonly PaymentRequirements[];
}): Promise<SettledExact> {
  const { verified } = options;
  const settle = await options.facilitator.settle(verified.payload, verified.requirement);
  const paymentResponse = encodePaymentResponse(settle);
  if (!settle.success || !/^0x[0-9a-fA-F]{64}$/.test(settle.transaction)) {
    const reason = settle.errorReason ?? REASON.unexpectedSettle;
    const envelope =
      options.resource && options.accepts
        ? buildPaymentRequired({ resource: options.resource, accepts: [...options.accepts], error: reason })
        : undefined;
    throw new PaymentRejected(reason, `settlement failed: ${reason}${settle.errorMessage ? ` (${settle.errorMessage})` : ""}`, {
      headers: { ...envelope?.headers, [X402_HEADERS.paymentResponse]: paymentResponse },
      ...(envelope ? { body: { ...envelope.body } } : {}),
      details: { transaction: settle.transaction || null },
    });
  }
  return {
    transaction: settle.transaction as Hex,
    payer: settle.payer ? getAddress(settle.payer) : verified.payer,
    network: settle.network,
    amount: settle.amount !== undefined ? Number(settle.amount) : verified.amount,
    settle,
    paymentResponse,
    headers: {
      [X402_HEADERS.paymentResponse]: paymentResponse,
      // A paid answer belongs to the payer; shared caches must not replay it to anyone else.
      "Cache-Control": "private",
    },
  };
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
