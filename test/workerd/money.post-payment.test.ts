import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { wrapFetchWithPayment } from "@x402/fetch";
import { describe, expect, it } from "vitest";
import { reconcile, STALE_LOCK_MS } from "../../workers/api/src/scheduled/reconcile.ts";
import { balanceOf, fundedAgent, mintAgent } from "./support/agents.ts";
import { failingDb, fetchWith } from "./support/faults.ts";
import { BASE, expectEnvelope, postJson } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { payingFetch, usdcOf } from "./support/x402.ts";

// After money moves (a capture, an on-chain settlement) the caller gets its paid answer, or a 502
// that names the transaction; the bookkeeping that failed is retried and the reconciler closes the
// rest. Each case makes one real post-payment D1 step fail.

const later = () => Date.now() + STALE_LOCK_MS + 60_000;

async function lockOf(lockKeyLike: string) {
  return env.DB.prepare("SELECT status, tx_hash, agent_id FROM x402_payments WHERE lock_key LIKE ?")
    .bind(`${lockKeyLike.toLowerCase()}:%`)
    .first<{ status: string; tx_hash: string | null; agent_id: string | null }>();
}

async function capturesOf(agentId: string) {
  return runInDurableObject(env.AGENT_ACCOUNT.getByName(agentId), (_i, state) =>
    state.storage.sql.exec<{ amount: number }>("SELECT amount FROM ledger WHERE kind = 'capture'").toArray(),
  );
}

describe("an x402 exact call whose settlement record fails to write", () => {
  it("answers the paid 200 with its transaction; the reconciler records the settlement from the chain", async () => {
    const payer = await newWallet(5);
    const broken = failingDb(/UPDATE x402_payments SET status/);
    const pay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => fetchWith({ DB: broken.db }, new Request(input, init)), payingFetch(payer).client);
    const res = await pay(`${BASE}/api/v1/enrich/phone`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "+17242060094" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { billing: { charged_usd: number; x402_transaction: string } };
    expect(body.billing.charged_usd).toBe(0.33);
    expect(res.headers.get("payment-response")).toBeTruthy();
    expect(broken.refused()).toBeGreaterThan(0);
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
    expect(await lockOf(payer.address)).toMatchObject({ status: "locked", tx_hash: null });

    const report = await reconcile(env, later());
    expect(report.locksSettled).toBeGreaterThanOrEqual(1);
    expect(await lockOf(payer.address)).toMatchObject({ status: "settled", tx_hash: body.billing.x402_transaction.toLowerCase() });
  }, 60_000);

  it("a stale lock whose authorization never moved is freed, and the payer's drawn budget returns", async () => {
    const agent = await mintAgent({ allowanceUsd: "10" });
    // The settlement itself never happens: verification passes, then the work path dies at the draw's record.
    const broken = failingDb(/UPDATE x402_payments SET status/);
    const pay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => fetchWith({ DB: broken.db }, new Request(input, init)), payingFetch(agent.wallet).client);
    // A no-match is never settled: only the abandon bookkeeping runs, and it fails.
    const res = await pay(`${BASE}/api/v1/enrich/phone`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "+15550100404" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { billing: { charged_usd: number } }).billing.charged_usd).toBe(0);
    expect(await lockOf(agent.wallet.address)).toMatchObject({ status: "locked" });
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0);

    const report = await reconcile(env, later());
    expect(report.locksFreed).toBeGreaterThanOrEqual(1);
    expect(await lockOf(agent.wallet.address)).toMatchObject({ status: "unsettled" });
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0);
  }, 60_000);
});

describe("a deposit whose row cannot be written after the USDC settled", () => {
  it("answers 502 naming the transaction, a retry with the same key charges nothing, the reconciler credits it once", async () => {
    const agent = await mintAgent({ usdc: 20 });
    const before = (await balanceOf(agent.auth)).virtual_balance_usd;
    const broken = failingDb(/INSERT INTO deposits/);
    let signed: string | null = null;
    const pay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      signed ??= req.headers.get("payment-signature");
      return fetchWith({ DB: broken.db }, req);
    }, payingFetch(agent.wallet).client);
    const headers = { "content-type": "application/json", "idempotency-key": "deposit-fault-1", ...agent.auth };
    const res = await pay(`${BASE}/api/v1/agents/deposits`, { method: "POST", headers, body: JSON.stringify({ amount_usd: "10" }) });
    const err = await expectEnvelope(res, 502, "PAYMENT_RECORD_PENDING");
    const transaction = (err.error as unknown as { details: { transaction: string } }).details.transaction;
    expect(transaction).toMatch(/^0x[0-9a-f]{64}$/i);
    expect(res.headers.get("payment-response")).toBeTruthy();
    expect(await usdcOf(agent.wallet.address)).toBe(10_000_000n);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe(before);

    // The same request again (same key, same signed payment): nothing more leaves the wallet.
    const again = await postJson("/api/v1/agents/deposits", { amount_usd: "10" }, { ...headers, "payment-signature": signed! });
    expect(again.status).toBe(402);
    expect(await usdcOf(agent.wallet.address)).toBe(10_000_000n);

    const report = await reconcile(env);
    expect(report.depositsCompleted).toBeGreaterThanOrEqual(1);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe(before + 10);
    const row = await env.DB.prepare("SELECT amount_micros, credited_at FROM deposits WHERE tx_hash = ?").bind(transaction.toLowerCase()).first<{ amount_micros: number; credited_at: string | null }>();
    expect(row).toMatchObject({ amount_micros: 10_000_000 });
    expect(row!.credited_at).not.toBeNull();

    await reconcile(env);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe(before + 10);
  }, 60_000);
});

describe("a lead session whose warm-cache write fails after the capture", () => {
  it("answers the paid 200, and a retry with the same Idempotency-Key replays it without a second charge", async () => {
    const agent = await fundedAgent(5);
    const broken = failingDb(/INTO agent_cache/);
    const request = () =>
      new Request(`${BASE}/api/v1/enrich/lead-session`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "ls-fault-1", ...agent.auth },
        body: JSON.stringify({ lead: { company: "JOSEPH B MANNO", city: "RIDGWAY", state: "PA", number1: "8147761310" }, max_rounds: 2 }),
      });
    const first = await fetchWith({ DB: broken.db }, request());
    expect(first.status).toBe(200);
    const paid = (await first.json()) as { billing: { charged_usd: number } };
    expect(paid.billing.charged_usd).toBeGreaterThanOrEqual(1.5);
    expect(broken.refused()).toBeGreaterThan(0);

    const second = await fetchWith({}, request());
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await capturesOf(agent.agentId)).toHaveLength(1);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(5 - paid.billing.charged_usd, 6);
  }, 60_000);
});
