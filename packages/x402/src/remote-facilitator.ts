import type {
  PaymentPayload,
  PaymentRequirements,
  SettleResponse,
  SupportedResponse,
  VerifyResponse,
} from "@x402/core/types";
import { z } from "zod";
import { FacilitatorUnavailable } from "./errors.ts";
import type { Facilitator } from "./facilitator.ts";

// Our own client rather than the SDK's HTTPFacilitatorClient: that one calls the global `fetch`
// (no injection, so no service bindings and no offline tests) and throws on a refusal.

type Operation = "verify" | "settle" | "supported";

export interface RemoteFacilitatorOptions {
  /** Base URL; `/verify`, `/settle` and `/supported` are appended. */
  url: string;
  /** Auth headers (e.g. a CDP JWT), per call so short-lived tokens can be minted each time. */
  headers?: Record<string, string> | ((operation: Operation) => Record<string, string> | Promise<Record<string, string>>);
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Per operation; settle waits for a receipt, so it gets the most room. */
  timeoutMs?: Partial<Record<Operation, number>>;
}

const DEFAULT_TIMEOUT_MS: Record<Operation, number> = { verify: 15_000, settle: 60_000, supported: 10_000 };

const Extensions = z.record(z.string(), z.unknown()).optional();

const VerifyResponseSchema = z.object({
  isValid: z.boolean(),
  invalidReason: z.string().optional(),
  invalidMessage: z.string().optional(),
  payer: z.string().optional(),
  extensions: Extensions,
  extensionResponses: Extensions,
  extra: Extensions,
});

const Caip2 = z.custom<`${string}:${string}`>((v) => typeof v === "string" && /^[^:\s]+:[^:\s]+$/.test(v));

const SettleResponseSchema = z.object({
  success: z.boolean(),
  errorReason: z.string().optional(),
  errorMessage: z.string().optional(),
  payer: z.string().optional(),
  transaction: z.string(),
  network: Caip2,
  amount: z.string().optional(),
  extensions: Extensions,
  extensionResponses: Extensions,
  extra: Extensions,
});

const SupportedResponseSchema = z.object({
  kinds: z.array(
    z.object({ x402Version: z.number(), scheme: z.string(), network: Caip2, extra: Extensions }),
  ),
  extensions: z.array(z.string()).default([]),
  signers: z.record(z.string(), z.array(z.string())).default({}),
});

export class RemoteFacilitator implements Facilitator {
  readonly url: string;
  readonly #headers: RemoteFacilitatorOptions["headers"];
  readonly #fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly #timeouts: Record<Operation, number>;

  constructor(options: RemoteFacilitatorOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.#headers = options.headers;
    // Called as a plain function: workerd throws "Illegal invocation" when the global fetch is
    // invoked as a method of another object.
    const fetchImpl = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
    this.#fetch = (input, init) => fetchImpl(input, init);
    this.#timeouts = { ...DEFAULT_TIMEOUT_MS, ...options.timeoutMs };
  }

  async verify(payload: PaymentPayload, requirements: PaymentRequirements): Promise<VerifyResponse> {
    const { status, body } = await this.#call("verify", "POST", requestBody(payload, requirements));
    const parsed = VerifyResponseSchema.safeParse(body);
    if (parsed.success && isAnswer(status, parsed.data.isValid)) return parsed.data;
    throw unavailable("verify", status, body);
  }

  async settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleResponse> {
    const { status, body } = await this.#call("settle", "POST", requestBody(payload, requirements));
    const parsed = SettleResponseSchema.safeParse(body);
    if (parsed.success && isAnswer(status, parsed.data.success)) return parsed.data;
    throw unavailable("settle", status, body);
  }

  async supported(): Promise<SupportedResponse> {
    const { status, body } = await this.#call("supported", "GET");
    const parsed = SupportedResponseSchema.safeParse(body);
    if (parsed.success && status < 300) return parsed.data;
    throw unavailable("supported", status, body);
  }

  async #call(operation: Operation, method: "GET" | "POST", body?: string): Promise<{ status: number; body: unknown }> {
    const extra = typeof this.#headers === "function" ? await this.#headers(operation) : (this.#headers ?? {});
    const timeoutMs = this.#timeouts[operation];
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await this.#fetch(`${this.url}/${operation}`, {
        method,
        headers: { accept: "application/json", ...(body ? { "content-type": "application/json" } : {}), ...extra },
        ...(body ? { body } : {}),
        signal,
      });
      // The deadline covers the body too: a facilitator that sends headers then stalls is down.
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new FacilitatorUnavailable(operation, `facilitator ${operation} answered ${response.status} with a non-JSON body: ${excerpt(text)}`, {
          status: response.status,
        });
      }
      return { status: response.status, body: json };
    } catch (error) {
      if (error instanceof FacilitatorUnavailable) throw error;
      const timedOut = signal.aborted;
      throw new FacilitatorUnavailable(
        operation,
        timedOut
          ? `facilitator ${operation} timed out after ${timeoutMs} ms`
          : `facilitator ${operation} unreachable: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}

// Facilitators answer a refusal either 200 or 4xx with the same body; both are answers. A 5xx, or a
// "yes" outside 2xx, is not something to act on.
function isAnswer(status: number, positive: boolean): boolean {
  return status >= 200 && (status < 300 || (status < 500 && !positive));
}

function requestBody(payload: PaymentPayload, requirements: PaymentRequirements): string {
  return JSON.stringify({ x402Version: payload.x402Version, paymentPayload: payload, paymentRequirements: requirements });
}

function unavailable(operation: Operation, status: number, body: unknown): FacilitatorUnavailable {
  return new FacilitatorUnavailable(
    operation,
    `facilitator ${operation} answered ${status} with an unexpected body: ${excerpt(JSON.stringify(body))}`,
    { status },
  );
}

function excerpt(text: string): string {
  const compact = text.trim().replace(/\s+/g, " ");
  return compact.length > 200 ? `${compact.slice(0, 197)}...` : compact || "<empty>";
}
