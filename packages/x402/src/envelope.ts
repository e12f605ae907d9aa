import { ApiError, type ErrorCode } from "@411data/core";
import {
  decodePaymentSignatureHeader,
  encodePaymentRequiredHeader,
  encodePaymentResponseHeader,
  PAYMENT_REQUIRED_CACHE_CONTROL,
} from "@x402/core/http";
import { PaymentPayloadV2Schema } from "@x402/core/schemas";
import type {
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  ResourceInfo,
  SettleResponse,
} from "@x402/core/types";
import { deepEqual } from "@x402/core/utils";
import { REASON, X402PayloadError } from "./errors.ts";

// The SDK's own encoders produce the headers, so the bytes are exactly what x402 clients parse.

export const X402_VERSION = 2;

export const X402_HEADERS = {
  paymentRequired: "PAYMENT-REQUIRED",
  paymentSignature: "PAYMENT-SIGNATURE",
  paymentResponse: "PAYMENT-RESPONSE",
} as const;

/** Browser clients can only read these if CORS exposes them. */
export const X402_EXPOSE_HEADERS = "PAYMENT-REQUIRED, PAYMENT-RESPONSE";

/** A real payload is ~1.1 KB; anything far larger is not worth base64-decoding. */
export const MAX_PAYMENT_SIGNATURE_LENGTH = 16_384;

/**
 * A 402 body: the x402 v2 PaymentRequired itself (string `error`, as v2 clients and validators
 * read it), with our error envelope beside it under API_ERROR_KEY (see the Worker's error shaper).
 */
export interface X402Body {
  x402Version: 2;
  error: string;
  resource: ResourceInfo;
  accepts: PaymentRequirements[];
  extensions?: Record<string, unknown>;
}

export interface PaymentRequiredParts {
  /** The object the header encodes. */
  paymentRequired: PaymentRequired;
  /** Response headers: PAYMENT-REQUIRED and Cache-Control. */
  headers: Record<string, string>;
  body: X402Body;
}

/**
 * The 402 answer. `error` goes into the header's PaymentRequired.error: our code on a first 402,
 * the x402 reason when a payment was refused (clients show that string to their user).
 */
export function buildPaymentRequired(input: {
  resource: ResourceInfo;
  accepts: PaymentRequirements[];
  error: string;
  extensions?: Record<string, unknown>;
}): PaymentRequiredParts {
  const paymentRequired: PaymentRequired = {
    x402Version: X402_VERSION,
    error: input.error,
    resource: input.resource,
    accepts: input.accepts,
    ...(input.extensions ? { extensions: input.extensions } : {}),
  };
  return {
    paymentRequired,
    headers: {
      [X402_HEADERS.paymentRequired]: encodedPaymentRequired(paymentRequired),
      // A cached 402 would hand a stale price or a spent challenge to the next caller.
      "Cache-Control": PAYMENT_REQUIRED_CACHE_CONTROL,
    },
    body: { ...paymentRequired, x402Version: X402_VERSION, error: input.error },
  };
}

// A route's 402 is the same few objects over and over (its offer, with our code or a refusal's
// reason), and the SDK's encoder walks the bytes one by one: each distinct object is encoded by it
// once per isolate and its header reused. The key is the object's JSON, so nothing stale is served.
const ENCODED_MAX = 256;
const encoded = new Map<string, string>();

function encodedPaymentRequired(paymentRequired: PaymentRequired): string {
  const key = JSON.stringify(paymentRequired);
  let header = encoded.get(key);
  if (header === undefined) {
    header = encodePaymentRequiredHeader(paymentRequired);
    if (encoded.size >= ENCODED_MAX) encoded.clear();
    encoded.set(key, header);
  }
  return header;
}

/**
 * Where a 402 body keeps our `{code, message, details, request_id}` envelope: `error` is the
 * PaymentRequired's string there, so the envelope moves under its own key.
 */
export const API_ERROR_KEY = "api_error";

/** The error envelope's inner object of any answer body: under `error`, or beside a 402's PaymentRequired. */
export function apiErrorOf(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as Record<string, unknown>;
  return typeof b.error === "string" ? b[API_ERROR_KEY] : b.error;
}

