import { describe, expect, it } from "vitest";
import { SEED_EXAMPLES } from "./dataset/fixtures.ts";
import { VendorError } from "./errors.ts";
import { createVendors, SANDBOX_WHITEPAGES_URL } from "./factory.ts";
import { RESERVED_NAMES, RESERVED_PHONES, RESERVED_RETRY_AFTER_SEC } from "./reserved.ts";
import { WhitepagesClient } from "./whitepages/client.ts";
import { ageRangeFrom, lineType, normalizeWhitepagesPerson } from "./whitepages/normalize.ts";
import { createWhitepagesSandbox } from "./whitepages/sandbox.ts";
import { WpPerson } from "./whitepages/schema.ts";

const NOW = new Date("2026-06-15T12:00:00Z");

function client(opts: { emailShape?: "email" | "address"; timeoutMs?: number; apiKey?: string; latencyMs?: number } = {}) {
  const app = createWhitepagesSandbox({ emailShape: opts.emailShape ?? "email", latencyMs: opts.latencyMs ?? 0 });
  const requests: Request[] = [];
  const wp = new WhitepagesClient({
    apiKey: opts.apiKey ?? "test-key",
    baseUrl: SANDBOX_WHITEPAGES_URL,
    fetch: async (req) => {
      requests.push(req.clone());
      return app.fetch(req);
    },
    timeoutMs: opts.timeoutMs ?? 2_000,
    now: () => NOW,
  });
  return { wp, requests };
}

async function vendorError(p: Promise<unknown>): Promise<VendorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VendorError);
    return e as VendorError;
  }
  throw new Error("expected a VendorError");
}

