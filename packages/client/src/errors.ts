// One error type for everything a call can fail with: the server's envelope code and request id,
// or a client-side code when no answer came back (or the client refused to pay).

/** Codes the client itself raises; every other code is the server's (see its error table). */
export type ClientErrorCode =
  | "NETWORK_ERROR" // no answer (connection refused or reset, DNS, timeout) after every retry
  | "SPEND_LIMIT_REFUSED" // a 402 the client would not pay under its spend limits
  | "PAYMENT_FAILED" // the x402 client could not build a payment (no scheme, signer error)
  | "INVALID_RESPONSE" // a non-JSON answer where JSON was due
  | "JOB_FAILED" // jobs.wait / batch.wait: the work ended in failure (see details)
  | "WAIT_TIMEOUT"; // jobs.wait / batch.wait gave up before the work finished

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; request_id?: string };
}

export class ApiError extends Error {
  override name = "ApiError";
  /** The envelope's stable code (`INSUFFICIENT_BALANCE`, `VALIDATION_FAILED`, …) or a ClientErrorCode. */
  readonly code: string;
  /** HTTP status; 0 when no answer came back. */
  readonly status: number;
  readonly details: unknown;
  /** `X-Request-Id` of the answer: the id of the stored call (GET /api/v1/agents/requests). */
  readonly requestId: string | null;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterSec: number | null;
  /** The whole answer body (a 402 also carries `accepts[]`). */
  readonly body: unknown;

  constructor(
    code: string,
    message: string,
    init: { status?: number; details?: unknown; requestId?: string | null; retryAfterSec?: number | null; body?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: init.cause });
    this.code = code;
    this.status = init.status ?? 0;
    this.details = init.details ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterSec = init.retryAfterSec ?? null;
    this.body = init.body;
  }

  /** The error a non-2xx answer stands for, from its envelope (or its status when it has none). */
  static async fromResponse(res: Response): Promise<ApiError> {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    // A 402 body is an x402 PaymentRequired (string `error`) with the envelope under `api_error`.
    const raw = body as (Partial<ErrorEnvelope> & { api_error?: ErrorEnvelope["error"] }) | null;
    const envelope = typeof raw?.error === "string" ? raw.api_error : raw?.error;
    const requestId = res.headers.get("x-request-id") ?? (typeof envelope === "object" ? envelope?.request_id : undefined) ?? null;
    const retryAfterSec = parseRetryAfter(res.headers.get("retry-after"));
    if (envelope && typeof envelope === "object" && typeof envelope.code === "string") {
      return new ApiError(envelope.code, envelope.message ?? res.statusText, { status: res.status, details: envelope.details, requestId, retryAfterSec, body });
    }
    return new ApiError(`HTTP_${res.status}`, `${res.status} ${res.statusText}: ${text.slice(0, 200)}`, { status: res.status, requestId, retryAfterSec, body });
  }
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