/** Every 402 code: each one's body carries accepts[] so the caller can pay instead. */
type PaymentCode = "AGENT_TOKEN_REQUIRED" | "INSUFFICIENT_BALANCE" | "KEY_CAP_EXCEEDED" | "PAYMENT_REQUIRED" | "PAYMENT_INVALID";

/** The first 402 of a paid route, as the ApiError the Worker's error shaper renders. */
export function paymentRequiredError(
  code: PaymentCode & ErrorCode,
  message: string,
  input: { resource: ResourceInfo; accepts: PaymentRequirements[]; extensions?: Record<string, unknown>; details?: unknown },
): ApiError {
  const parts = buildPaymentRequired({ ...input, error: code });
  return new ApiError(code, message, { headers: parts.headers, body: { ...parts.body }, details: input.details });
}

/**
 * PAYMENT-SIGNATURE → a v2 PaymentPayload. The SDK decoder (standard base64 only, like every SDK
 * client sends) and the SDK's zod schema; the value returned is the decoded object itself, not
 * the schema's stripped copy, so `accepted` is compared exactly as the client sent it.
 */
export function decodePaymentSignature(header: string): PaymentPayload {
  const value = header.trim();
  if (value.length === 0) throw new X402PayloadError(REASON.invalidPayload, "PAYMENT-SIGNATURE is empty");
  if (value.length > MAX_PAYMENT_SIGNATURE_LENGTH) {
    throw new X402PayloadError(REASON.invalidPayload, "PAYMENT-SIGNATURE is too large");
  }
  let decoded: unknown;
  try {
    decoded = decodePaymentSignatureHeader(value);
  } catch (cause) {
    throw new X402PayloadError(REASON.invalidPayload, "PAYMENT-SIGNATURE is not base64-encoded JSON", { cause });
  }
  if (!decoded || typeof decoded !== "object" || Array.isArray(decoded)) {
    throw new X402PayloadError(REASON.invalidPayload, "PAYMENT-SIGNATURE is not a JSON object");
  }
  const version = (decoded as { x402Version?: unknown }).x402Version;
  if (version !== X402_VERSION) {
    throw new X402PayloadError(REASON.invalidVersion, `x402Version ${String(version)} is not supported; use 2`);
  }
  const parsed = PaymentPayloadV2Schema.safeParse(decoded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : "invalid";
    throw new X402PayloadError(REASON.invalidPayload, `PAYMENT-SIGNATURE is not a v2 payment payload (${where})`);
  }
  return decoded as PaymentPayload;
}

/**
 * The requirement the client paid for. Same rule as the SDK's resource server: every field equal,
 * and `extra` may only gain keys, never change or lose one.
 */
export function matchRequirement(payload: PaymentPayload, accepts: readonly PaymentRequirements[]): PaymentRequirements {
  const match = accepts.find((required) => requirementMatches(required, payload.accepted));
  if (!match) {
    throw new X402PayloadError(
      REASON.noMatchingRequirements,
      "the payment's `accepted` matches none of this route's requirements (price, payee, asset or network changed?)",
    );
  }
  return match;
}

export function requirementMatches(required: PaymentRequirements, accepted: PaymentRequirements): boolean {
  const { extra: requiredExtra, ...requiredCore } = required;
  const { extra: acceptedExtra, ...acceptedCore } = accepted;
  if (!deepEqual(requiredCore, acceptedCore)) return false;
  const extra: Record<string, unknown> =
    acceptedExtra && typeof acceptedExtra === "object" ? (acceptedExtra as Record<string, unknown>) : {};
  return Object.entries(requiredExtra ?? {}).every(
    ([key, value]) => Object.prototype.hasOwnProperty.call(extra, key) && deepEqual(value, extra[key]),
  );
}

/** PAYMENT-RESPONSE value for a settlement (the SDK strips server-only fields). */
export function encodePaymentResponse(settle: SettleResponse): string {
  return encodePaymentResponseHeader(settle);
}