describe("WhitepagesClient against the sandbox", () => {
  it("reverse phone on the seed example returns the household, best match first", async () => {
    const { wp, requests } = client();
    const r = await wp.byPhone("(724) 206-0094");
    expect(r.matched).toBe(true);
    expect(r.query_mode).toBe("reverse_phone");
    expect(r.people.length).toBe(5);
    const first = r.people[0]!;
    expect(first.names[0]?.value.full).toBe("Walter R Pennington Sr");
    expect(first.associated_people.length).toBe(4);
    expect(first.phones.map((p) => p.value)).toContainEqual({ e164: "+17242060094", line_type: "landline" });
    expect(first.age_range?.value).toEqual({ min: 77, max: 77, date_of_birth: "1949-06-02" });
    expect(first.addresses.find((a) => a.value.kind === "current")?.value).toMatchObject({
      line1: "418 Harbor Ave", city: "New Castle", state_code: "PA", zip: "16105", last_seen: "2026-06-15",
    });
    expect(first.compliance.is_dead?.value).toBe(false);
    expect(first.compliance.litigator_risk).toBeNull();
    for (const p of first.phones) expect(p.provenance).toMatchObject({ source: "whitepages", observed_at: NOW.toISOString() });
    // The key travels in the header, never in the URL; the phone goes as the national number.
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe("/v2/person/");
    expect(url.searchParams.get("phone")).toBe("7242060094");
    expect(requests[0]!.headers.get("x-api-key")).toBe("test-key");
    expect(requests[0]!.url).not.toContain("test-key");
  });

  it("normalizes any phone formatting to the same E.164 query", async () => {
    const { wp } = client();
    for (const raw of ["+17242060094", "724-206-0094", "1 (724) 206 0094", "7242060094"]) {
      const r = await wp.byPhone(raw);
      expect(r.people[0]?.vendor_id).toBe("PSX0000001");
    }
    await expect(wp.byPhone("12")).rejects.toBeInstanceOf(RangeError);
  });

  it("finds the seed person by name + city/state, by phone and by address", async () => {
    const { wp } = client();
    const byName = await wp.byName(SEED_EXAMPLES.person);
    expect(byName.query_mode).toBe("name");
    expect(byName.people.map((p) => p.names[0]?.value.full)).toEqual(["Joseph B Manno"]);
    const byPhone = await wp.byPhone(SEED_EXAMPLES.lead.number1);
    expect(byPhone.people.map((p) => p.vendor_id)).toContain("PSX0000010");
    const byAddress = await wp.byAddress({ street: SEED_EXAMPLES.lead.street, zipcode: SEED_EXAMPLES.lead.zip });
    expect(byAddress.query_mode).toBe("address");
    expect(byAddress.people.map((p) => p.vendor_id)).toEqual(["PSX0000010", "PSX0000011"]);
    const joseph = byAddress.people[0]!;
    expect(joseph.emails.map((e) => e.value)).toEqual(["jbmanno@example.com"]);
    expect(joseph.names.map((n) => n.value.kind)).toEqual(["primary", "alias"]);
  });

  it("reads both documented email shapes", async () => {
    for (const emailShape of ["email", "address"] as const) {
      const { wp } = client({ emailShape });
      const r = await wp.byPhone(SEED_EXAMPLES.reversePhone);
      expect(r.people[0]?.emails[0]).toMatchObject({ value: "walt.pennington@example.com", provenance: { confidence: 0.86 } });
    }
  });

  it("follows pages up to maxPages, counts each page as a billed query", async () => {
    const { wp, requests } = client();
    const one = await wp.search({ name: "Albright" });
    expect(one.people.length).toBe(15);
    expect(one.total_available).toBeGreaterThan(45);
    expect(one.vendor_queries).toBe(1);
    const three = await wp.search({ name: "Albright" }, { maxPages: 3 });
    expect(three.people.length).toBe(45);
    expect(new Set(three.people.map((p) => p.vendor_id)).size).toBe(45);
    expect(three.vendor_queries).toBe(3);
    expect(three.cost_micro_usd).toBe(3 * one.cost_micro_usd);
    expect(requests.slice(1).map((r) => new URL(r.url).searchParams.get("page"))).toEqual(["1", "2", "3"]);
    // Stops early when the last page is short.
    const small = await wp.search({ name: "Manno" }, { maxPages: 5 });
    expect(small.vendor_queries).toBe(1);
  });

  it("answers a miss as matched: false with the query still costed", async () => {
    const { wp } = client();
    const r = await wp.byPhone(RESERVED_PHONES.no_match);
    expect(r).toMatchObject({ matched: false, people: [], vendor_queries: 1 });
    expect(r.cost_micro_usd).toBeGreaterThan(0);
    const byName = await wp.byName({ name: "Nobody Qqqzzz" });
    expect(byName.matched).toBe(false);
  });

  it("maps each reserved fault to a typed VendorError", async () => {
    const { wp } = client();
    const cases = [
      [RESERVED_PHONES.rate_limited, "rate_limited", "throttled", RESERVED_RETRY_AFTER_SEC],
      [RESERVED_PHONES.quota_exhausted, "unavailable", "quota_exhausted", undefined],
      [RESERVED_PHONES.forbidden, "unavailable", "auth", undefined],
      [RESERVED_PHONES.server_error, "unavailable", "server_error", undefined],
      [RESERVED_PHONES.unavailable, "unavailable", "server_error", RESERVED_RETRY_AFTER_SEC],
      [RESERVED_PHONES.malformed_json, "malformed", "bad_json", undefined],
      [RESERVED_PHONES.schema_violation, "malformed", "schema", undefined],
    ] as const;
    for (const [phone, kind, reason, retry] of cases) {
      const e = await vendorError(wp.byPhone(phone));
      expect({ phone, kind: e.kind, reason: e.reason, retry: e.retryAfterSec }).toEqual({ phone, kind, reason, retry });
      expect(e.vendor).toBe("whitepages");
    }
    const byName = await vendorError(wp.byName({ name: RESERVED_NAMES.rate_limited }));
    expect(byName.kind).toBe("rate_limited");
  });

  it("times out a hanging vendor on the adapter's deadline", async () => {
    const { wp } = client({ timeoutMs: 80 });
    const t = Date.now();
    const e = await vendorError(wp.byPhone(RESERVED_PHONES.timeout));
    expect(e.kind).toBe("timeout");
    expect(Date.now() - t).toBeLessThan(2_000);
    const e2 = await vendorError(wp.byName({ name: RESERVED_NAMES.timeout }));
    expect(e2.kind).toBe("timeout");
  });

  it("requires the key header like the real API", async () => {
    const { wp } = client({ apiKey: "" });
    const e = await vendorError(wp.byPhone(SEED_EXAMPLES.reversePhone));
    expect(e).toMatchObject({ kind: "unavailable", reason: "auth", status: 403 });
  });

  it("applies the configured sandbox latency", async () => {
    const { wp } = client({ latencyMs: 60 });
    const t = Date.now();
    await wp.byPhone(SEED_EXAMPLES.reversePhone);
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
  });

  it("is the default when no key is configured", async () => {
    const v = createVendors();
    expect(v.modes.whitepages).toBe("sandbox");
    const r = await v.whitepages.byPhone(SEED_EXAMPLES.reversePhone);
    expect(r.people.length).toBe(5);
  });
});

