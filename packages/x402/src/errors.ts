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
  constructor(operation: "verify" | "settle" | "supported", message: string, options: { cause?: unknown; status?: number } = {}) {
    super("FACILITATOR_UNAVAILABLE", message, {
      cause: options.cause,
      details: { operation, ...(options.status ? { status: options.status } : {}), indeterminate: operation === "settle" },
    });
    this.operation = operation;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
