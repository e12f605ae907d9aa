import { z } from "zod";

// Every failure a caller can see has one stable machine code; the HTTP status follows from it.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  CALLBACK_URL_REFUSED: 400,
  MALFORMED_JSON: 400,
  INVALID_PHONE: 400,
  /** An uploaded batch file that cannot be read as CSV (encoding, quoting, no rows). */
  CSV_INVALID: 400,
  UNAUTHORIZED: 401,
  TOKEN_INVALID: 401,
  TOKEN_REVOKED: 401,
  TOKEN_EXPIRED: 401,
  SIWE_INVALID: 401,
  AGENT_TOKEN_REQUIRED: 402,
  INSUFFICIENT_BALANCE: 402,
  PAYMENT_REQUIRED: 402,
  PAYMENT_INVALID: 402,
  KEY_CAP_EXCEEDED: 402,
  /** A batch row's own error: the batch's bill_up_to_usd had no room left for it (never charged). */
  BATCH_CEILING_REACHED: 402,
  ALLOWANCE_EXCEEDED: 402,
  WALLET_UNDERFUNDED: 402,
  FORBIDDEN: 403,
  KEY_SCOPE_DENIED: 403,
  RECOVERY_UNAVAILABLE: 403,
  RECOVERY_ANSWER_WRONG: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  CALLBACK_LIMIT_REACHED: 409,
  IDEMPOTENCY_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  RECOVERY_CHALLENGE_CLOSED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  BAD_ENVIRONMENT: 500,
  FACILITATOR_UNAVAILABLE: 502,
  /** The payment settled (the transaction is named) but recording it is still being completed. */
  PAYMENT_RECORD_PENDING: 502,
  /** An async job's own error (in the poll body): it ran past max_timeout_seconds. */
  JOB_TIMEOUT: 504,
  VENDOR_UNAVAILABLE: 503,
  ROUTE_OFFLINE: 503,
  CHAIN_UNAVAILABLE: 503,
  OPERATOR_NOT_CONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export interface ApiErrorOptions {
  details?: unknown;
  /** Extra response headers (Retry-After, PAYMENT-REQUIRED, …). */
  headers?: Record<string, string>;
  /** Extra top-level body keys beside `error` (x402 adds x402Version, resource, accepts). */
  body?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type: thrown anywhere, shaped into the envelope in one place. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details ?? null;
    this.headers = options.headers ?? {};
    this.body = options.body;
  }
}

export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown(),
    request_id: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export function errorEnvelope(
  code: ErrorCode,
  message: string,
  details: unknown,
  requestId: string,
): ErrorEnvelope {
  return { error: { code, message, details: details ?? null, request_id: requestId } };
}
