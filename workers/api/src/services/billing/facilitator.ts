import { type Facilitator, LocalFacilitator, RemoteFacilitator } from "@411data/x402";
import type { Hex } from "viem";
import { ApiError } from "@411data/core";
import { loadConfig } from "../../config.ts";

// Production settles through a hosted facilitator (FACILITATOR_URL, auth from secrets); local runs
// and tests run the SDK's facilitator in process against anvil with a key from .dev.vars.
const cache = new WeakMap<object, Facilitator>();

export function facilitatorFromEnv(env: Env): Facilitator {
  const hit = cache.get(env);
  if (hit) return hit;
  const config = loadConfig(env);
  let facilitator: Facilitator;
  if (env.FACILITATOR_URL) {
    facilitator = new RemoteFacilitator({
      url: env.FACILITATOR_URL,
      headers: env.FACILITATOR_AUTH_HEADER ? { authorization: env.FACILITATOR_AUTH_HEADER } : {},
    });
  } else if (env.FACILITATOR_PRIVATE_KEY) {
    facilitator = new LocalFacilitator({
      rpcUrl: config.CHAIN_RPC_URL,
      chainId: config.CHAIN_ID,
      privateKey: env.FACILITATOR_PRIVATE_KEY as Hex,
      pollingIntervalMs: 100,
    });
  } else {
    throw new ApiError("BAD_ENVIRONMENT", "no x402 facilitator is configured", {
      details: { keys: ["FACILITATOR_URL", "FACILITATOR_PRIVATE_KEY"] },
    });
  }
  cache.set(env, facilitator);
  return facilitator;
}

/**
 * What the Worker uses: verification where the request is (read-only), settlement through the one
 * Settler object so the facilitator key's nonces stay in order.
 */
export function workerFacilitator(env: Env): Facilitator {
  const local = facilitatorFromEnv(env);
  const settler = env.SETTLER.getByName("x402-settler");
  return {
    verify: (payload, requirements) => local.verify(payload, requirements),
    settle: (payload, requirements) => settler.settle(payload, requirements),
    supported: () => local.supported(),
  };
}
