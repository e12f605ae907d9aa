// When and how long to wait before sending a call again. Stripe's defaults (research §3.1): two
// retries, backoff min(0.5·2^(n-1), 5) s with jitter between half and all of it; a server's
// Retry-After wins over the backoff. Every POST carries an Idempotency-Key, so a retry never runs
// or charges the work twice.
import { parseRetryAfter } from "./errors.ts";

export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retrying off). */
  maxRetries?: number;
  /** First backoff step in ms (default 500), doubled per retry. */
  baseDelayMs?: number;
  /** Ceiling of one backoff step in ms (default 5000). */
  maxDelayMs?: number;
  /** The longest `Retry-After` honoured, in s (default 60): asked to wait longer, the call fails at once. */
  maxRetryAfterSec?: number;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  /** What made it retry: an HTTP status and code, or a connection error. */
  status: number;
  code: string | null;
  waitMs: number;
}

// Codes whose 429/503 no wait will fix: retrying only delays the answer.
const NOT_TRANSIENT = new Set(["ROUTE_OFFLINE", "OPERATOR_NOT_CONFIGURED", "BAD_ENVIRONMENT"]);

/** The error code of an answer worth a retry, or undefined when the answer stands. */
export async function transientCode(res: Response): Promise<string | null | undefined> {
  if (res.status !== 429 && res.status !== 503 && res.status !== 409) return undefined;
  let code: string | null = null;
  try {
    code = ((await res.clone().json()) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    // no envelope: judge by the status alone
  }
  // A 409 is retried only while the first request with the same Idempotency-Key is still running.
  if (res.status === 409) return code === "IDEMPOTENCY_IN_PROGRESS" ? code : undefined;
  return code !== null && NOT_TRANSIENT.has(code) ? undefined : code;
}

export function backoffMs(retry: number, opts: RetryOptions, random = Math.random): number {
  const full = Math.min((opts.baseDelayMs ?? 500) * 2 ** (retry - 1), opts.maxDelayMs ?? 5000);
  return Math.round(full / 2 + (random() * full) / 2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends `request` (cloned per attempt, so its body replays) until it gets an answer that stands:
 * retried on connection errors, 429, 503 and 409 IDEMPOTENCY_IN_PROGRESS.
 */
export async function sendWithRetries(
  fetchImpl: (req: Request) => Promise<Response>,
  request: Request,
  opts: RetryOptions = {},
  onRetry?: (event: RetryEvent) => void,
): Promise<Response> {
  const maxRetries = opts.maxRetries ?? 2;
  for (let retry = 1; ; retry++) {
    let res: Response | undefined;
    let failure: unknown;
    try {
      res = await fetchImpl(request.clone());
    } catch (err) {
      failure = err;
    }
    const code = res ? await transientCode(res) : null;
    const last = retry > maxRetries;
    if (res && (code === undefined || last)) return res;
    if (!res && last) throw failure;
    let waitMs = backoffMs(retry, opts);
    const asked = res ? parseRetryAfter(res.headers.get("retry-after")) : null;
    if (asked !== null) {
      if (asked > (opts.maxRetryAfterSec ?? 60)) return res!;
      waitMs = asked * 1000;
    }
    onRetry?.({ retry, status: res?.status ?? 0, code: code ?? null, waitMs });
    await res?.body?.cancel();
    await sleep(waitMs);
  }
}
