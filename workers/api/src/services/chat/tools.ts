import { tool, type FlexibleSchema, type ToolSet } from "ai";
import { toUsd, type Micros } from "@411data/core";
import { apiErrorOf } from "@411data/x402";

// The chat agent's tools are the API's capabilities, run through the same door every client
// uses (dispatch → the REST route in-process → the one paid wrapper). What this module adds is the
// turn's own guard: a per-turn spend limit the user sets and a tool budget, both enforced here in
// code, so nothing the model is told (or a pasted prompt tells it) can lift them.

export interface ChatCapability {
  tool: string;
  description: string;
  /** The route's input schema as JSON Schema, for the model; the route itself validates. */
  input: FlexibleSchema<unknown>;
  /** The most one call can charge for this input (its hold); 0 for free tools. */
  maxCharge(input: unknown): Micros;
}

export interface DispatchResult {
  status: number;
  body: any;
}

export type Dispatch = (tool: string, input: unknown) => Promise<DispatchResult>;

export interface PendingCall {
  tool: string;
  input: unknown;
  max_micros: Micros;
}

/** What a tool answers the model (and the page): the API's answer, or why it did not run. */
export type ToolOutput =
  | { status: "ok"; result: unknown; cost_usd: number }
  | { status: "error"; error: { code: string; message: string; details?: unknown } }
  | { status: "needs_confirmation"; max_usd: number; turn_limit_usd: number };

export class TurnGuard {
  private reserved: Micros = 0;
  private calls = 0;
  pending: PendingCall | null = null;

  readonly limit: Micros;
  readonly maxCalls: number;

  constructor(limit: Micros, maxCalls: number) {
    this.limit = limit;
    this.maxCalls = maxCalls;
  }

  /** Synchronous check-and-reserve: tools of one step run concurrently and must not both pass. */
  admit(call: PendingCall): "ok" | "over_limit" | "over_budget" {
    if (this.calls >= this.maxCalls) return "over_budget";
    if (this.reserved + call.max_micros > this.limit) return "over_limit";
    this.calls += 1;
    this.reserved += call.max_micros;
    return "ok";
  }

  /** After the call: the reservation becomes what was really charged. */
  settle(reservedMicros: Micros, chargedMicros: Micros) {
    this.reserved += chargedMicros - reservedMicros;
  }

  left(): Micros {
    return Math.max(0, this.limit - this.reserved);
  }
}

export async function callTool(dispatch: Dispatch, name: string, input: unknown): Promise<{ output: ToolOutput; charged: Micros }> {
  const res = await dispatch(name, input);
  if (res.status >= 400) {
    const error = (apiErrorOf(res.body) as typeof res.body.error | undefined) ?? { code: "INTERNAL_ERROR", message: `HTTP ${res.status}` };
    return { output: { status: "error", error: { code: error.code, message: error.message, details: error.details ?? undefined } }, charged: 0 };
  }
  const charged = Math.round(Number(res.body?.billing?.charged_usd ?? 0) * 1_000_000);
  return { output: { status: "ok", result: res.body, cost_usd: toUsd(charged) }, charged };
}

export function chatTools(capabilities: readonly ChatCapability[], dispatch: Dispatch, guard: TurnGuard): ToolSet {
  const tools: ToolSet = {};
  for (const cap of capabilities) {
    tools[cap.tool] = tool({
      description: cap.description,
      inputSchema: cap.input,
      execute: async (input: unknown): Promise<ToolOutput> => {
        const max = cap.maxCharge(input);
        const admitted = guard.admit({ tool: cap.tool, input, max_micros: max });
        if (admitted === "over_budget") {
          return { status: "error", error: { code: "TOOL_BUDGET_EXCEEDED", message: `a turn runs at most ${guard.maxCalls} tools; send another message to continue` } };
        }
        if (admitted === "over_limit") {
          // Kept for the user's "confirm": the one call they are asked about, nothing else.
          guard.pending ??= { tool: cap.tool, input, max_micros: max };
          return { status: "needs_confirmation", max_usd: toUsd(max), turn_limit_usd: toUsd(guard.left()) };
        }
        const { output, charged } = await callTool(dispatch, cap.tool, input);
        guard.settle(max, charged);
        return output;
      },
    });
  }
  return tools;
}
