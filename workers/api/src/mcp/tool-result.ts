import { type ApiError, errorEnvelope } from "@411data/core";
import { apiErrorOf } from "@411data/x402";
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { DoorAnswer } from "../capabilities/dispatch.ts";

// What a tool call answers, from what its REST route answered: the body as structuredContent with
// a JSON text copy; a 402 as the x402 tool-result binding (its PaymentRequired, the same accepts[]
// as the REST 402); every other failure as an isError result carrying the error envelope.

export function toolResult(answer: DoorAnswer): CallToolResult {
  const meta: Record<string, unknown> = {};
  if (answer.requestId) meta.request_id = answer.requestId;
  if (answer.paymentResponse) meta["x402/payment-response"] = answer.paymentResponse;

  if (answer.status >= 200 && answer.status < 300) {
    return { content: [text(answer.body)], structuredContent: answer.body as Record<string, unknown>, _meta: meta };
  }
  if (answer.status === 402 && answer.paymentRequired) {
    // structuredContent and content[0] are the PaymentRequired itself (x402 MCP transport);
    // the envelope follows with the message and the next action.
    return {
      isError: true,
      content: [text(answer.paymentRequired), text(envelopeOf(answer.body))],
      structuredContent: answer.paymentRequired as unknown as Record<string, unknown>,
      _meta: meta,
    };
  }
  return { isError: true, content: [text(answer.body)], structuredContent: answer.body as Record<string, unknown>, _meta: meta };
}

/** A failure before the route ran (a door-side refusal): the same envelope, under the /mcp request id. */
export function errorResult(err: ApiError, requestId: string): CallToolResult {
  const body = errorEnvelope(err.code, err.message, err.details, requestId);
  return { isError: true, content: [text(body)], structuredContent: body, _meta: { request_id: requestId } };
}

function envelopeOf(body: unknown): unknown {
  return typeof body === "object" && body !== null && "error" in body ? { error: apiErrorOf(body) } : body;
}

function text(value: unknown) {
  return { type: "text" as const, text: typeof value === "string" ? value : JSON.stringify(value) };
}
