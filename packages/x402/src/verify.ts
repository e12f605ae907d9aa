import type { PaymentPayload, PaymentRequirements, ResourceInfo } from "@x402/core/types";
import { buildPaymentRequired } from "./envelope.ts";
import { PaymentRejected, REASON, X402PayloadError } from "./errors.ts";
import type { Facilitator } from "./facilitator.ts";

// What every scheme's verification shares: local checks with no I/O, then the claim on the payment,
// then the facilitator's verdict. Each scheme brings only its own local checks.

/** A refusal carrying a fresh PAYMENT-REQUIRED for the same offer, so the client can sign again. */
export function paymentRejection(
  reason: string,
  message: string,
  offer: { resource: ResourceInfo; accepts: readonly PaymentRequirements[] },
  options: { cause?: unknown; details?: unknown } = {},
): PaymentRejected {
  const envelope = buildPaymentRequired({ resource: offer.resource, accepts: [...offer.accepts], error: reason });
  return new PaymentRejected(reason, message, { headers: envelope.headers, body: { ...envelope.body }, ...options });
}

export interface VerifyOptions<C> {
  resource: ResourceInfo;
  accepts: readonly PaymentRequirements[];
  facilitator: Facilitator;
  /** Claim the payment while the facilitator is asked; throw to refuse (e.g. a replay), which wins over its verdict. */
  lock?: (candidate: C) => Promise<void>;
  /** Extra words after a facilitator refusal's reason (how to fix it). */
  hint?: (reason: string) => string;
}

/**
 * Local check → lock beside facilitator verify. A local failure (X402PayloadError) and a facilitator
 * refusal become a PaymentRejected with the fresh envelope; an unreachable facilitator stays a
 * FacilitatorUnavailable (502).
 */
export async function verifyCandidate<C extends { payload: PaymentPayload; requirement: PaymentRequirements; payer: string }>(
  check: () => C,
  options: VerifyOptions<C>,
): Promise<C> {
  let candidate: C;
  try {
    candidate = check();
  } catch (error) {
    if (error instanceof X402PayloadError) throw paymentRejection(error.reason, error.message, options, { cause: error });
    throw error;
  }
  // The facilitator's verify only reads the chain, so it runs beside the claim instead of after it:
  // the claim's durable write leaves the critical path. The claim still decides: a replay is
  // refused (and its work never starts) whatever the facilitator said about the signature.
  const [claimed, verified] = await Promise.allSettled([
    options.lock?.(candidate),
    options.facilitator.verify(candidate.payload, candidate.requirement),
  ]);
  if (claimed.status === "rejected") throw claimed.reason;
  if (verified.status === "rejected") throw verified.reason;
  const verdict = verified.value;
  if (!verdict.isValid) {
    const reason = verdict.invalidReason ?? REASON.unexpectedVerify;
    const detail = verdict.invalidMessage ? ` (${verdict.invalidMessage})` : "";
    throw paymentRejection(reason, `payment refused by the facilitator: ${reason}${options.hint?.(reason) ?? ""}${detail}`, options);
  }
  if (verdict.payer && verdict.payer.toLowerCase() !== candidate.payer.toLowerCase()) {
    throw paymentRejection(REASON.payerMismatch, "the facilitator verified a different payer than the payment names", options);
  }
  return candidate;
}
