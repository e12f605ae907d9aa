import { describe, expect, it } from "vitest";
import { searchesWithin } from "../../workers/api/src/services/websearch.ts";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { fetchWith } from "./support/faults.ts";
import { BASE, expectEnvelope, postJson } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

// Websearch holds what its price needs unless the caller raises max_usd, its work is bounded by what
// the call pays, and the vendor settings it runs with are validated configuration.

const FINICKY = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };
type Answer = { metadata: { cogs_usd: number; web_searches: number }; billing: { charged_usd: number; refunded_usd: number; mode: string } };

describe("websearch's default hold", () => {
  it("is the $1.00 price: a balance of $1.20 is enough without max_usd", async () => {
    const agent = await fundedAgent(1.2);
    const res = await postJson("/api/v1/enrich/websearch", FINICKY, agent.auth);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.billing.charged_usd).toBe(1);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(0.2, 6);
  });

  it("a raised max_usd is held (and needs the balance for it)", async () => {
    const agent = await fundedAgent(1.2);
    await expectEnvelope(await postJson("/api/v1/enrich/websearch", { ...FINICKY, max_usd: 3 }, agent.auth), 402, "INSUFFICIENT_BALANCE");
  });
});

describe("websearch paid by x402 exact", () => {
  it("settles the price and runs work bounded to it (COGS × 1.30 within $1.00)", async () => {
    const payer = await newWallet(5);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/websearch", { ...FINICKY, max_usd: 20 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.billing).toMatchObject({ mode: "x402_exact", charged_usd: 1 });
    expect(body.metadata.cogs_usd * 1.3).toBeLessThanOrEqual(1);
    expect(await usdcOf(payer.address)).toBe(4_000_000n);
  });

  it("the search bound follows the ceiling: more searches only where the caller pays for them", () => {
    expect(searchesWithin(1_000_000)).toBeLessThan(searchesWithin(20_000_000));
    // Every search it allows fits: searches × $0.01 × 1.30 stays under the ceiling.
    for (const ceiling of [1_000_000, 3_000_000, 20_000_000]) expect(searchesWithin(ceiling) * 10_000 * 1.3).toBeLessThanOrEqual(ceiling);
  });
});

describe("vendor settings are validated configuration", () => {
  it("a malformed WEBSEARCH_MAX_SEARCHES is BAD_ENVIRONMENT naming the key, not a silent default", async () => {
    const res = await fetchWith(
      { WEBSEARCH_MAX_SEARCHES: "lots" } as unknown as Partial<Env>,
      new Request(`${BASE}/api/v1/enrich/websearch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(FINICKY) }),
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; details: { keys: string[] } } };
    expect(body.error.code).toBe("BAD_ENVIRONMENT");
    expect(body.error.details.keys).toContain("WEBSEARCH_MAX_SEARCHES");
  });
});
