import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { encodePaymentSignatureHeader } from "@x402/core/http";
import { wrapFetchWithPayment } from "@x402/fetch";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../workers/api/src/app.ts";
import { depositMatch } from "../../workers/api/src/services/billing/deposits.ts";
import { balanceOf, mintAgent, type MintedAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { payingFetch, usdcOf } from "./support/x402.ts";

const PATH = "/api/v1/agents/deposits";
const payee = () => env.PAY_TO_ADDRESS as `0x${string}`;

/** Pays a deposit with the SDK's own x402 client, the bearer riding along on both requests. */
function payDeposit(agent: MintedAgent, amount: unknown, fetcher = payingFetch(agent.wallet).fetch) {
  return fetcher(`${BASE}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...agent.auth },
    body: JSON.stringify({ amount_usd: amount }),
  });
}

interface Deposited {
  deposited_usd: number;
  match_usd: number;
  virtual_balance_usd: number;
  transaction: string;
}

describe("deposit match arithmetic", () => {
  const promo = { enabled: true, bps: 10_000, cap: 25_000_000 };
  it("matches bps of the amount, rounded down, within the lifetime cap", () => {
    expect(depositMatch(10_000_000, promo)).toBe(10_000_000);
    expect(depositMatch(40_000_000, promo)).toBe(25_000_000);
    expect(depositMatch(10_000_000, promo, 20_000_000)).toBe(5_000_000);
    expect(depositMatch(10_000_000, promo, 25_000_000)).toBe(0);
    expect(depositMatch(10_000_000, promo, 30_000_000)).toBe(0);
    expect(depositMatch(3, { ...promo, bps: 5_000 })).toBe(1);
    expect(depositMatch(1_000_000, { ...promo, bps: 3_333 })).toBe(333_300);
  });
  it("is zero when the promo is off", () => {
    expect(depositMatch(10_000_000, { ...promo, enabled: false })).toBe(0);
    expect(depositMatch(10_000_000, { ...promo, bps: 0 })).toBe(0);
    expect(depositMatch(10_000_000, { ...promo, cap: 0 })).toBe(0);
  });
  it("stays exact on amounts whose product with bps passes 2^53", () => {
    expect(depositMatch(9_000_000_000_000, { ...promo, cap: Number.MAX_SAFE_INTEGER })).toBe(9_000_000_000_000);
  });
});

describe("POST /api/v1/agents/deposits — before payment", () => {
  it("needs a bearer: 401, no 402", async () => {
    await expectEnvelope(await postJson(PATH, { amount_usd: 5 }), 401, "UNAUTHORIZED");
  });

  it("answers 402 PAYMENT_REQUIRED with an exact requirement for exactly the amount asked", async () => {
    const agent = await mintAgent();
    const res = await postJson(PATH, { amount_usd: "12.345678" }, agent.auth);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const header = res.headers.get("payment-required");
    const body = (await expectEnvelope(res, 402, "PAYMENT_REQUIRED")) as unknown as {
      x402Version: number;
      resource: { url: string };
      accepts: { scheme: string; amount: string; payTo: string; network: string; asset: string }[];
    };
    expect(body.x402Version).toBe(2);
    expect(body.resource.url).toBe(`${BASE}${PATH}`);
    expect(body.accepts).toEqual([
      expect.objectContaining({ scheme: "exact", amount: "12345678", network: "eip155:31337", payTo: env.PAY_TO_ADDRESS }),
    ]);
    const decoded = JSON.parse(atob(header!));
    expect(decoded).toMatchObject({ error: "PAYMENT_REQUIRED", accepts: body.accepts });
  });

  it.each([
    ["below the minimum", 0.99],
    ["zero", 0],
    ["above the maximum", 500.000001],
    ["negative", -5],
    ["too many decimals", "1.0000001"],
    ["not a number", "ten"],
    ["missing", undefined],
  ])("a bad amount (%s) is a free 400", async (_name, amount) => {
    const agent = await mintAgent();
    const res = await postJson(PATH, amount === undefined ? {} : { amount_usd: amount }, agent.auth);
    await expectEnvelope(res, 400, "VALIDATION_FAILED");
    expect(res.headers.get("payment-required")).toBeNull();
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
  });
});

describe("POST /api/v1/agents/deposits — paid with a real x402 client", () => {
  it("settles exactly the amount to the payee and credits it to the balance", async () => {
    const agent = await mintAgent({ usdc: 5 });
    const payeeBefore = await usdcOf(payee());
    const res = await payDeposit(agent, "2.50");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Deposited;
    expect(body).toMatchObject({ deposited_usd: 2.5, match_usd: 0, virtual_balance_usd: 2.7 });
    expect(body.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(JSON.parse(atob(res.headers.get("payment-response")!))).toMatchObject({ success: true, transaction: body.transaction });
    expect((await usdcOf(payee())) - payeeBefore).toBe(2_500_000n);
    expect(await usdcOf(agent.wallet.address)).toBe(2_500_000n);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 2.7, held_usd: 0, drawn_usd: 2.5 });

    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ status: 200, agent_id: agent.agentId, price_micros: 2_500_000, charged_micros: 2_500_000, route: PATH });
    expect((row as unknown as { payment_mode: string }).payment_mode).toBe("x402_exact");
    const deposit = await env.DB.prepare("SELECT agent_id, amount_micros, match_micros, credited_at FROM deposits WHERE tx_hash = ?")
      .bind(body.transaction)
      .first();
    expect(deposit).toMatchObject({ agent_id: agent.agentId, amount_micros: 2_500_000, match_micros: 0 });
    expect(deposit!.credited_at).toBeTruthy();
  });

  it("the same signed payment cannot deposit twice", async () => {
    const agent = await mintAgent({ usdc: 5 });
    const pay = payingFetch(agent.wallet);
    const challenge = await postJson(PATH, { amount_usd: 1 }, agent.auth);
    const required = JSON.parse(atob(challenge.headers.get("payment-required")!));
    const header = encodePaymentSignatureHeader(await pay.client.createPaymentPayload(required));
    const first = await postJson(PATH, { amount_usd: 1 }, { ...agent.auth, "payment-signature": header });
    expect(first.status).toBe(200);
    const replay = await postJson(PATH, { amount_usd: 1 }, { ...agent.auth, "payment-signature": header });
    const err = (await expectEnvelope(replay, 402, "PAYMENT_INVALID")) as unknown as { error: { details: { reason: string } } };
    expect(err.error.details.reason).toBe("invalid_exact_evm_nonce_already_used");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1.2 });
    expect(await usdcOf(agent.wallet.address)).toBe(4_000_000n);
  });

  it("a payment signed for another amount is refused and nothing moves", async () => {
    const agent = await mintAgent({ usdc: 5 });
    const pay = payingFetch(agent.wallet);
    const challenge = await postJson(PATH, { amount_usd: 1 }, agent.auth);
    const required = JSON.parse(atob(challenge.headers.get("payment-required")!));
    const header = encodePaymentSignatureHeader(await pay.client.createPaymentPayload(required));
    const res = await postJson(PATH, { amount_usd: 3 }, { ...agent.auth, "payment-signature": header });
    await expectEnvelope(res, 402, "PAYMENT_INVALID");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2 });
    expect(await usdcOf(agent.wallet.address)).toBe(5_000_000n);
  });

  it("a deposit past the wallet's signed allowance is refused before settlement", async () => {
    const agent = await mintAgent({ usdc: 5, allowanceUsd: "1" });
    const res = await payDeposit(agent, 2);
    await expectEnvelope(res, 402, "ALLOWANCE_EXCEEDED");
    expect(await usdcOf(agent.wallet.address)).toBe(5_000_000n);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, drawn_usd: 0 });
  });
});

describe("deposit match promo (enabled by configuration)", () => {
  // The same Worker app on the same bindings, with the promo vars switched on: 50% up to $1.50.
  const app = createApp();
  const promoEnv = { ...env, DEPOSIT_MATCH_ENABLED: "true", DEPOSIT_MATCH_BPS: "5000", DEPOSIT_MATCH_CAP_USD: "1.5" };
  const promoWorker = async (input: RequestInfo | URL, init?: RequestInit) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(input, init), promoEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  it("credits the match as its own ledger entry, and never past the agent's lifetime cap", async () => {
    const agent = await mintAgent({ usdc: 10 });
    const fetcher = wrapFetchWithPayment(promoWorker, payingFetch(agent.wallet).client);
    const payeeBefore = await usdcOf(payee());

    const first = (await (await payDeposit(agent, 2, fetcher)).json()) as Deposited;
    expect(first).toMatchObject({ deposited_usd: 2, match_usd: 1, virtual_balance_usd: 3.2 });
    const second = (await (await payDeposit(agent, 2, fetcher)).json()) as Deposited;
    expect(second).toMatchObject({ deposited_usd: 2, match_usd: 0.5, virtual_balance_usd: 5.7 });
    const third = (await (await payDeposit(agent, 2, fetcher)).json()) as Deposited;
    expect(third).toMatchObject({ deposited_usd: 2, match_usd: 0, virtual_balance_usd: 7.7 });

    // The promo is virtual credit: the chain only ever moves what was deposited.
    expect((await usdcOf(payee())) - payeeBefore).toBe(6_000_000n);
    const matched = await env.DB.prepare("SELECT SUM(match_micros) AS m FROM deposits WHERE agent_id = ?").bind(agent.agentId).first<{ m: number }>();
    expect(matched?.m).toBe(1_500_000);

    // Each deposit and each match is its own ledger credit, referenced by the transaction.
    const entries = await vi.waitUntil(
      async () => {
        const { results } = await env.DB.prepare("SELECT kind, amount, ref, memo FROM ledger_entries WHERE agent_id = ? AND ref LIKE '0x%' ORDER BY seq")
          .bind(agent.agentId)
          .all<{ kind: string; amount: number; ref: string; memo: string }>();
        return results.length === 5 ? results : false;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(entries).toEqual([
      { kind: "credit", amount: 2_000_000, ref: first.transaction, memo: "x402 deposit" },
      { kind: "credit", amount: 1_000_000, ref: first.transaction, memo: "deposit match promo" },
      { kind: "credit", amount: 2_000_000, ref: second.transaction, memo: "x402 deposit" },
      { kind: "credit", amount: 500_000, ref: second.transaction, memo: "deposit match promo" },
      { kind: "credit", amount: 2_000_000, ref: third.transaction, memo: "x402 deposit" },
    ]);
  });

  it("concurrent deposits share the cap instead of each taking it", async () => {
    const agent = await mintAgent({ usdc: 10 });
    const fetcher = wrapFetchWithPayment(promoWorker, payingFetch(agent.wallet).client);
    const answers = await Promise.all([1, 2, 3, 4].map(() => payDeposit(agent, 2, fetcher)));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Deposited[];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(bodies.reduce((sum, b) => sum + Math.round(b.match_usd * 1e6), 0)).toBe(1_500_000);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 9.7 });
  });
});
