import type { Fetch } from "./http.ts";
import { OpenAIWebResearch, OPENAI_BASE_URL, type OpenAIWebResearchOptions } from "./openai/client.ts";
import { createOpenAISandbox, type OpenAISandboxOptions } from "./openai/sandbox.ts";
import { PDL_BASE_URL, PdlClient, type PdlClientOptions } from "./pdl/client.ts";
import { createPdlSandbox, type PdlSandboxOptions } from "./pdl/sandbox.ts";
import { WhitepagesClient, WHITEPAGES_BASE_URL, type WhitepagesClientOptions } from "./whitepages/client.ts";
import { createWhitepagesSandbox, type WhitepagesSandboxOptions } from "./whitepages/sandbox.ts";

type Common = "apiKey" | "fetch" | "baseUrl" | "now";

export type VendorsConfig = {
  whitepages?: { apiKey?: string; baseUrl?: string } & Omit<WhitepagesClientOptions, Common>;
  openai?: { apiKey?: string; baseUrl?: string } & Omit<OpenAIWebResearchOptions, Common>;
  pdl?: { apiKey?: string; baseUrl?: string } & Omit<PdlClientOptions, Common>;
  /** Options for the sandboxes used when a vendor has no key. */
  sandbox?: WhitepagesSandboxOptions & OpenAISandboxOptions & PdlSandboxOptions;
  /** Transport for live vendors; defaults to the global fetch. */
  fetch?: Fetch;
  now?: () => Date;
};

export type VendorMode = "live" | "sandbox";

export type Vendors = {
  whitepages: WhitepagesClient;
  webResearch: OpenAIWebResearch;
  /** People Data Labs: the person fallback of the waterfall, and company enrich/search. */
  pdl: PdlClient;
  modes: { whitepages: VendorMode; openai: VendorMode; peopledatalabs: VendorMode };
};

export const SANDBOX_WHITEPAGES_URL = "https://whitepages.sandbox.invalid";
export const SANDBOX_OPENAI_URL = "https://openai.sandbox.invalid";
export const SANDBOX_PDL_URL = "https://peopledatalabs.sandbox.invalid";
/** Sent to sandboxes, which (like the real APIs) only check that a key is present. */
export const SANDBOX_API_KEY = "sandbox";

/**
 * A key present → the real vendor over the network. No key (the default, and in every test) →
 * the same adapter pointed at an in-process sandbox, so the code under test is production code.
 */
export function createVendors(config: VendorsConfig = {}): Vendors {
  const live: Fetch = config.fetch ?? ((req) => fetch(req));
  const now = config.now ? { now: config.now } : {};
  const { apiKey: wpKey, baseUrl: wpUrl, ...wpRest } = config.whitepages ?? {};
  const { apiKey: oaKey, baseUrl: oaUrl, ...oaRest } = config.openai ?? {};
  const { apiKey: pdlKey, baseUrl: pdlUrl, ...pdlRest } = config.pdl ?? {};

  let whitepages: WhitepagesClient;
  if (wpKey) {
    whitepages = new WhitepagesClient({ ...wpRest, ...now, apiKey: wpKey, baseUrl: wpUrl ?? WHITEPAGES_BASE_URL, fetch: live });
  } else {
    const app = createWhitepagesSandbox(config.sandbox);
    whitepages = new WhitepagesClient({ ...wpRest, ...now, apiKey: SANDBOX_API_KEY, baseUrl: SANDBOX_WHITEPAGES_URL, fetch: async (req) => app.fetch(req) });
  }

  let webResearch: OpenAIWebResearch;
  if (oaKey) {
    webResearch = new OpenAIWebResearch({ ...oaRest, ...now, apiKey: oaKey, baseUrl: oaUrl ?? OPENAI_BASE_URL, fetch: live });
  } else {
    const app = createOpenAISandbox(config.sandbox);
    webResearch = new OpenAIWebResearch({ ...oaRest, ...now, apiKey: SANDBOX_API_KEY, baseUrl: SANDBOX_OPENAI_URL, fetch: async (req) => app.fetch(req) });
  }

  let pdl: PdlClient;
  if (pdlKey) {
    pdl = new PdlClient({ ...pdlRest, ...now, apiKey: pdlKey, baseUrl: pdlUrl ?? PDL_BASE_URL, fetch: live });
  } else {
    const app = createPdlSandbox(config.sandbox);
    pdl = new PdlClient({ ...pdlRest, ...now, apiKey: SANDBOX_API_KEY, baseUrl: SANDBOX_PDL_URL, fetch: async (req) => app.fetch(req) });
  }

  const mode = (key: string | undefined): VendorMode => (key ? "live" : "sandbox");
  return { whitepages, webResearch, pdl, modes: { whitepages: mode(wpKey), openai: mode(oaKey), peopledatalabs: mode(pdlKey) } };
}

/** Reads the usual Worker vars/secrets (strings) into a VendorsConfig. */
export function vendorsConfigFromEnv(env: Record<string, unknown>): VendorsConfig {
  const s = (k: string): string | undefined => (typeof env[k] === "string" && env[k] !== "" ? (env[k] as string) : undefined);
  const n = (k: string): number | undefined => {
    const v = s(k);
    return v !== undefined && Number.isFinite(Number(v)) ? Number(v) : undefined;
  };
  const cfg: VendorsConfig = { whitepages: {}, openai: {}, pdl: {}, sandbox: {} };
  const wp = cfg.whitepages ?? {};
  const oa = cfg.openai ?? {};
  const pdl = cfg.pdl ?? {};
  const sb = cfg.sandbox ?? {};
  const set = <O extends object, K extends keyof O>(o: O, k: K, v: O[K] | undefined): void => {
    if (v !== undefined) o[k] = v;
  };
  set(wp, "apiKey", s("WHITEPAGES_API_KEY"));
  set(wp, "baseUrl", s("WHITEPAGES_BASE_URL"));
  set(wp, "timeoutMs", n("VENDOR_TIMEOUT_MS"));
  set(oa, "apiKey", s("OPENAI_API_KEY"));
  set(oa, "baseUrl", s("OPENAI_BASE_URL"));
  set(oa, "model", s("OPENAI_MODEL"));
  set(oa, "maxSearches", n("WEBSEARCH_MAX_SEARCHES"));
  set(oa, "timeoutMs", n("WEBSEARCH_TIMEOUT_MS"));
  set(pdl, "apiKey", s("PDL_API_KEY"));
  set(pdl, "baseUrl", s("PDL_BASE_URL"));
  set(pdl, "timeoutMs", n("VENDOR_TIMEOUT_MS"));
  set(pdl, "minLikelihood", n("PDL_MIN_LIKELIHOOD"));
  set(sb, "seed", n("SANDBOX_SEED"));
  set(sb, "latencyMs", n("SANDBOX_LATENCY_MS"));
  return cfg;
}
