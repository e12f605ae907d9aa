import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./errors.ts";
import { createVendors, vendorsConfigFromEnv } from "./factory.ts";
import type { Fetch } from "./http.ts";
import { reservedFault, RESERVED_PHONES, scopedFaultName, scopedFaultPhone } from "./reserved.ts";
import { toE164 } from "./phone.ts";

describe("createVendors", () => {
  it("uses the real base URL, the key and the given transport when a key is configured", async () => {
    const seen: Request[] = [];
    const fake: Fetch = async (req) => {
      seen.push(req);
      if (req.url.includes("/v5/")) return Response.json({ status: 404, error: { type: "not_found", message: "No records were found matching your request" } }, { status: 404 });
      return req.url.includes("/v2/person/")
        ? Response.json({ results: [], metadata: { result_count: 0, page: 1, page_size: 15 } })
        : Response.json({ id: "r", status: "completed", model: "gpt-5", output: [], usage: { input_tokens: 1, output_tokens: 1 } });
    };
    const v = createVendors({ whitepages: { apiKey: "wp-key" }, openai: { apiKey: "sk-live", model: "gpt-5" }, pdl: { apiKey: "pdl-key" }, fetch: fake });
    expect(v.modes).toEqual({ whitepages: "live", openai: "live", peopledatalabs: "live" });
    await v.whitepages.byPhone("+17242060094");
    expect(seen[0]?.url).toBe("https://api.whitepages.com/v2/person/?phone=7242060094&page=1&page_size=15");
    expect(seen[0]?.headers.get("x-api-key")).toBe("wp-key");
    await expect(v.webResearch.research({ business_name: "Acme Corp" })).rejects.toMatchObject({ kind: "malformed" });
    expect(seen[1]?.url).toBe("https://api.openai.com/v1/responses");
    expect(seen[1]?.headers.get("authorization")).toBe("Bearer sk-live");
    expect(await v.pdl.byPhone("+17242060094")).toMatchObject({ matched: false, cost_micro_usd: 0 });
    expect(seen[2]?.url).toBe("https://api.peopledatalabs.com/v5/person/enrich?phone=%2B17242060094&titlecase=true");
    expect(seen[2]?.headers.get("x-api-key")).toBe("pdl-key");
  });

  it("reads keys and knobs from Worker env strings", () => {
    const cfg = vendorsConfigFromEnv({ WHITEPAGES_API_KEY: "k", OPENAI_API_KEY: "", SANDBOX_LATENCY_MS: "25", WEBSEARCH_MAX_SEARCHES: "2", PDL_MIN_LIKELIHOOD: "6" });
    expect(cfg.whitepages?.apiKey).toBe("k");
    expect(cfg.openai?.apiKey).toBeUndefined();
    expect(cfg.openai?.maxSearches).toBe(2);
    expect(cfg.sandbox?.latencyMs).toBe(25);
    expect(cfg.pdl).toEqual({ minLikelihood: 6 });
    expect(createVendors({ ...cfg, fetch: async () => new Response() }).modes).toEqual({ whitepages: "live", openai: "sandbox", peopledatalabs: "sandbox" });
  });
});

describe("helpers", () => {
  it("parses Retry-After as seconds, HTTP date or retry-after-ms", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "12" }), now)).toBe(12);
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), now)).toBe(30);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "1500" }), now)).toBe(2);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it("recognises reserved inputs in any formatting, and only those", () => {
    expect(reservedFault("+1 (555) 010-0429")).toBe("rate_limited");
    expect(reservedFault("5550100408")).toBe("timeout");
    expect(reservedFault("Shop __VENDOR_500__ Inc")).toBe("server_error");
    expect(reservedFault("+17242060094")).toBeNull();
    // Scoped faults: only the named vendor's sandbox acts on them.
    expect(reservedFault("+1 555 010 1429", "whitepages")).toBe("rate_limited");
    expect(reservedFault("+1 555 010 1429", "peopledatalabs")).toBeNull();
    expect(reservedFault("+1 555 010 1429")).toBeNull();
    expect(reservedFault("Acme __PEOPLEDATALABS_TIMEOUT__", "peopledatalabs")).toBe("timeout");
    expect(reservedFault("Acme __peopledatalabs_timeout__", "whitepages")).toBeNull();
    expect(scopedFaultPhone("whitepages", "malformed_json")).toBe("+15550101001");
    expect(scopedFaultName("whitepages", "no_match")).toBe("__whitepages_no_match__");
    expect(reservedFault(undefined)).toBeNull();
    // Reserved numbers are "possible" numbers, so input validation lets them reach the sandbox.
    expect(toE164("555-010-0429")).toBe(RESERVED_PHONES.rate_limited);
    expect(toE164("hello")).toBeNull();
  });
});
