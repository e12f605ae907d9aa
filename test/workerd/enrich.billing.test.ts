import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { parseUsd } from "@411data/core";
import { RESERVED_NAMES, RESERVED_PHONES } from "@411data/vendors";
import { createApp } from "../../workers/api/src/app.ts";
import { websearchCharge } from "../../workers/api/src/services/websearch.ts";
import { balanceOf, fundedAgent, mintAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, signedPaymentFor, usdcOf } from "./support/x402.ts";

const PHONE = "+17242060094";

describe("paid route on the virtual balance", () => {
  it("a match is charged the price, with a billing block and the charge in the log", async () => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone: "(724) 206-0094" }, agent.auth);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { matched: boolean; data: { people: unknown[] }; metadata: Record<string, unknown>; billing: Record<string, unknown> };
    expect(body.matched).toBe(true);
    expect(body.data.people.length).toBeGreaterThan(1);
    expect(body.metadata).toMatchObject({ query_mode: "reverse_phone", phone_e164: PHONE, vendor_mode: "sandbox" });
    expect(body.billing).toEqual({
      price_usd: 0.33,
      charged_usd: 0.33,
      refunded_usd: 0,
      balance_after_usd: 0.67,
      mode: "virtual_balance",
      matched: true,
      x402_transaction: null,
    });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.67, held_usd: 0 });
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ agent_id: agent.agentId, price_micros: 330_000, charged_micros: 330_000, route: "/api/v1/enrich/phone" });
  });

  it("the answer does not wait for its capture, yet the agent's next call always sees it", async () => {
    // Matches and no-matches alternate, so a capture not yet applied would show as a hold or as a
    // refund not yet back in the balance.
    const agent = await fundedAgent(5);
    let expected = 5_000_000;
    for (let i = 0; i < 10; i++) {
      const phone = i % 2 === 0 ? PHONE : RESERVED_PHONES.no_match;
      const body = (await (await postJson("/api/v1/enrich/phone", { phone }, agent.auth)).json()) as { billing: { charged_usd: number; balance_after_usd: number } };
      expected -= i % 2 === 0 ? 330_000 : 0;
      expect(body.billing).toMatchObject({ charged_usd: i % 2 === 0 ? 0.33 : 0, balance_after_usd: expected / 1e6 });
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: expected / 1e6, held_usd: 0 });
    }
  });

  it("every field carries provenance", async () => {
    const agent = await fundedAgent(1);
    const body = (await (await postJson("/api/v1/enrich/person", { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" }, agent.auth)).json()) as {
      matched: boolean;
      data: { people: { names: { provenance: { source: string; observed_at: string; confidence: number } }[] }[] };
    };
    expect(body.matched).toBe(true);
    const p = body.data.people[0]!.names[0]!.provenance;
    expect(p.source).toBeTruthy();
    expect(Date.parse(p.observed_at)).not.toBeNaN();
    expect(p.confidence).toBeGreaterThan(0);
  });

  it("a no-match is free: the hold is released", async () => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone: RESERVED_PHONES.no_match }, agent.auth);
    const body = (await res.json()) as { matched: boolean; billing: Record<string, unknown> };
    expect(body.matched).toBe(false);
    expect(body.billing).toMatchObject({ charged_usd: 0, refunded_usd: 0.33, balance_after_usd: 1 });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
  });

  it.each([
    ["rate_limited", RESERVED_PHONES.rate_limited],
    ["quota_exhausted", RESERVED_PHONES.quota_exhausted],
    ["forbidden", RESERVED_PHONES.forbidden],
    ["server_error", RESERVED_PHONES.server_error],
    ["unavailable", RESERVED_PHONES.unavailable],
    ["malformed", RESERVED_PHONES.malformed_json],
    ["schema_violation", RESERVED_PHONES.schema_violation],
  ])("vendor %s → 503 VENDOR_UNAVAILABLE with Retry-After, nothing charged", async (_kind, phone) => {
    const agent = await fundedAgent(1);
    const res = await postJson("/api/v1/enrich/phone", { phone }, agent.auth);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    expect(await storedRequest(res.headers.get("x-request-id")!)).toMatchObject({ charged_micros: 0, error_code: "VENDOR_UNAVAILABLE" });
  });

  it("vendor timeout → 503 VENDOR_UNAVAILABLE with Retry-After, nothing charged (person and websearch)", async () => {
    const agent = await fundedAgent(5);
    const fast = { ...env, VENDOR_TIMEOUT_MS: "200", WEBSEARCH_TIMEOUT_MS: "200" };
    for (const [path, body] of [
      ["/api/v1/enrich/person", { phone: RESERVED_PHONES.timeout }],
      ["/api/v1/enrich/websearch", { business_name: RESERVED_NAMES.timeout }],
    ] as const) {
      const ctx = createExecutionContext();
      const res = await createApp().fetch(
        new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", ...agent.auth }, body: JSON.stringify(body) }),
        fast,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(Number(res.headers.get("retry-after")), path).toBeGreaterThan(0);
      const err = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { kind: string } } };
      expect(err.error.details.kind).toBe("timeout");
    }
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 5, held_usd: 0 });
  });

  it("websearch vendor faults are free too", async () => {
    const agent = await fundedAgent(5);
    for (const name of [RESERVED_NAMES.rate_limited, RESERVED_NAMES.server_error, RESERVED_NAMES.malformed_json]) {
      await expectEnvelope(await postJson("/api/v1/enrich/websearch", { business_name: name }, agent.auth), 503, "VENDOR_UNAVAILABLE");
    }
    const miss = (await (await postJson("/api/v1/enrich/websearch", { business_name: RESERVED_NAMES.no_match }, agent.auth)).json()) as { matched: boolean; billing: { charged_usd: number; refunded_usd: number } };
    // The default hold is the $1.00 price (max_usd raises it), all of it returned on a miss.
    expect(miss).toMatchObject({ matched: false, billing: { charged_usd: 0, refunded_usd: 1 } });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 5, held_usd: 0 });
  });

  it("bad input is a free 400", async () => {
    const agent = await fundedAgent(1);
    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: "123" }, agent.auth), 400, "INVALID_PHONE");
    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: "not a phone at all" }, agent.auth), 400, "INVALID_PHONE");
    await expectEnvelope(await postJson("/api/v1/enrich/phone", {}, agent.auth), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson("/api/v1/enrich/person", { city: "Ridgway" }, agent.auth), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson("/api/v1/enrich/websearch", { city: "Tampa" }, agent.auth), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson("/api/v1/enrich/websearch", { business_name: "Acme Corp", max_usd: "0.5" }, agent.auth), 400, "VALIDATION_FAILED");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
  });

  it("websearch holds the ceiling and captures max($1, COGS × 1.3 once COGS > $1)", async () => {
    const agent = await fundedAgent(5);
    const res = await postJson("/api/v1/enrich/websearch", { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL", max_usd: 3 }, agent.auth);
    const body = (await res.json()) as { matched: boolean; metadata: { cogs_usd: number }; billing: { charged_usd: number; refunded_usd: number; balance_after_usd: number } };
    expect(body.matched).toBe(true);
    const cogsMicros = Math.round(body.metadata.cogs_usd * 1_000_000);
    const metered = cogsMicros > 1_000_000 ? Math.ceil((cogsMicros * 13_000) / 10_000) : 1_000_000;
    const expected = Math.min(metered, 3_000_000) / 1_000_000;
    expect(body.billing.charged_usd).toBe(expected);
    expect(body.billing.refunded_usd).toBeCloseTo(3 - expected, 6);
    expect(body.billing.balance_after_usd).toBeCloseTo(5 - expected, 6);
  });
});

