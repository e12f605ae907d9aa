import { FacilitatorUnavailable, PaymentRejected, type SettleResponse } from "@411data/x402";

// A settlement's outcome as it crosses the Settler's RPC boundary, and back. Workers RPC keeps only
// an error's message and name, and "the settlement may have moved money" must not arrive as a bare
// 500. Kept apart from the Durable Object so the Worker side imports no runtime-only module.

export type SettleOutcome =
  | { ok: true; response: SettleResponse }
  | { ok: false; kind: "unavailable"; message: string; transaction?: string; status?: number }
  | { ok: false; kind: "rejected"; reason: string; message: string; details: unknown }
  | { ok: false; kind: "error"; message: string };

export function settleFailure(err: unknown): SettleOutcome {
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
