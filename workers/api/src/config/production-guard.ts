import { TEST_USDC_ADDRESS } from "../../../../packages/chain/src/constants.ts";

// A production Worker must never run on the parts that make local development work: sandbox vendors
// answering synthetic people for real money, a local chain, the project's test token, the in-process
// facilitator, or the development server secret. Each rule names the settings it needs, never values.

export interface GuardRule {
  rule: "vendor_key_missing" | "local_chain" | "test_token" | "no_facilitator" | "no_server_secret" | "insecure_base_url" | "offline_chat_model";
  keys: string[];
  message: string;
}

/** The settings the guard reads: vars as strings, secrets when set. */
export type GuardEnv = Partial<Record<string, unknown>>;

const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

/** Every rule a production configuration breaks; empty when it may serve (or is not production). */
export function productionViolations(env: GuardEnv): GuardRule[] {
  if (env.ENVIRONMENT !== "production") return [];
  const set = (k: string) => typeof env[k] === "string" && (env[k] as string).trim() !== "";
  const out: GuardRule[] = [];

  // Phone, person and lead sessions always run on Whitepages; websearch, jobs and lead sessions on OpenAI.
  const vendorKeys = ["WHITEPAGES_API_KEY", "OPENAI_API_KEY"];
  // People Data Labs: the waterfall's second vendor, and the catalog tier (email, company, lead search).
  const catalog = String(env.CATALOG_ROUTES_ENABLED ?? "").trim();
  if ((env.FALLBACK_PERSON_VENDOR ?? "peopledatalabs") === "peopledatalabs" || catalog !== "") vendorKeys.push("PDL_API_KEY");
  const missing = vendorKeys.filter((k) => !set(k));
  if (missing.length > 0) {
    out.push({ rule: "vendor_key_missing", keys: missing, message: "an enabled route would be answered by a sandbox vendor with synthetic data" });
  }

  if (LOCAL_CHAIN_IDS.has(Number(env.CHAIN_ID)) || isLocalUrl(String(env.CHAIN_RPC_URL ?? ""))) {
    out.push({ rule: "local_chain", keys: ["CHAIN_ID", "CHAIN_RPC_URL"], message: "the chain is a local development chain" });
  }
  if (String(env.USDC_ADDRESS ?? "").toLowerCase() === TEST_USDC_ADDRESS.toLowerCase()) {
    out.push({ rule: "test_token", keys: ["USDC_ADDRESS"], message: "the token is the project's local test token" });
  }
  if (!set("FACILITATOR_URL")) {
    out.push({ rule: "no_facilitator", keys: ["FACILITATOR_URL"], message: "no hosted x402 facilitator is configured" });
  }
  if (!set("SERVER_SECRET")) {
    out.push({ rule: "no_server_secret", keys: ["SERVER_SECRET"], message: "no server secret keys address hashes, agent ids and callback secrets" });
  }
  // The enrich agent's offline model is the development stand-in for an LLM; production names one
  // (CHAT_PROVIDER) and its key.
  const chat = String(env.CHAT_PROVIDER ?? "offline");
  // (On OpenAI its key is the vendor rule's already.)
  const chatKey = chat === "openai" ? "OPENAI_API_KEY" : chat === "anthropic" ? "ANTHROPIC_API_KEY" : null;
  if (chatKey === null || (chat === "anthropic" && !set(chatKey))) {
    out.push({ rule: "offline_chat_model", keys: chatKey ? ["CHAT_PROVIDER", chatKey] : ["CHAT_PROVIDER"], message: "the chat agent would answer with the offline development model" });
  }
  if (!String(env.PUBLIC_BASE_URL ?? "").startsWith("https://")) {
    out.push({ rule: "insecure_base_url", keys: ["PUBLIC_BASE_URL"], message: "the public base URL is not https" });
  }
  return out;
}

function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host) || host === "0.0.0.0";
  } catch {
    return false;
  }
}
