// One error type for every vendor failure, so routes and the waterfall can decide what to do
// (retry later, try the next vendor, answer VENDOR_UNAVAILABLE) without knowing which vendor failed.

export type VendorErrorKind = "rate_limited" | "unavailable" | "timeout" | "malformed";

// Finer cause under the coarse kind: lets callers tell a throttle (retry) from an exhausted quota
// (don't retry) or a bad key (page an operator) while still branching on four kinds.
export type VendorErrorReason =
  | "throttled"
  | "quota_exhausted"
  | "auth"
  | "rejected"
  | "server_error"
  | "network"
  | "timeout"
  | "bad_json"
  | "schema"
  | "incomplete";

export type VendorErrorInit = {
  vendor: string;
  kind: VendorErrorKind;
  reason: VendorErrorReason;
  message: string;
  status?: number;
  retryAfterSec?: number;
  cause?: unknown;
};

export class VendorError extends Error {
  override readonly name = "VendorError";
  readonly vendor: string;
  readonly kind: VendorErrorKind;
  readonly reason: VendorErrorReason;
  readonly status: number | undefined;
  readonly retryAfterSec: number | undefined;

  constructor(init: VendorErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.vendor = init.vendor;
    this.kind = init.kind;
    this.reason = init.reason;
    this.status = init.status;
    this.retryAfterSec = init.retryAfterSec;
  }

  toJSON(): Record<string, unknown> {
    return {
      vendor: this.vendor,
      kind: this.kind,
      reason: this.reason,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterSec === undefined ? {} : { retry_after_sec: this.retryAfterSec }),
    };
  }
}

export function isVendorError(e: unknown): e is VendorError {
  return e instanceof VendorError;
}

/** Retry-After is either delta-seconds or an HTTP date; some vendors also send retry-after-ms. */
export function parseRetryAfter(headers: Headers, now: Date = new Date()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) {
    return Math.max(0, Math.ceil(Number(ms) / 1000));
  }
  const raw = headers.get("retry-after");
  if (raw === null) return undefined;
  const v = raw.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
