// One HTTP call as the client makes it: bearer, an Idempotency-Key on every POST (the same one on
// each retry and on the paid resend), retries, then x402 on a 402 when a payer is set.
import { ApiError } from "./errors.ts";
import type { Payer } from "./payments.ts";
import { type RetryEvent, type RetryOptions, sendWithRetries } from "./retry.ts";

export interface HttpOptions {
  baseUrl: string;
  token: string | null;
  fetch: (req: Request) => Promise<Response>;
  retry: RetryOptions;
  /** Loaded on first use, so a client that never pays never loads the x402 and viem code. */
  payer: (() => Promise<Payer>) | null;
  /** One attempt's time limit in ms; a timeout counts as a connection error (retried). */
  timeoutMs: number;
  onRetry?: (event: RetryEvent & { method: string; path: string }) => void;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Overrides the client's bearer for this call (a job's poll bearer); null sends none. */
  bearer?: string | null;
  /** Defaults to a fresh random key per call (POST only). */
  idempotencyKey?: string;
  /** false: answer a 402 with an error instead of paying it. */
  pay?: boolean;
  /** Parse the answer as text (CSV, JSONL, Markdown) instead of JSON. */
  text?: boolean;
  headers?: Record<string, string>;
}

export class Http {
  readonly opts: HttpOptions;

  constructor(opts: HttpOptions) {
    this.opts = opts;
  }

  async call<T>(method: "GET" | "POST" | "DELETE", path: string, call: CallOptions = {}): Promise<T> {
    const url = new URL(path.replace(/^\//, ""), this.opts.baseUrl.replace(/\/?$/, "/"));
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers = new Headers({ accept: call.text ? "*/*" : "application/json", ...call.headers });
    const bearer = call.bearer === undefined ? this.opts.token : call.bearer;
    if (bearer) headers.set("authorization", `Bearer ${bearer}`);
    let body: BodyInit | undefined;
    if (call.body instanceof FormData || typeof call.body === "string") body = call.body;
    else if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers.set("content-type", "application/json");
    }
    if (method === "POST") headers.set("idempotency-key", call.idempotencyKey ?? `411c-${crypto.randomUUID()}`);
    const request = new Request(url, { method, headers, body });

    let last402: Response | null = null;
    const attempt = (req: Request) => {
      const { timeoutMs } = this.opts;
      return this.opts.fetch(new Request(req, { signal: AbortSignal.timeout(timeoutMs) }));
    };
    const send = async (req: Request): Promise<Response> => {
      const res = await sendWithRetries(attempt, req, this.opts.retry, (e) => this.opts.onRetry?.({ ...e, method, path: url.pathname }));
      if (res.status === 402) last402 = res.clone();
      return res;
    };

    let res: Response;
    try {
      const payer = call.pay === false || !this.opts.payer ? null : await this.opts.payer();
      res = payer ? await payer.wrap(send)(request) : await send(request);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (last402) throw await refusedPayment(last402, err);
      throw new ApiError("NETWORK_ERROR", `no answer from ${url.origin}: ${(err as Error).message}`, { cause: err });
    }
    if (!res.ok) throw await ApiError.fromResponse(res);
    if (call.text) return (await res.text()) as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ApiError("INVALID_RESPONSE", `expected JSON from ${method} ${url.pathname}, got: ${text.slice(0, 120)}`, {
        status: res.status,
        requestId: res.headers.get("x-request-id"),
        cause,
      });
    }
  }
}

/** The 402 the x402 client would not (or could not) pay, as an error that says why. */
async function refusedPayment(res: Response, err: unknown): Promise<ApiError> {
  const server = await ApiError.fromResponse(res);
  const reason = (err as Error).message;
  const byLimits = /spendControls|filtered out by policies/.test(reason);
  return new ApiError(
    byLimits ? "SPEND_LIMIT_REFUSED" : "PAYMENT_FAILED",
    byLimits
      ? `the server asked for an x402 payment (${server.code}) that this client's spend limits do not allow: ${reason}`
      : `the x402 payment could not be made (${server.code}): ${reason}`,
    { status: 402, requestId: server.requestId, details: { server_code: server.code, server_message: server.message, server_details: server.details }, body: server.body, cause: err },
  );
}
