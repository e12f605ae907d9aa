// What the client does on its own: retries (injected 429, vendor 503, no answer), the same
// Idempotency-Key across retries (charged once), and x402 on a 402 under the user's spend limits,
// settled on the local chain.
import { numberToHex } from "viem";
import { describe, expect, it } from "vitest";
import { PERMIT2_ADDRESS } from "../../chain/src/constants.ts";
import { Client, type RetryEvent } from "../src/index.ts";
import { freePort } from "../../../scripts/lib/free-port.ts";
import { chain, credit, faultProxy, fundedAgent, localUsdc, newWallet, product, rejection, rpc, SEED_PHONE, usdcOf } from "./support.ts";

describe("retries", () => {
  it("an injected 429 is retried after its Retry-After with the same Idempotency-Key, and charged once", async () => {
    const { client } = await fundedAgent("2");
    const proxy = await faultProxy(["429"]);
    const events: RetryEvent[] = [];
    try {
      const viaProxy = new Client({ baseUrl: proxy.base, token: client.token, onRetry: (e) => events.push(e) });
      const started = Date.now();
      const res = await viaProxy.enrich.phone({ phone: SEED_PHONE });
      expect(res.billing.charged_usd).toBe(0.33);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(events).toMatchObject([{ retry: 1, status: 429, code: "RATE_LIMITED", waitMs: 1000 }]);
      expect(proxy.seen.map((s) => s.status)).toEqual([429, 200]);
      expect(proxy.seen[0]!.idempotencyKey).toMatch(/^411c-/);
      expect(proxy.seen[1]!.idempotencyKey).toBe(proxy.seen[0]!.idempotencyKey);
      expect((await client.balance()).virtual_balance_usd).toBeCloseTo(2.2 - 0.33, 6);
    } finally {
      await proxy.close();
    }
  });

  it("an answer lost on the way back: the retry replays the stored result and the call is charged once", async () => {
    const { client } = await fundedAgent("2");
    const proxy = await faultProxy(["drop-after-forward"]);
    try {
      const viaProxy = new Client({ baseUrl: proxy.base, token: client.token, retry: { baseDelayMs: 50 } });
      const res = await viaProxy.enrich.phone({ phone: SEED_PHONE });
      expect(res).toMatchObject({ matched: true, billing: { charged_usd: 0.33 } });
      expect(proxy.seen.map((s) => s.status)).toEqual(["dropped", 200]);
      expect(proxy.seen[1]!.idempotencyKey).toBe(proxy.seen[0]!.idempotencyKey);
      // The Worker ran it once: one charge on the balance and one paid call in the request log.
      expect((await client.balance()).virtual_balance_usd).toBeCloseTo(2.2 - 0.33, 6);
      const calls = (await client.requests.list({ limit: 50 })).requests.filter((r) => r.path === "/api/v1/enrich/phone");
      expect(calls.filter((r) => (r.charged_usd ?? 0) > 0)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("a vendor 429 answers 503 VENDOR_UNAVAILABLE with Retry-After: honoured, then a typed error; nothing charged", async () => {
    const events: RetryEvent[] = [];
    const { client } = await fundedAgent("1", { retry: { maxRetries: 1 }, onRetry: (e) => events.push(e) });
    const started = Date.now();
    const err = await rejection(client.enrich.phone({ phone: "+15550100429" }));
    expect(err).toMatchObject({ status: 503, code: "VENDOR_UNAVAILABLE", retryAfterSec: 7 });
    expect(err.requestId).toMatch(/^req_/);
    expect(events).toMatchObject([{ retry: 1, status: 503, code: "VENDOR_UNAVAILABLE", waitMs: 7000 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(7000);
    expect((await client.balance()).virtual_balance_usd).toBe(1.2);
    // Asked to wait longer than the caller allows, the client fails at once instead.
    const impatient = new Client({ baseUrl: product().base, token: client.token, retry: { maxRetryAfterSec: 5 } });
    const t0 = Date.now();
    expect((await rejection(impatient.enrich.phone({ phone: "+15550100429" }))).code).toBe("VENDOR_UNAVAILABLE");
    expect(Date.now() - t0).toBeLessThan(3000);
  }, 30_000);

  it("no answer at all: backoff retries, then NETWORK_ERROR", async () => {
    const events: RetryEvent[] = [];
    const client = new Client({ baseUrl: `http://127.0.0.1:${await freePort()}`, retry: { maxRetries: 2, baseDelayMs: 20 }, onRetry: (e) => events.push(e) });
    const err = await rejection(client.discovery.health());
    expect(err).toMatchObject({ code: "NETWORK_ERROR", status: 0 });
    expect(events.map((e) => [e.retry, e.status])).toEqual([[1, 0], [2, 0]]);
    // Jittered between half and all of 20 ms, then of 40 ms.
    expect(events[0]!.waitMs).toBeGreaterThanOrEqual(10);
    expect(events[0]!.waitMs).toBeLessThanOrEqual(20);
    expect(events[1]!.waitMs).toBeGreaterThanOrEqual(20);
    expect(events[1]!.waitMs).toBeLessThanOrEqual(40);
  });
});

describe("x402", () => {
  it("anonymous: a 402 is paid with x402 from the wallet and settled on the local chain", async () => {
    const wallet = await newWallet(5);
    const client = new Client({ baseUrl: product().base, x402: { account: wallet.account, assets: localUsdc() } });
    const res = await client.enrich.phone({ phone: SEED_PHONE });
    expect(res.billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.33 });
    const receipt = await chain().getTransactionReceipt({ hash: res.billing.x402_transaction as `0x${string}` });
    expect(receipt.status).toBe("success");
    expect(await usdcOf(wallet.account.address)).toBe(5_000_000n - 330_000n);
    expect(await client.x402SpentMicros()).toBe(330_000n);
  });

  it("balance first: x402 only when the balance is short", async () => {
    const { client, wallet, minted } = await fundedAgent("0");
    const paying = new Client({ baseUrl: product().base, token: client.token, x402: { account: wallet.account, assets: localUsdc() } });
    const short = await paying.enrich.phone({ phone: SEED_PHONE });
    expect(short.billing.mode).toBe("x402_exact");
    expect((await paying.balance()).virtual_balance_usd).toBe(0.2);
    await credit(minted.agent_id, "1");
    const covered = await paying.enrich.phone({ phone: SEED_PHONE });
    expect(covered.billing.mode).toBe("virtual_balance");
    expect(await usdcOf(wallet.account.address)).toBe(5_000_000n - 330_000n);
  });

  it("spend limits: the official defaults refuse an unknown token; maxPaymentUsd and maxTotalUsd bound the rest", async () => {
    const wallet = await newWallet(5);
    const base = product().base;
    // Default assets only (the official client's table): the local TestUSDC is not one of them.
    const defaults = await rejection(new Client({ baseUrl: base, x402: { account: wallet.account } }).enrich.phone({ phone: SEED_PHONE }));
    expect(defaults).toMatchObject({ code: "SPEND_LIMIT_REFUSED", status: 402, details: { server_code: "AGENT_TOKEN_REQUIRED" } });
    expect(defaults.requestId).toMatch(/^req_/);
    const capped = await rejection(new Client({ baseUrl: base, x402: { account: wallet.account, assets: localUsdc(), maxPaymentUsd: "0.10" } }).enrich.phone({ phone: SEED_PHONE }));
    expect(capped.code).toBe("SPEND_LIMIT_REFUSED");
    const budget = new Client({ baseUrl: base, x402: { account: wallet.account, assets: localUsdc(), maxTotalUsd: "0.50" } });
    await budget.enrich.phone({ phone: SEED_PHONE });
    expect((await rejection(budget.enrich.phone({ phone: SEED_PHONE }))).code).toBe("SPEND_LIMIT_REFUSED");
    expect(await usdcOf(wallet.account.address)).toBe(5_000_000n - 330_000n);
  });

  it("a $1.50 lead session, which the official $1 default cap refuses, pays under the client's $1.50 default", async () => {
    const wallet = await newWallet(5);
    const lead = { company: "JOSEPH B MANNO", city: "RIDGWAY", state: "PA", number1: "8147761310" };
    const dollarCap = new Client({ baseUrl: product().base, x402: { account: wallet.account, assets: localUsdc(), maxPaymentUsd: 1 } });
    expect((await rejection(dollarCap.enrich.leadSession({ lead, max_rounds: 1 }))).code).toBe("SPEND_LIMIT_REFUSED");
    const client = new Client({ baseUrl: product().base, x402: { account: wallet.account, assets: localUsdc() } });
    const res = await client.enrich.leadSession({ lead, max_rounds: 1 });
    expect(res.billing).toMatchObject({ mode: "x402_exact" });
    expect(res.billing.charged_usd).toBe(res.matched ? 1.5 : 0);
  });

  it("a job with no bearer is authorised with x402 upto (Permit2) and settles the actual cost", async () => {
    const wallet = await newWallet(5);
    await rpc("anvil_setERC20Allowance", [wallet.account.address, PERMIT2_ADDRESS, product().usdc, numberToHex(10n ** 12n)]);
    const client = new Client({ baseUrl: product().base, x402: { account: wallet.account, assets: localUsdc() } });
    const accepted = await client.jobs.submit({ route: "enrich/websearch", payload: { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" } });
    expect(accepted.billing_mode).toBe("x402_upto");
    const done = await client.jobs.wait(accepted.job_id, { pollBearer: accepted.poll_bearer, intervalMs: 200 });
    expect(done.status).toBe("completed");
    await expect.poll(async () => (await client.jobs.get(accepted.job_id, { pollBearer: accepted.poll_bearer })).billing_status, { timeout: 20_000 }).toBe("settled");
    const settled = await client.jobs.get(accepted.job_id, { pollBearer: accepted.poll_bearer });
    expect(5_000_000n - (await usdcOf(wallet.account.address))).toBe(BigInt(Math.round(settled.billing.charged_usd! * 1e6)));
  });
});
