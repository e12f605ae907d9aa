export {
  buildAccepts,
  exactRequirement,
  resourceInfo,
  uptoRequirement,
  RESOURCE_MIME_TYPE,
  UPTO_MAX_TIMEOUT_SECONDS,
  X402ConfigError,
  type PaymentConfig,
} from "./requirements.ts";
export { bazaarExtension, type BazaarRoute } from "./bazaar.ts";
export {
  API_ERROR_KEY,
  apiErrorOf,
  buildPaymentRequired,
  decodePaymentSignature,
  encodePaymentResponse,
  matchRequirement,
  paymentRequiredError,
  requirementMatches,
  MAX_PAYMENT_SIGNATURE_LENGTH,
  X402_EXPOSE_HEADERS,
  X402_HEADERS,
  X402_VERSION,
  type PaymentRequiredParts,
  type X402Body,
} from "./envelope.ts";
export { FacilitatorUnavailable, PaymentRejected, REASON, X402PayloadError } from "./errors.ts";
export { paymentRejection } from "./verify.ts";
export { toFacilitatorClient, uptoFacilitatorAddress, type Facilitator } from "./facilitator.ts";
export { RemoteFacilitator, type RemoteFacilitatorOptions } from "./remote-facilitator.ts";
export { LocalFacilitator, type LocalFacilitatorOptions } from "./local-facilitator.ts";
export {
  checkExact,
  settleExact,
  verifyExact,
  CLOCK_SKEW_SECONDS,
  MIN_REMAINING_SECONDS,
  type Eip3009Authorization,
  type ExactCandidate,
  type SettledExact,
  type VerifiedExact,
  type VerifyExactOptions,
} from "./exact.ts";
export {
  checkUpto,
  settleUpto,
  verifyUpto,
  UPTO_MIN_REMAINING_SECONDS,
  UPTO_SETTLE_MARGIN_SECONDS,
  type Permit2Authorization,
  type SettledUpto,
  type VerifiedUpto,
  type VerifyUptoOptions,
} from "./upto.ts";
export type {
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  ResourceInfo,
  SettleResponse,
  SupportedResponse,
  VerifyResponse,
} from "@x402/core/types";
