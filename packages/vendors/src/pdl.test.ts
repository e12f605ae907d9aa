import { describe, expect, it } from "vitest";
import { SEED_EXAMPLES } from "./dataset/fixtures.ts";
import { VendorError } from "./errors.ts";
import { createVendors, SANDBOX_PDL_URL } from "./factory.ts";
import { companyQuery, PdlClient } from "./pdl/client.ts";
import { likelihoodToConfidence, normalizePdlPerson } from "./pdl/normalize.ts";
import { createPdlSandbox } from "./pdl/sandbox.ts";
import { PdlPerson } from "./pdl/schema.ts";
import { FAULTS, RESERVED_NAMES, RESERVED_PHONES, RESERVED_RETRY_AFTER_SEC, scopedFaultPhone } from "./reserved.ts";
import { waterfall } from "./waterfall.ts";

const NOW = new Date("2026-06-15T12:00:00Z");

function client(opts: { timeoutMs?: number; minLikelihood?: number } = {}) {
  const app = createPdlSandbox({ today: NOW });
  const requests: Request[] = [];
  const pdl = new PdlClient({
    apiKey: "test-key",
    baseUrl: SANDBOX_PDL_URL,
    fetch: async (req) => {
      requests.push(req.clone());
      return app.fetch(req);
    },
    timeoutMs: opts.timeoutMs ?? 2_000,
    ...(opts.minLikelihood ? { minLikelihood: opts.minLikelihood } : {}),
    now: () => NOW,
  });
  return { pdl, requests };
}

async function vendorError(p: Promise<unknown>): Promise<VendorError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(VendorError);
  return e as VendorError;
}

describe("PdlClient person enrichment against the sandbox", () => {
  it("reverse phone: one best person, the key in a header, the phone as E.164, billed per match", async () => {
    const { pdl, requests } = client();
    const r = await pdl.byPhone("(724) 206-0094");
    expect(r).toMatchObject({ matched: true, query_mode: "reverse_phone", vendor: "peopledatalabs", total_available: 1, vendor_queries: 1 });
    expect(r.cost_micro_usd).toBe(100_000);
    const p = r.people[0]!;
    expect(r.people).toHaveLength(1);
    expect(p.names[0]?.value).toMatchObject({ full: "Walter R Pennington", first: "Walter", last: "Pennington", kind: "primary" });
    expect(p.phones.map((x) => x.value)).toContainEqual({ e164: "+17243310917", line_type: "mobile" });
    expect(p.phones.map((x) => x.value)).toContainEqual({ e164: "+17242060094", line_type: "unknown" });
    expect(p.emails.map((e) => e.value)).toEqual(["walt.pennington@example.com"]);
    // PDL's per-item first/last seen become the address dates; the current address is the located one.
    const current = p.addresses.find((a) => a.value.kind === "current")!;
    expect(current.value).toMatchObject({ line1: "418 Harbor Ave", city: "New Castle", state_code: "PA", zip: "16105", last_seen: "2026-06-01" });
    expect(current.value.first_seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.addresses.some((a) => a.value.kind === "historic" && a.value.city === "Pittsburgh")).toBe(true);
    expect(p.age_range?.value).toMatchObject({ min: 77, max: 77 });
    expect(p.match_score).toBeGreaterThan(0);
    for (const f of [...p.names, ...p.phones, ...p.addresses]) expect(f.provenance).toMatchObject({ source: "peopledatalabs", observed_at: NOW.toISOString() });
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe("/v5/person/enrich");
    expect(url.searchParams.get("phone")).toBe("+17242060094");
    expect(url.searchParams.get("titlecase")).toBe("true");
    expect(url.searchParams.has("api_key")).toBe(false);
    expect(requests[0]!.headers.get("x-api-key")).toBe("test-key");
  });

  it("finds the seed person by name + city/state (state sent as PDL's region name) and by email", async () => {
    const { pdl, requests } = client();
    const byName = await pdl.byName(SEED_EXAMPLES.person);
    expect(byName.query_mode).toBe("name");
    expect(byName.people[0]?.vendor_id).toMatch(/_0000$/);
    expect(byName.people[0]?.names[0]?.value.full).toBe("Joseph B Manno");
    expect(new URL(requests[0]!.url).searchParams.get("region")).toBe("Pennsylvania");
    const byEmail = await pdl.byEmail("JBManno@Example.com");
    expect(byEmail).toMatchObject({ matched: true, query_mode: "email" });
    expect(byEmail.people[0]?.vendor_id).toBe(byName.people[0]?.vendor_id);
  });

  it("answers a miss (404) as matched: false, unbilled", async () => {
    const { pdl } = client();
    for (const r of [await pdl.byPhone(RESERVED_PHONES.no_match), await pdl.byName({ name: "Nobody Atall", city: "Ridgway" }), await pdl.byEmail("nobody@example.invalid")]) {
      expect(r).toMatchObject({ matched: false, people: [], cost_micro_usd: 0 });
    }
  });

  it("refuses queries PDL would reject before calling it", async () => {
    const { pdl, requests } = client();
    await expect(pdl.byName({ name: "Joseph B Manno" })).rejects.toBeInstanceOf(RangeError);
    await expect(pdl.byPhone("not a phone")).rejects.toBeInstanceOf(RangeError);
    expect(requests).toHaveLength(0);
    expect(PdlClient.canEnrichPerson({ name: "A B", state_code: "PA" })).toBe(true);
  });

  it("honours min_likelihood: a weak match comes back as a miss", async () => {
    const strict = client({ minLikelihood: 10 }).pdl;
    expect((await strict.byPhone(SEED_EXAMPLES.reversePhone)).matched).toBe(false);
  });

  it("maps each reserved fault to a typed VendorError (or a miss)", async () => {
    const { pdl } = client({ timeoutMs: 150 });
    const expected = {
      rate_limited: { kind: "rate_limited", reason: "throttled", status: 429, retryAfterSec: RESERVED_RETRY_AFTER_SEC },
      quota_exhausted: { kind: "unavailable", reason: "quota_exhausted", status: 402 },
      forbidden: { kind: "unavailable", reason: "auth", status: 401 },
      server_error: { kind: "unavailable", reason: "server_error", status: 500 },
      unavailable: { kind: "unavailable", reason: "server_error", status: 503, retryAfterSec: RESERVED_RETRY_AFTER_SEC },
      timeout: { kind: "timeout", reason: "timeout" },
      malformed_json: { kind: "malformed", reason: "bad_json" },
      schema_violation: { kind: "malformed", reason: "schema" },
    } as const;
    for (const fault of FAULTS) {
      if (fault === "no_match") continue;
      const e = await vendorError(pdl.byPhone(RESERVED_PHONES[fault]));
      expect(e, fault).toMatchObject({ vendor: "peopledatalabs", ...expected[fault] });
      const byName = await vendorError(pdl.byName({ name: RESERVED_NAMES[fault], city: "Erie" }));
      expect(byName.kind, fault).toBe(expected[fault].kind);
    }
  });

  it("acts on faults scoped to it and treats other vendors' scoped numbers as data", async () => {
    const { pdl } = client();
    const own = await vendorError(pdl.byPhone(scopedFaultPhone("peopledatalabs", "server_error")));
    expect(own.reason).toBe("server_error");
    const other = await pdl.byPhone(scopedFaultPhone("whitepages", "rate_limited"));
    expect(other.matched).toBe(true);
    expect(other.people[0]?.names[0]?.value.full).toBe("Marisol E Quarrington");
  });

  it("needs the key header like the real API", async () => {
    const app = createPdlSandbox();
    const res = await app.fetch(new Request(`${SANDBOX_PDL_URL}/v5/person/enrich?phone=%2B17242060094`));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401, error: { type: "authentication_error" } });
  });
});