describe("Whitepages normalization", () => {
  const base = { id: "P0000000001", name: "Ann Q Public Jr", match_score: 87 };

  it("accepts v1 bare-string emails and both object shapes, deduped and lower-cased", () => {
    const r = WpPerson.parse({ ...base, emails: ["A@Example.com", { email: "a@example.com", score: 10 }, { address: "b@example.com", score: 95 }] });
    const n = normalizeWhitepagesPerson(r, { source: "whitepages", observedAt: NOW });
    expect(n.emails.map((e) => [e.value, e.provenance.confidence])).toEqual([["a@example.com", 0.5], ["b@example.com", 0.95]]);
  });

  it("splits names, maps line types, parses address strings, drops bad phones", () => {
    const r = WpPerson.parse({
      ...base,
      phones: [{ number: "(212) 555-0198", type: "mobile", score: 92 }, { number: "n/a", type: "landline" }, { number: "800-555-0100", type: "NonFixedVOIP" }],
      historic_addresses: [{ id: "A1", address: "456 Oak Ave, Brooklyn, NY 11201" }],
      relatives: ["Jane Public", { id: "P2", name: "Joe Public" }],
      is_dead: true,
    });
    const n = normalizeWhitepagesPerson(r, { source: "whitepages", observedAt: NOW });
    expect(n.names[0]?.value).toEqual({ full: "Ann Q Public Jr", first: "Ann", middle: "Q", last: "Public", kind: "primary" });
    expect(n.phones.map((p) => p.value)).toEqual([{ e164: "+12125550198", line_type: "mobile" }, { e164: "+18005550100", line_type: "voip" }]);
    expect(n.addresses[0]?.value).toMatchObject({ line1: "456 Oak Ave", city: "Brooklyn", state_code: "NY", zip: "11201", kind: "historic", last_seen: null });
    expect(n.associated_people.map((a) => a.value.vendor_id)).toEqual([null, "P2"]);
    expect(n.compliance.is_dead?.value).toBe(true);
    expect(n.match_score).toBe(0.87);
    expect(lineType(undefined)).toBe("unknown");
    expect(lineType("pager")).toBe("other");
  });

  it("derives age ranges from full, partial or missing dates of birth", () => {
    expect(ageRangeFrom("1985-03-15", null, NOW)).toEqual({ min: 41, max: 41 });
    expect(ageRangeFrom("1985-07-15", null, NOW)).toEqual({ min: 40, max: 40 });
    expect(ageRangeFrom("1985", null, NOW)).toEqual({ min: 40, max: 41 });
    expect(ageRangeFrom(null, 52, NOW)).toEqual({ min: 52, max: 52 });
    expect(ageRangeFrom(null, null, NOW)).toBeNull();
  });

  it("treats a 404 search as an empty page and unknown 4xx as rejected", async () => {
    let status = 404;
    const wp = new WhitepagesClient({ apiKey: "k", fetch: async () => new Response('{"message":"x"}', { status }), baseUrl: "https://wp.test" });
    expect((await wp.byPhone("7242060094")).matched).toBe(false);
    status = 400;
    expect(await vendorError(wp.byPhone("7242060094"))).toMatchObject({ kind: "unavailable", reason: "rejected", status: 400 });
  });

  it("maps network failures to unavailable", async () => {
    const wp = new WhitepagesClient({ apiKey: "k", fetch: async () => { throw new TypeError("fetch failed"); }, baseUrl: "https://wp.test" });
    expect(await vendorError(wp.byPhone("7242060094"))).toMatchObject({ kind: "unavailable", reason: "network" });
  });
});