describe("websearch markup arithmetic", () => {
  // SPEC §3: on a match, max($1.00, COGS × 1.30 when COGS > $1.00), never above the caller's ceiling.
  it.each([
    ["0.40", "3", "1.00"],
    ["1.00", "3", "1.00"],
    ["1.01", "3", "1.313"],
    ["7.00", "3", "3.00"],
    ["7.00", "20", "9.10"],
  ])("COGS $%s with ceiling $%s charges $%s", (cogs, ceiling, charge) => {
    expect(websearchCharge(parseUsd(cogs), parseUsd(ceiling))).toBe(parseUsd(charge));
  });
});

describe("idempotent replay on a paid route", () => {
  it("the same Idempotency-Key and body replays the answer (match or no-match) without a second charge", async () => {
    const agent = await fundedAgent(2);
    const key = { ...agent.auth, "idempotency-key": "person-manno-1" };
    const body = { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" };
    const first = await postJson("/api/v1/enrich/person", body, key);
    const again = await postJson("/api/v1/enrich/person", body, key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(1.5, 6);
    await expectEnvelope(await postJson("/api/v1/enrich/person", { ...body, city: "Erie" }, key), 409, "IDEMPOTENCY_CONFLICT");

    const missKey = { ...agent.auth, "idempotency-key": "phone-miss-1" };
    const miss = await postJson("/api/v1/enrich/phone", { phone: RESERVED_PHONES.no_match }, missKey);
    const missAgain = await postJson("/api/v1/enrich/phone", { phone: RESERVED_PHONES.no_match }, missKey);
    expect(missAgain.headers.get("idempotent-replayed")).toBe("true");
    expect(await missAgain.text()).toBe(await miss.text());
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(1.5, 6);
  });
});

describe("402 answers", () => {
  it("no bearer → 402 AGENT_TOKEN_REQUIRED with the x402 envelope in header and body", async () => {
    const res = await postJson("/api/v1/enrich/phone", { phone: PHONE });
    const header = res.headers.get("payment-required");
    expect(header).toBeTruthy();
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await expectEnvelope(res, 402, "AGENT_TOKEN_REQUIRED")) as unknown as {
      x402Version: number;
      accepts: { scheme: string; amount: string; payTo: string; network: string }[];
      error: { details: { next_action: string } };
    };
    expect(body.x402Version).toBe(2);
    expect(body.accepts).toEqual([
      expect.objectContaining({ scheme: "exact", amount: "330000", network: "eip155:31337", payTo: env.PAY_TO_ADDRESS }),
    ]);
    const decoded = JSON.parse(atob(header!));
    expect(decoded.error).toBe("AGENT_TOKEN_REQUIRED");
    expect(decoded.accepts).toEqual(body.accepts);
    expect(body.error.details.next_action).toMatch(/wallet-nonce/);
  });

  it("a short balance → 402 INSUFFICIENT_BALANCE and nothing held", async () => {
    const agent = await mintAgent(); // $0.20 < $0.50
    const res = await postJson("/api/v1/enrich/person", { phone: PHONE }, agent.auth);
    await expectEnvelope(res, 402, "INSUFFICIENT_BALANCE");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
  });
});

describe("x402 exact payments (real client, local chain)", () => {
  it("pays a call anonymously; the payee's USDC rises by exactly the price; PAYMENT-RESPONSE names the tx", async () => {
    const payer = await newWallet(5);
    const before = await usdcOf(env.PAY_TO_ADDRESS as `0x${string}`);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/phone", { phone: PHONE });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { matched: boolean; billing: { mode: string; charged_usd: number; x402_transaction: string } };
    expect(body.billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.33 });
    expect(body.billing.x402_transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(JSON.parse(atob(res.headers.get("payment-response")!))).toMatchObject({ success: true, transaction: body.billing.x402_transaction });
    expect((await usdcOf(env.PAY_TO_ADDRESS as `0x${string}`)) - before).toBe(330_000n);
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
  });

  it("the same signature replayed is refused; a no-match never settles", async () => {
    const payer = await newWallet(5);
    const pay = payingFetch(payer);
    const first = await paidPost(pay, "/api/v1/enrich/phone", { phone: RESERVED_PHONES.no_match });
    const body = (await first.json()) as { matched: boolean; billing: { charged_usd: number; x402_transaction: string | null } };
    expect(body.matched).toBe(false);
    expect(body.billing).toMatchObject({ charged_usd: 0, x402_transaction: null });
    expect(await usdcOf(payer.address)).toBe(5_000_000n);

    const row = await env.DB.prepare("SELECT lock_key, status FROM x402_payments WHERE payer = ?").bind(payer.address.toLowerCase()).first<{ lock_key: string; status: string }>();
    expect(row?.status).toBe("unsettled");
    // Rebuild the exact header the client used (same payload) and replay it.
    const header = await signedPaymentFor(pay, "/api/v1/enrich/phone", { phone: PHONE });
    const ok = await postJson("/api/v1/enrich/phone", { phone: PHONE }, { "payment-signature": header });
    expect(ok.status).toBe(200);
    const replay = await postJson("/api/v1/enrich/phone", { phone: PHONE }, { "payment-signature": header });
    const err = (await expectEnvelope(replay, 402, "PAYMENT_INVALID")) as unknown as { error: { details: { reason: string } } };
    expect(err.error.details.reason).toBe("invalid_exact_evm_nonce_already_used");
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
  });

  it("garbage payment headers are 402 PAYMENT_INVALID, never a 5xx", async () => {
    for (const header of ["", "%%%", btoa("{}"), btoa(JSON.stringify({ x402Version: 2, accepted: {}, payload: {} })), "x".repeat(20_000)]) {
      const res = await postJson("/api/v1/enrich/phone", { phone: PHONE }, { "payment-signature": header });
      expect(res.status, header.slice(0, 20)).toBeLessThan(500);
      expect([400, 402]).toContain(res.status);
    }
  });
});

describe("concurrent spend on one agent", () => {
  it("200 concurrent paid calls on a balance for 150: exactly 150 charged, balance exactly 0", async () => {
    const agent = await fundedAgent(150 * 0.33);
    const answers = await Promise.all(Array.from({ length: 200 }, () => postJson("/api/v1/enrich/phone", { phone: PHONE }, agent.auth)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(150);
    expect(statuses.filter((s) => s === 402)).toHaveLength(50);
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 0, held_usd: 0 }));
    // Every ledger entry also lands in D1 for reporting, and the copy sums to the same balance.
    const mirrored = await vi.waitUntil(
      async () => {
        const row = await env.DB.prepare("SELECT COUNT(*) AS n, SUM(amount) AS total FROM ledger_entries WHERE agent_id = ?")
          .bind(agent.agentId)
          .first<{ n: number; total: number }>();
        // credit, top-up, 150 × (hold, release, capture)
        return row && row.n === 2 + 150 * 3 ? row : false;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(mirrored.total).toBe(0);
  }, 90_000);
});
