import { DurableObject } from "cloudflare:workers";
import type { PaymentPayload, PaymentRequirements, SettleResponse } from "@411data/x402";
import { facilitatorFromEnv } from "../workers/api/src/services/billing/facilitator.ts";

/**
 * Every x402 settlement goes out from this one object (addressed by a fixed name), so the
 * facilitator key's transactions leave in order and never race for the same nonce across isolates.
 */
export class Settler extends DurableObject {
  async settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleResponse> {
    return facilitatorFromEnv(this.env).settle(payload, requirements);
  }
}
