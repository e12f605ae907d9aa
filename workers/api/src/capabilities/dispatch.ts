import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ExecutionContext as HonoExecutionContext } from "hono";
import { ApiError } from "@411data/core";
import { decodePaymentRequiredHeader, decodePaymentResponseHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentPayload, PaymentRequired, SettleResponse } from "@x402/core/types";
import type { AppEnv } from "../context.ts";
import { markDoor } from "./door.ts";
import { operationOf } from "./operation.ts";
import type { Capability } from "./registry.ts";

// How a door runs a capability: it builds the REST request and hands it to the same app, so the
// call passes through every middleware and the route's own paid wrapper (auth, quota, hold or
// x402, capture on match, idempotency, request log). There is no other path to money.

export interface DoorCall {
  /** Recorded in the request log, e.g. `mcp:enrich_phone`. */
  door: string;
  /** The tool arguments, as the caller sent them: the route validates them. */
  args: unknown;
  /** The caller's `Authorization` header, when it has one. */
  authorization?: string | null;
  /** Scoped to the door, so it never collides with a key the same caller used over REST. */
  idempotencyKey?: string | null;
  /** An x402 payment: a PaymentPayload object, or its base64 PAYMENT-SIGNATURE form. */
  payment?: unknown;
  /** The request that reached the door: its origin and client-address headers go along. */
  via: Request;
}

export interface DoorAnswer {
  status: number;
  /** The route's JSON body (or its text when it answered something else). */
  body: unknown;
  /** X-Request-Id of the REST call: the stored call that holds its billing. */
  requestId: string | null;
  /** The 402's PaymentRequired exactly as the PAYMENT-REQUIRED header carries it. */
  paymentRequired: PaymentRequired | null;
  /** The settlement of an x402 payment (PAYMENT-RESPONSE). */
  paymentResponse: SettleResponse | null;
  replayed: boolean;
}

/** Headers that identify the client to the limits and the log; everything else is rebuilt. */
const FORWARDED = ["cf-connecting-ip", "x-real-ip", "user-agent"];

export async function runCapability(
  app: OpenAPIHono<AppEnv>,
  env: Env,
  ctx: HonoExecutionContext,
  cap: Capability,
  call: DoorCall,
): Promise<DoorAnswer> {
  if (cap.bearer === "required" && !call.authorization) {
    throw new ApiError("UNAUTHORIZED", `${cap.tool} needs \`Authorization: Bearer 411_…\``, {
      details: { next_action: "mint an agent at POST /api/v1/agents/wallet-nonce then /wallet-register, and send its bearer" },
    });
  }
  const op = operationOf(cap, app);
  const headers = new Headers({ accept: "application/json" });
  for (const name of FORWARDED) {
    const value = call.via.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (call.authorization) headers.set("authorization", call.authorization);
  if (call.idempotencyKey) headers.set("idempotency-key", `${call.door}:${call.idempotencyKey}`);
  const payment = paymentHeader(call.payment);
  if (payment) headers.set("payment-signature", payment);

  const args = isObject(call.args) ? call.args : {};
  let path = op.path;
  const rest: Record<string, unknown> = { ...args };
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
    const value = args[name!];
    if (typeof value !== "string" || value === "") {
      throw new ApiError("VALIDATION_FAILED", `${name} is required`, { details: { field: name } });
    }
    path = path.replace(`{${name}}`, encodeURIComponent(value));
    delete rest[name!];
  }
  const url = new URL(path, call.via.url);
  let body: string | undefined;
  if (op.method === "POST") {
    headers.set("content-type", "application/json");
    body = JSON.stringify(call.args ?? {});
  } else {
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
  }

  const request = markDoor(new Request(url, { method: op.method, headers, body }), call.door);
  const res = await app.fetch(request, env, ctx);
  const text = await res.text();
  return {
    status: res.status,
    body: parseBody(text, res.headers.get("content-type")),
    requestId: res.headers.get("x-request-id"),
    paymentRequired: decoded(res.headers.get("payment-required"), decodePaymentRequiredHeader),
    paymentResponse: decoded(res.headers.get("payment-response"), decodePaymentResponseHeader),
    replayed: res.headers.get("idempotent-replayed") === "true",
  };
}

function paymentHeader(payment: unknown): string | null {
  if (payment === undefined || payment === null) return null;
  if (typeof payment === "string") return payment;
  if (isObject(payment)) return encodePaymentSignatureHeader(payment as unknown as PaymentPayload);
  throw new ApiError("VALIDATION_FAILED", "an x402 payment is a PaymentPayload object or its base64 string", {
    details: { field: "x402/payment" },
  });
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!/json/i.test(contentType ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function decoded<T>(header: string | null, decode: (h: string) => T): T | null {
  if (!header) return null;
  try {
    return decode(header);
  } catch {
    return null;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
