import { DurableObject } from "cloudflare:workers";
import type { PaymentPayload, PaymentRequirements } from "@411data/x402";
import { runtime } from "./runtime.ts";
import { settleFailure, type SettleOutcome } from "./settle-outcome.ts";

/**
 * Sends the settlements of one local facilitator key (addressed by that key's address), so one
 * object hands out that key's nonces and no two isolates race for the same one. Calls are not
 * serialized here: the object keeps no storage and never blocks concurrency, so concurrent
 * settlements interleave at every await and the facilitator pipelines them (sent without waiting
 * for each other's receipts). A remote facilitator orders its own sends and is called from the
 * Worker directly. Results cross the RPC boundary as tagged values (settle-outcome.ts).
 */
export class Settler extends DurableObject<Env> {
  async settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleOutcome> {
    try {
      return { ok: true, response: await runtime().facilitator(this.env).settle(payload, requirements) };
    } catch (err) {
      return settleFailure(err);
    }
  }
}
