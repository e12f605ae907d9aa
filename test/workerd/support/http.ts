import { env, exports } from "cloudflare:workers";
import { vi } from "vitest";

export const BASE = "http://localhost:8787";

/** Calls the real Worker entry, with every middleware and binding. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface StoredRequest {
  id: string;
  method: string;
  path: string;
  route: string;
  status: number;
  agent_id: string | null;
  request_headers: string;
  request_body: string | null;
  response_body: string | null;
  latency_ms: number;
  price_micros: number | null;
  charged_micros: number | null;
  error_code: string | null;
}

/** The request log is written after the response; wait for the row to land. */
export async function storedRequest(id: string): Promise<StoredRequest> {
  return vi.waitUntil(
    async () => (await env.DB.prepare("SELECT * FROM requests WHERE id = ?").bind(id).first<StoredRequest>()) ?? false,
    { timeout: 5_000, interval: 20 },
  );
}

/**
 * A body with its error envelope under `error`: a 402 body is an x402 PaymentRequired whose `error`
 * is a string, with our envelope beside it under `api_error`.
 */
export function withEnvelope<T extends object>(raw: T): T {
  const r = raw as { error?: unknown; api_error?: unknown };
  return (typeof r.error === "string" ? { ...raw, error: r.api_error } : raw) as T;
}

export async function expectEnvelope(res: Response, status: number, code: string) {
  const body = withEnvelope((await res.json()) as object) as { error: { code: string; message: string; request_id: string } };
  if (res.status !== status || body.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(body)}`);
  }
  if (typeof body.error.message !== "string" || body.error.message.length === 0) throw new Error("no message");
  if (body.error.request_id !== res.headers.get("x-request-id")) throw new Error("request_id mismatch");
  return body;
}
