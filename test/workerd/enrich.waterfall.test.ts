import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { RESERVED_PHONES, RESERVED_RETRY_AFTER_SEC, scopedFaultPhone, type Fault } from "@411data/vendors";
import { createApp } from "../../workers/api/src/app.ts";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

// The person waterfall (SPEC §9): Whitepages first, People Data Labs when Whitepages fails or
// misses. Numbers scoped to the Whitepages sandbox (+1 555-010-1NNN) fail there only; People
// Data Labs' sandbox finds their fixture owner, so each test watches a real fallback.

interface Hop {
  vendor: string;
  outcome: string;
  latency_ms: number;
  error_kind: string | null;
}
interface PeopleAnswer {
  matched: boolean;
  data: { people: { vendor: string; names: { value: { full: string }; provenance: { source: string } }[] }[] };
  metadata: { vendor: string; vendor_mode: string; query_mode: string; vendor_hops: Hop[] };
  billing: { price_usd: number; charged_usd: number; refunded_usd: number; matched: boolean; mode: string };
}

/** The stored call's waterfall: the hops as logged, what we paid vendors, what the caller paid. */
async function logged(res: Response) {
  const row = (await storedRequest(res.headers.get("x-request-id")!)) as unknown as {
    vendor_hops: string | null;
    cogs_micros: number | null;
    charged_micros: number | null;
    error_code: string | null;
  };
  return { ...row, hops: row.vendor_hops === null ? null : (JSON.parse(row.vendor_hops) as string[]) };
}

/** Runs the Worker with some configuration changed, on the same bindings (D1, DOs, chain). */
async function callWith(overrides: Record<string, string>, path: string, body: unknown, headers: Record<string, string>) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const WHITEPAGES_FAULTS: [Fault, string][] = [
  ["rate_limited", "rate_limited"],
  ["quota_exhausted", "unavailable"],
  ["forbidden", "unavailable"],
  ["server_error", "unavailable"],
  ["unavailable", "unavailable"],
  ["malformed_json", "malformed"],
  ["schema_violation", "malformed"],
];

describe("phone lookups fall back to People Data Labs", () => {
  it.each(WHITEPAGES_FAULTS)("Whitepages %s → PDL answers; one price ($0.33), metadata.vendor and the logged hops say so", async (fault, kind) => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone: scopedFaultPhone("whitepages", fault) }, agent.auth);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.matched).toBe(true);
    expect(body.metadata).toMatchObject({ vendor: "peopledatalabs", vendor_mode: "sandbox", query_mode: "reverse_phone" });
    expect(body.metadata.vendor_hops.map((h) => [h.vendor, h.outcome, h.error_kind])).toEqual([
      ["whitepages", "error", kind],
      ["peopledatalabs", "match", null],
    ]);
    expect(body.data.people[0]!.names[0]!.value.full).toBe("Marisol E Quarrington");
    expect(body.data.people[0]!.names[0]!.provenance.source).toBe("peopledatalabs");
    expect(body.billing).toMatchObject({ price_usd: 0.33, charged_usd: 0.33, refunded_usd: 0, matched: true });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.67, held_usd: 0 });
    const row = await logged(res);
    expect(row.hops).toEqual([`whitepages:${kind}`, "peopledatalabs:match"]);
    // A failed vendor costs us nothing; PDL bills its match.
    expect(row).toMatchObject({ charged_micros: 330_000, cogs_micros: 100_000 });
  });

  it("a Whitepages miss is tried again at PDL; both vendors' costs are COGS, the caller pays once", async () => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone: scopedFaultPhone("whitepages", "no_match") }, agent.auth);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.matched).toBe(true);
    expect(body.metadata.vendor).toBe("peopledatalabs");
    expect(body.metadata.vendor_hops.map((h) => h.outcome)).toEqual(["miss", "match"]);
    expect(body.billing.charged_usd).toBe(0.33);
    expect(await logged(res)).toMatchObject({ hops: ["whitepages:miss", "peopledatalabs:match"], charged_micros: 330_000, cogs_micros: 200_000 });
  });

  it("a Whitepages timeout falls back once the adapter's deadline passes", async () => {
    const agent = await fundedAgent(1);
    const res = await callWith({ VENDOR_TIMEOUT_MS: "300" }, "/api/v1/enrich/phone", { phone: scopedFaultPhone("whitepages", "timeout") }, agent.auth);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.metadata.vendor_hops.map((h) => [h.vendor, h.error_kind])).toEqual([["whitepages", "timeout"], ["peopledatalabs", null]]);
    expect(body.metadata.vendor_hops[0]!.latency_ms).toBeGreaterThanOrEqual(300);
    expect(body.billing.charged_usd).toBe(0.33);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.67, held_usd: 0 });
  });

  it("a Whitepages match never reaches the fallback", async () => {
    const agent = await fundedAgent(1);
    // PDL-scoped fault number: it would fail at PDL, but Whitepages answers first.
    const res = await postJson("/api/v1/enrich/phone", { phone: scopedFaultPhone("peopledatalabs", "server_error") }, agent.auth);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.metadata.vendor).toBe("whitepages");
    expect(body.metadata.vendor_hops.map((h) => h.vendor)).toEqual(["whitepages"]);
    expect(body.data.people[0]!.names[0]!.value.full).toBe("Tobias Wrenfield");
    expect((await logged(res)).hops).toEqual(["whitepages:match"]);
  });

  it("both vendors missing is a free no-match", async () => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone: RESERVED_PHONES.no_match }, agent.auth);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.matched).toBe(false);
    expect(body.metadata.vendor_hops.map((h) => h.outcome)).toEqual(["miss", "miss"]);
    expect(body.billing).toMatchObject({ charged_usd: 0, refunded_usd: 0.33, matched: false });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
  });

  it("the person route falls back the same way (lookup by phone)", async () => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/person", { phone: scopedFaultPhone("whitepages", "unavailable") }, agent.auth);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.metadata).toMatchObject({ vendor: "peopledatalabs", query_mode: "reverse_phone" });
    expect(body.billing).toMatchObject({ price_usd: 0.5, charged_usd: 0.5 });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.5, held_usd: 0 });
  });

  it("an x402 payment settles exactly one price when the fallback answers", async () => {
    const payer = await newWallet(2);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/phone", { phone: scopedFaultPhone("whitepages", "rate_limited") });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PeopleAnswer;
    expect(body.metadata.vendor).toBe("peopledatalabs");
    expect(body.billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.33 });
    expect(await usdcOf(payer.address)).toBe(2_000_000n - 330_000n);
    expect((await logged(res)).hops).toEqual(["whitepages:rate_limited", "peopledatalabs:match"]);
  });
});

