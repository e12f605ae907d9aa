import type { FacilitatorClient } from "@x402/core/http";
import type {
  PaymentPayload,
  PaymentRequirements,
  SettleResponse,
  SupportedResponse,
  VerifyResponse,
} from "@x402/core/types";

// One seam for settlement: a remote facilitator over HTTP in production, the in-process one on a
// local chain in development and tests. Callers never learn which one they hold.

export interface Facilitator {
  /** A refusal is `{isValid:false, invalidReason}`; only an unreachable facilitator throws. */
  verify(payload: PaymentPayload, requirements: PaymentRequirements): Promise<VerifyResponse>;
  /** A failed transfer is `{success:false, errorReason}`; only an unreachable facilitator throws. */
  settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleResponse>;
  supported(): Promise<SupportedResponse>;
}

/** The x402 SDK's FacilitatorClient shape, for code that wants an `x402ResourceServer`. */
export function toFacilitatorClient(facilitator: Facilitator): FacilitatorClient {
  return {
    verify: (payload, requirements) => facilitator.verify(payload, requirements),
    settle: (payload, requirements) => facilitator.settle(payload, requirements),
    getSupported: () => facilitator.supported(),
  };
}

/** The upto signer a facilitator advertises; the 402's `extra.facilitatorAddress` must name it. */
export function uptoFacilitatorAddress(supported: SupportedResponse, network: string): string | undefined {
  const kind = supported.kinds.find((k) => k.x402Version === 2 && k.scheme === "upto" && k.network === network);
  const address = kind?.extra?.["facilitatorAddress"];
  return typeof address === "string" ? address : undefined;
}
