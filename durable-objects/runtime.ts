import { type Facilitator, LocalFacilitator, RemoteFacilitator } from "@411data/x402";
import { llmSummarizer, summarySandbox, type Summarizer } from "@411data/lead-session";
import { createVendors, type Vendors, vendorsConfigFromEnv } from "@411data/vendors";
import { ApiError } from "@411data/core";
import type { Hex } from "viem";
import { loadConfig } from "../workers/api/src/config.ts";

// The collaborators built from bindings: vendor clients, the x402 facilitator, the session
// summarizer. Built once per env object. Durable Objects and code with no request (queue, scheduled)
// call `runtime()`; a Worker request reads them from its context (`c.var.runtime`, set by
// createApp, whose `runtime` option overrides some for one app). A test swaps one for the Durable
// Objects with `useRuntime` (e.g. a facilitator that fails mid-settlement) without proxying bindings.

export interface Runtime {
  vendors(env: Env): Vendors;
  facilitator(env: Env): Facilitator;
  summarizer(env: Env): Summarizer;
}

function memo<T>(build: (env: Env) => T): (env: Env) => T {
  const cache = new WeakMap<object, T>();
  return (env) => {
    let hit = cache.get(env);
    if (hit === undefined) {
      hit = build(env);
      cache.set(env, hit);
    }
    return hit;
  };
}

/** Production settles through a hosted facilitator (FACILITATOR_URL); local runs and tests run one in process against anvil. */
function buildFacilitator(env: Env): Facilitator {
  if (env.FACILITATOR_URL) {
    return new RemoteFacilitator({
      url: env.FACILITATOR_URL,
      headers: env.FACILITATOR_AUTH_HEADER ? { authorization: env.FACILITATOR_AUTH_HEADER } : {},
    });
  }
  if (env.FACILITATOR_PRIVATE_KEY) {
    const config = loadConfig(env);
    return new LocalFacilitator({ rpcUrl: config.CHAIN_RPC_URL, chainId: config.CHAIN_ID, privateKey: env.FACILITATOR_PRIVATE_KEY as Hex, pollingIntervalMs: 100 });
  }
  throw new ApiError("BAD_ENVIRONMENT", "no x402 facilitator is configured", { details: { keys: ["FACILITATOR_URL", "FACILITATOR_PRIVATE_KEY"] } });
}

/** OpenAI when a key is configured, its in-process sandbox otherwise (the same rule as the vendors). */
function buildSummarizer(env: Env): Summarizer {
  const config = loadConfig(env);
  return env.OPENAI_API_KEY
    ? llmSummarizer({
        apiKey: env.OPENAI_API_KEY,
        baseUrl: config.OPENAI_BASE_URL ?? "https://api.openai.com",
        fetch: (req) => fetch(req),
        ...(config.OPENAI_SUMMARY_MODEL ? { model: config.OPENAI_SUMMARY_MODEL } : {}),
      })
    : llmSummarizer({ apiKey: "sandbox", baseUrl: "https://openai.sandbox.invalid", fetch: summarySandbox() });
}

/**
 * Vendor settings come from the validated config (a bad value is BAD_ENVIRONMENT, never a silent
 * default); keys are secrets and stay in env.
 */
function buildVendors(env: Env): Vendors {
  const config = loadConfig(env);
  const settings: Record<string, unknown> = {
    WHITEPAGES_API_KEY: env.WHITEPAGES_API_KEY,
    OPENAI_API_KEY: env.OPENAI_API_KEY,
    PDL_API_KEY: env.PDL_API_KEY,
  };
  for (const key of ["OPENAI_MODEL", "WEBSEARCH_MAX_SEARCHES", "WEBSEARCH_TIMEOUT_MS", "VENDOR_TIMEOUT_MS", "PDL_MIN_LIKELIHOOD", "WHITEPAGES_BASE_URL", "OPENAI_BASE_URL", "PDL_BASE_URL", "SANDBOX_SEED", "SANDBOX_LATENCY_MS"] as const) {
    const value = config[key];
    if (value !== undefined) settings[key] = String(value);
  }
  return createVendors(vendorsConfigFromEnv(settings));
}

const DEFAULT: Runtime = {
  vendors: memo(buildVendors),
  facilitator: memo(buildFacilitator),
  summarizer: memo(buildSummarizer),
};

let current: Runtime = DEFAULT;

export function runtime(): Runtime {
  return current;
}

/** Replaces some collaborators until the returned function restores them (tests only). */
export function useRuntime(overrides: Partial<Runtime>): () => void {
  const before = current;
  current = { ...current, ...overrides };
  return () => {
    current = before;
  };
}

/** The address a local facilitator key sends from; null for a remote facilitator (it signs elsewhere). */
export function localSigner(facilitator: Facilitator): string | null {
  return facilitator instanceof LocalFacilitator ? facilitator.address.toLowerCase() : null;
}
