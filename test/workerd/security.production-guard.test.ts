import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/api/src/index.ts";
import { BASE } from "./support/http.ts";

// The real Worker entry, handed a production configuration: every setting a deploy would have, each
// rule then broken alone. Nothing here reaches a vendor or a chain: the guard answers first.
const PRODUCTION: Record<string, unknown> = {
  ENVIRONMENT: "production",
  PUBLIC_BASE_URL: "https://api.411data.example",
  CHAIN_ID: "8453",
  CHAIN_RPC_URL: "https://mainnet.base.example",
  USDC_ADDRESS: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
  FACILITATOR_URL: "https://facilitator.example",
  FACILITATOR_AUTH_HEADER: "Bearer facilitator-token",
  WHITEPAGES_API_KEY: "wp-key",
  OPENAI_API_KEY: "oa-key",
  PDL_API_KEY: "pdl-key",
  SERVER_SECRET: "a-long-random-production-secret",
  CALLBACKS_ALLOW_LOOPBACK: "false",
  CALLBACKS_LOOPBACK_PORTS: "",
  FACILITATOR_PRIVATE_KEY: undefined,
  CHAT_PROVIDER: "openai",
};

async function serve(changes: Record<string, unknown>, path = "/pricing"): Promise<Response> {
  // A fresh object each time: the Worker caches its parsed configuration per env object.
  const productionEnv = { ...env, ...PRODUCTION, ...changes } as Env;
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`), productionEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

interface Refusal {
  error: { code: string; message: string; details: { keys: string[]; rules: { rule: string; keys: string[] }[] } };
}

async function refusal(res: Response): Promise<Refusal["error"]> {
  expect(res.status).toBe(500);
  const body = (await res.json()) as Refusal;
  expect(body.error.code).toBe("BAD_ENVIRONMENT");
  return body.error;
}

describe("production configuration guard", () => {
  it("a complete production configuration serves", async () => {
    expect((await serve({})).status).toBe(200);
  });

  it.each([
    ["vendor_key_missing", { WHITEPAGES_API_KEY: undefined }, ["WHITEPAGES_API_KEY"]],
    ["vendor_key_missing", { OPENAI_API_KEY: "" }, ["OPENAI_API_KEY"]],
    ["vendor_key_missing", { PDL_API_KEY: undefined }, ["PDL_API_KEY"]],
    ["local_chain", { CHAIN_ID: "31337" }, ["CHAIN_ID", "CHAIN_RPC_URL"]],
    ["local_chain", { CHAIN_RPC_URL: "http://127.0.0.1:8545" }, ["CHAIN_ID", "CHAIN_RPC_URL"]],
    ["test_token", { USDC_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }, ["USDC_ADDRESS"]],
    ["no_facilitator", { FACILITATOR_URL: undefined, FACILITATOR_PRIVATE_KEY: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba" }, ["FACILITATOR_URL"]],
    ["no_server_secret", { SERVER_SECRET: undefined }, ["SERVER_SECRET"]],
    ["insecure_base_url", { PUBLIC_BASE_URL: "http://api.411data.example" }, ["PUBLIC_BASE_URL"]],
    ["offline_chat_model", { CHAT_PROVIDER: undefined }, ["CHAT_PROVIDER"]],
    ["offline_chat_model", { CHAT_PROVIDER: "anthropic" }, ["CHAT_PROVIDER", "ANTHROPIC_API_KEY"]],
  ] as const)("%s (%o) refuses every request, naming the settings and never their values", async (rule, change, keys) => {
    for (const path of ["/pricing", "/healthz", "/api/v1/agents/me"]) {
      const error = await refusal(await serve(change, path));
      expect(error.details.rules).toEqual([expect.objectContaining({ rule, keys })]);
      expect(error.details.keys).toEqual(keys);
      for (const value of Object.values(change)) if (value) expect(JSON.stringify(error)).not.toContain(value);
    }
  });

  it("People Data Labs is not required when nothing uses it", async () => {
    expect((await serve({ PDL_API_KEY: undefined, FALLBACK_PERSON_VENDOR: "none", CATALOG_ROUTES_ENABLED: "" })).status).toBe(200);
    const error = await refusal(await serve({ PDL_API_KEY: undefined, FALLBACK_PERSON_VENDOR: "none", CATALOG_ROUTES_ENABLED: "enrich.company" }));
    expect(error.details.keys).toEqual(["PDL_API_KEY"]);
  });

  it("several broken rules are named together", async () => {
    const error = await refusal(await serve({ CHAIN_ID: "31337", USDC_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3", FACILITATOR_URL: undefined }));
    expect(error.details.rules.map((r) => r.rule)).toEqual(["local_chain", "test_token", "no_facilitator"]);
  });

  it("development and test configurations are not held to it", async () => {
    expect((await serve({ ENVIRONMENT: "development", CHAIN_ID: "31337", WHITEPAGES_API_KEY: undefined, FACILITATOR_URL: undefined, SERVER_SECRET: undefined })).status).toBe(200);
  });
});