describe("PDL normalization", () => {
  it("skips plan-locked `true` fields and maps likelihood to confidence", () => {
    const raw = PdlPerson.parse({
      id: "x_0000", full_name: "Ann Lee", first_name: "Ann", last_name: "Lee",
      emails: true, phone_numbers: true, mobile_phone: true, street_addresses: true, birth_date: true, birth_year: 1990,
      location_street_address: "1 Main St", location_locality: "Erie", location_region: "pennsylvania", location_postal_code: "16501",
    });
    const p = normalizePdlPerson(raw, { source: "peopledatalabs", observedAt: NOW, likelihood: 6 });
    expect(p.emails).toEqual([]);
    expect(p.phones).toEqual([]);
    expect(p.addresses.map((a) => a.value)).toEqual([expect.objectContaining({ full: "1 Main St, Erie, PA 16501", kind: "current" })]);
    expect(p.age_range?.value).toMatchObject({ min: 35, max: 36 });
    expect(p.names[0]?.provenance.confidence).toBe(0.6);
    expect(likelihoodToConfidence(undefined)).toBe(0.5);
    expect(likelihoodToConfidence(14)).toBe(1);
  });
});

describe("PdlClient companies against the sandbox", () => {
  it("enriches a business by name + place, and by website, with firmographics and provenance", async () => {
    const { pdl } = client();
    const r = await pdl.enrichCompany({ name: "Haney Furniture Co", city: "New Castle", state_code: "PA" });
    expect(r.matched).toBe(true);
    const c = r.company!;
    expect(c.name.value).toBe("Haney Furniture Co");
    expect(c.domain?.value).toBe("haneyfurniture.example.com");
    expect(c.industry?.value).toBe("furniture");
    expect(c.location?.value).toMatchObject({ line1: "30 N Beaver St", city: "New Castle", state_code: "PA", zip: "16101" });
    expect(c.employee_count?.value).toBeGreaterThan(0);
    expect(c.size?.value).toMatch(/^\d+-\d+$/);
    expect(c.name.provenance).toMatchObject({ source: "peopledatalabs", observed_at: NOW.toISOString(), confidence: 0.9 });
    const byWebsite = await pdl.enrichCompany({ website: "https://haneyfurniture.example.com/" });
    expect(byWebsite.company?.vendor_id).toBe(c.vendor_id);
    expect(byWebsite.match_score).toBe(1);
    const miss = await pdl.enrichCompany({ name: "Haney Furniture Co", city: "Tampa" });
    expect(miss).toMatchObject({ matched: false, company: null, cost_micro_usd: 0 });
  });

  it("builds an Elasticsearch bool query from the filters", () => {
    expect(companyQuery({})).toEqual({ match_all: {} });
    expect(companyQuery({ state_code: "pa", city: "New Castle", industry: "Furniture", name_prefix: "Haney", min_employees: 2 })).toEqual({
      bool: {
        must: [
          { term: { "location.region": "pennsylvania" } },
          { term: { "location.locality": "new castle" } },
          { term: { industry: "furniture" } },
          { prefix: { name: "haney" } },
          { range: { employee_count: { gte: 2 } } },
        ],
      },
    });
  });

  it("searches with filters and scrolls through every match once, in a stable order", async () => {
    const { pdl, requests } = client();
    const filters = { state_code: "PA", industry: "construction" };
    const seen: string[] = [];
    let token: string | null = null;
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const page = await pdl.searchCompanies(filters, { size: 7, scrollToken: token });
      total = page.total_available;
      expect(page.cost_micro_usd).toBe(page.companies.length * 2_000);
      for (const c of page.companies) {
        expect(c.location?.value.state_code).toBe("PA");
        expect(c.industry?.value).toBe("construction");
        seen.push(c.vendor_id!);
      }
      token = page.next_token;
      if (!token) break;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(JSON.parse(await requests[0]!.text())).toMatchObject({ size: 7, titlecase: true });
    const again = await pdl.searchCompanies(filters, { size: 7 });
    expect(again.companies.map((c) => c.vendor_id)).toEqual(seen.slice(0, 7));
  });

  it("answers no results as an empty page, and reserved inputs as faults", async () => {
    const { pdl } = client();
    expect(await pdl.searchCompanies({ name_prefix: "zzzz nothing" }, { size: 5 })).toMatchObject({ companies: [], total_available: 0, next_token: null, cost_micro_usd: 0 });
    const e = await vendorError(pdl.searchCompanies({ name_prefix: RESERVED_NAMES.rate_limited }, { size: 5 }));
    expect(e).toMatchObject({ kind: "rate_limited", retryAfterSec: RESERVED_RETRY_AFTER_SEC });
  });

  it("rejects query types and fields it does not support, like the real API's 400", async () => {
    const app = createPdlSandbox();
    const post = (body: unknown) =>
      app.fetch(new Request(`${SANDBOX_PDL_URL}/v5/company/search`, { method: "POST", headers: { "x-api-key": "k", "content-type": "application/json" }, body: JSON.stringify(body) }));
    for (const body of [{ query: { wildcard: { name: "h*" } } }, { query: { term: { revenue: 5 } } }, { query: { match_all: {} }, size: 101 }, { query: { match_all: {} }, scroll_token: "nope" }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    }
  });
});

describe("Whitepages → PDL waterfall on the real adapters", () => {
  it("a number only Whitepages fails on is answered by PDL; one only PDL fails on never reaches it", async () => {
    const v = createVendors();
    const run = (phone: string) =>
      waterfall(
        [
          { vendor: "whitepages", run: (signal) => v.whitepages.byPhone(phone, signal ? { signal } : {}) },
          { vendor: "peopledatalabs", run: (signal) => v.pdl.byPhone(phone, signal ? { signal } : {}) },
        ],
        { isMatch: (r) => r.matched, costOf: (r) => r.cost_micro_usd },
      );
    const fellBack = await run(scopedFaultPhone("whitepages", "rate_limited"));
    expect(fellBack).toMatchObject({ matched: true, vendor: "peopledatalabs" });
    expect(fellBack.hops.map((h) => [h.vendor, h.outcome])).toEqual([["whitepages", "error"], ["peopledatalabs", "match"]]);
    const missed = await run(scopedFaultPhone("whitepages", "no_match"));
    expect(missed.hops.map((h) => h.outcome)).toEqual(["miss", "match"]);
    expect(missed.cost_micro_usd).toBe(100_000 + 100_000);
    const primary = await run(scopedFaultPhone("peopledatalabs", "server_error"));
    expect(primary.vendor).toBe("whitepages");
    expect(primary.value?.people[0]?.names[0]?.value.full).toBe("Tobias Wrenfield");
  });
});
