import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, type ErrorCode, errorEnvelope } from "@411data/core";
import { API_ERROR_KEY } from "@411data/x402";
import type { AppEnv } from "../context.ts";
import { paymentRequiredParts } from "./payment-required.ts";

// Errors are shaped here and nowhere else.

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

/** Turns anything thrown into an ApiError; unknown errors become a 500 that says nothing inside. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    // Hono's own validators throw these (415 for a wrong media type, 400 for broken JSON).
    if (err.status === 400 && /json/i.test(err.message)) {
      return new ApiError("MALFORMED_JSON", "request body is not valid JSON");
    }
    const code = STATUS_TO_CODE[err.status];
    if (code) return new ApiError(code, err.message || code.toLowerCase().replaceAll("_", " "));
  }
  return new ApiError("INTERNAL_ERROR", "internal error; quote the request id when reporting it", {
    cause: err,
  });
}

export function errorResponse(c: Context<AppEnv>, err: ApiError): Response {
  const requestId = c.get("requestId") ?? "unknown";
  const log = c.get("log");
  if (log) log.errorCode = err.code;
  const envelope = errorEnvelope(err.code, err.message, err.details, requestId);
  // A 402 body is the x402 v2 PaymentRequired, whose `error` is a string: our envelope moves beside it.
  const x402 = paymentRequiredParts(c, err);
  const body = x402 ? { ...x402.body, [API_ERROR_KEY]: envelope.error } : { ...err.body, ...envelope };
  const res = c.json(body, err.status as 400);
  for (const [name, value] of Object.entries({ ...err.headers, ...x402?.headers })) res.headers.set(name, value);
  if (err.status === 402 || err.status === 429) res.headers.set("Cache-Control", "no-store");
  // RFC 9110: a 401 names the scheme that would be accepted (RFC 6750 error for a bad bearer).
  if (err.status === 401 && !res.headers.has("WWW-Authenticate")) res.headers.set("WWW-Authenticate", wwwAuthenticate(err.code));
  return res;
}

function wwwAuthenticate(code: ErrorCode): string {
  const invalid = code === "TOKEN_INVALID" || code === "TOKEN_REVOKED" || code === "TOKEN_EXPIRED";
  return invalid ? 'Bearer realm="411data", error="invalid_token"' : 'Bearer realm="411data"';
}
