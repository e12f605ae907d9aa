import { ApiError, type ApiErrorOptions } from "@411data/core";

// Reasons are x402's `invalidReason` strings where the protocol or @x402/evm defines one, so a
// client sees the same word whether our local check or the facilitator refused the payment.
export const REASON = {
  /** Header is not base64, not JSON, or not a v2 PaymentPayload. */
  invalidPayload: "invalid_payload",
  invalidVersion: "invalid_x402_version",
  /** `accepted` deep-equals none of the requirements rebuilt for this request. */
  noMatchingRequirements: "no_matching_payment_requirements",
  unsupportedScheme: "unsupported_scheme",
  recipientMismatch: "invalid_exact_evm_recipient_mismatch",
  valueMismatch: "invalid_exact_evm_payload_authorization_value_mismatch",
  validBefore: "invalid_exact_evm_payload_authorization_valid_before",
  validAfter: "invalid_exact_evm_payload_authorization_valid_after",
  payerMismatch: "invalid_exact_evm_payer_mismatch",
  nonceAlreadyUsed: "invalid_exact_evm_nonce_already_used",
  insufficientBalance: "invalid_exact_evm_insufficient_balance",
  signature: "invalid_exact_evm_signature",
  /** upto (Permit2): the permit's spender is not the canonical x402UptoPermit2Proxy. */
  uptoSpender: "invalid_permit2_spender",
  uptoRecipientMismatch: "invalid_permit2_recipient_mismatch",
  uptoTokenMismatch: "permit2_token_mismatch",
  /** The permitted maximum differs from the requirement's amount (the ceiling at verify time). */
  uptoAmountMismatch: "permit2_amount_mismatch",
  /** The witness names a facilitator other than the one the 402 offered. */
  uptoFacilitatorMismatch: "upto_facilitator_mismatch",
  uptoDeadline: "permit2_deadline_expired",
  /** Ours: the permit outlives the requirement's maxTimeoutSeconds. */
  uptoDeadlineTooLate: "permit2_deadline_beyond_max_timeout",
  uptoNotYetValid: "permit2_not_yet_valid",
  uptoSignature: "invalid_permit2_signature",
  /** The payer never approved Permit2 on the token (a one-time `approve`). */
  uptoAllowanceRequired: "permit2_allowance_required",
  uptoInsufficientBalance: "permit2_insufficient_balance",
  uptoSettlementExceedsAmount: "invalid_upto_evm_payload_settlement_exceeds_amount",
  /** Broadcast but not confirmed in time: the transfer may still land. */
  settlementPending: "settlement_pending",
  unexpectedVerify: "unexpected_verify_error",
  unexpectedSettle: "unexpected_settle_error",
} as const;

/** A payment header or payload we refuse before any facilitator is involved; no HTTP shape yet. */
export class X402PayloadError extends Error {
  override name = "X402PayloadError";
  readonly reason: string;
  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * A payment that was refused (bad header, mismatch, invalid authorization, failed settlement).
 * An ApiError, so the Worker's one error shaper turns it into a 402 carrying the fresh
 * PAYMENT-REQUIRED envelope the client needs to try again.
 */
export class PaymentRejected extends ApiError {
  override name = "PaymentRejected";
  readonly reason: string;
  constructor(reason: string, message: string, options: ApiErrorOptions = {}) {
    super("PAYMENT_INVALID", message, { ...options, details: { reason, ...asRecord(options.details) } });
    this.reason = reason;
  }
}

/**
 * The facilitator could not be reached, timed out or answered nonsense (502). For `settle` the
 * outcome is indeterminate: the transfer may still land, so never treat this as "not paid".
 */
export class FacilitatorUnavailable extends ApiError {
  override name = "FacilitatorUnavailable";
  readonly operation: "verify" | "settle" | "supported";
  constructor(
    operation: "verify" | "settle" | "supported",
    message: string,
    options: { cause?: unknown; status?: number; transaction?: string } = {},
  ) {
    super("FACILITATOR_UNAVAILABLE", message, {
      cause: options.cause,
      details: {
        operation,
        ...(options.status ? { status: options.status } : {}),
        indeterminate: operation === "settle",
        // A settlement that was broadcast: look the hash up before trying again.
        ...(options.transaction ? { transaction: options.transaction } : {}),
      },
    });
    this.operation = operation;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