describe("when no vendor can answer", () => {
  it.each([
    ["rate_limited", RESERVED_PHONES.rate_limited, RESERVED_RETRY_AFTER_SEC],
    ["server_error", RESERVED_PHONES.server_error, 15],
    ["malformed_json", RESERVED_PHONES.malformed_json, 15],
  ])("every vendor %s → 503 VENDOR_UNAVAILABLE with Retry-After and both hops; balance unchanged", async (_fault, phone, retry) => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone }, agent.auth);
    expect(res.headers.get("retry-after")).toBe(String(retry));
    const body = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { vendors: Hop[]; charged_usd: number } } };
    expect(body.error.details.vendors.map((h) => [h.vendor, h.outcome])).toEqual([["whitepages", "error"], ["peopledatalabs", "error"]]);
    expect(body.error.details.charged_usd).toBe(0);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    const row = await logged(res);
    expect(row.hops).toHaveLength(2);
    expect(row.hops!.every((h) => !h.endsWith(":match"))).toBe(true);
    expect(row).toMatchObject({ charged_micros: 0, error_code: "VENDOR_UNAVAILABLE" });
  });

  it("every vendor timing out → 503, nothing charged", async () => {
    const agent = await fundedAgent(1);
    const res = await callWith({ VENDOR_TIMEOUT_MS: "250" }, "/api/v1/enrich/person", { phone: RESERVED_PHONES.timeout }, agent.auth);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { kind: string; vendors: Hop[] } } };
    expect(body.error.details.kind).toBe("timeout");
    expect(body.error.details.vendors.map((h) => h.error_kind)).toEqual(["timeout", "timeout"]);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
  });

  it("with the fallback configured off, a Whitepages failure is the answer", async () => {
    const agent = await fundedAgent(1);
    const res = await callWith({ FALLBACK_PERSON_VENDOR: "none" }, "/api/v1/enrich/phone", { phone: scopedFaultPhone("whitepages", "rate_limited") }, agent.auth);
    const body = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { vendors: Hop[] } } };
    expect(body.error.details.vendors.map((h) => h.vendor)).toEqual(["whitepages"]);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
  });

  it("an address-only person search has no fallback (PDL cannot take one)", async () => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/person", { street: "__whitepages_500__ Main St", city: "Erie", state_code: "PA" }, agent.auth);
    const body = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { vendors: Hop[] } } };
    expect(body.error.details.vendors.map((h) => h.vendor)).toEqual(["whitepages"]);
    expect((await logged(res)).hops).toEqual(["whitepages:unavailable"]);
  });
});
