import type { Facilitator } from "@411data/x402";
import { localSigner, type Runtime } from "../../../../../durable-objects/runtime.ts";
import { settleResult } from "../../../../../durable-objects/settle-outcome.ts";

/**
 * What the Worker uses, built from `from`: the request's runtime (c.var.runtime), or runtime() where
 * there is no request (the queue's true-ups). The facilitator is a hosted one over HTTP in
 * production, one in process with a key from .dev.vars locally and in tests.
 *
 * Verification runs where the request is (read-only). Settlement with a
 * local key goes through that key's own Settler object, so its nonces stay in order (one object
 * per signer, not one for everything); a remote facilitator orders its own sends and is called
 * directly.
 */
export function workerFacilitator(env: Env, from: Runtime): Facilitator {
  const facilitator = from.facilitator(env);
  const signer = localSigner(facilitator);
  if (signer === null) return facilitator;
  const settler = env.SETTLER.getByName(`x402-settler:${signer}`);
  return {
    verify: (payload, requirements) => facilitator.verify(payload, requirements),
    settle: async (payload, requirements) => settleResult(await settler.settle(payload, requirements)),
    supported: () => facilitator.supported(),
  };
}
