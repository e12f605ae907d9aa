import { DurableObject } from "cloudflare:workers";
import { FacilitatorUnavailable, type PaymentPayload, type PaymentRequirements, PaymentRejected, type SettleResponse } from "@411data/x402";
import { runtime } from "./runtime.ts";

/**
 * Sends the settlements of one local facilitator key (addressed by that key's address), so its
 * transactions leave in order and never race for the same nonce across isolates. A remote
 * facilitator orders its own sends and is called from the Worker directly.
 *
 * Results cross the RPC boundary as tagged values: Workers RPC keeps only an error's message and
 * name, and "the settlement may have moved money" must not arrive as a bare 500.
 */
export type SettleOutcome =
  | { ok: true; response: SettleResponse }
  | { ok: false; kind: "unavailable"; message: string; transaction?: string; status?: number }
  | { ok: false; kind: "rejected"; reason: string; message: string; details: unknown }
  | { ok: false; kind: "error"; message: string };

export class Settler extends DurableObject<Env> {
  async settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleOutcome> {
    try {
      return { ok: true, response: await runtime().facilitator(this.env).settle(payload, requirements) };
    } catch (err) {
      return settleFailure(err);
    }
  }
}

function settleFailure(err: unknown): SettleOutcome {
  if (err instanceof FacilitatorUnavailable) {
    const details = (err.details ?? {}) as { transaction?: unknown; status?: unknown };
    return {
      ok: false,
      kind: "unavailable",
      message: err.message,
      ...(typeof details.transaction === "string" ? { transaction: details.transaction } : {}),
      ...(typeof details.status === "number" ? { status: details.status } : {}),
    };
  }
  if (err instanceof PaymentRejected) return { ok: false, kind: "rejected", reason: err.reason, message: err.message, details: err.details };
  // Anything else happened inside the facilitator after the request left: the outcome is unknown.
  return { ok: false, kind: "error", message: err instanceof Error ? err.message : String(err) };
}

/** The Worker's side of the boundary: the tagged outcome back into the error the caller handles. */
export function settleResult(outcome: SettleOutcome): SettleResponse {
  if (outcome.ok) return outcome.response;
  switch (outcome.kind) {
    case "rejected":
      throw new PaymentRejected(outcome.reason, outcome.message, { details: outcome.details });
    case "unavailable":
      throw new FacilitatorUnavailable("settle", outcome.message, {
        ...(outcome.transaction ? { transaction: outcome.transaction } : {}),
        ...(outcome.status ? { status: outcome.status } : {}),
      });
    case "error":
      throw new FacilitatorUnavailable("settle", `settlement outcome unknown: ${outcome.message}`);
  }
}
