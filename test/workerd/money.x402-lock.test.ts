import { env, exports } from "cloudflare:workers";
import { wrapFetchWithPayment } from "@x402/fetch";
import { describe, expect, it } from "vitest";
import { RESERVED_PHONES } from "@411data/vendors";
import { balanceOf, mintAgent } from "./support/agents.ts";
import { fetchLeavingBackground, fetchWith, heldDb } from "./support/faults.ts";
import { BASE, expectEnvelope } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, signedPaymentFor, usdcOf } from "./support/x402.ts";

// The anonymous x402 `exact` path: the (payer, nonce) lock in D1 is claimed while the facilitator
// verifies, in the same statement that names the paying wallet's agent, and the settled record is
// written after the answer. What must still hold: a replay never gets work, at once or later, from
// any instance; a wallet's committed budget is still drawn. (A record lost for good is rebuilt by
// the reconciler: money.post-payment.test.ts.)

const PHONE = "+17242060094";
const PATH = "/api/v1/enrich/phone";

const lockOf = (payer: string) =>
  env.DB.prepare("SELECT status, tx_hash, agent_id FROM x402_payments WHERE payer = ?")
    .bind(payer.toLowerCase())
    .first<{ status: string; tx_hash: string | null; agent_id: string | null }>();

const send = (header: string, phone = PHONE) =>
  new Request(`${BASE}${PATH}`, { method: "POST", headers: { "content-type": "application/json", "payment-signature": header }, body: JSON.stringify({ phone }) });

async function refusedAsReplay(res: Response) {
  const err = (await expectEnvelope(res, 402, "PAYMENT_INVALID")) as unknown as { error: { details: { reason: string } } };
  expect(err.error.details.reason).toBe("invalid_exact_evm_nonce_already_used");
  // No work was done for it: no result in the answer.
  expect(err).not.toHaveProperty("data");
  expect(err).not.toHaveProperty("matched");
}

describe("the replay lock", () => {
  it("the same authorization sent twice at once: one paid answer, the other refused, the USDC moved once", async () => {
    const payer = await newWallet(5);
    const header = await signedPaymentFor(payingFetch(payer), PATH, { phone: PHONE });
    const answers = await Promise.all([exports.default.fetch(send(header)), exports.default.fetch(send(header))]);
    const paid = answers.filter((r) => r.status === 200);
    expect(paid).toHaveLength(1);
    await refusedAsReplay(answers.find((r) => r.status !== 200)!);
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
  }, 30_000);

  it("an authorization the chain would still take (its first call matched nothing) is refused by the lock alone, from another instance", async () => {
    const payer = await newWallet(5);
    const header = await signedPaymentFor(payingFetch(payer), PATH, { phone: PHONE });
    const first = await exports.default.fetch(send(header, RESERVED_PHONES.no_match));
    expect(((await first.json()) as { matched: boolean; billing: { charged_usd: number } })).toMatchObject({ matched: false, billing: { charged_usd: 0 } });
    expect(await lockOf(payer.address)).toMatchObject({ status: "unsettled" });
    // Never settled, so its nonce is unused on chain: only the D1 lock stands between it and free
    // work. A second app instance (as another isolate, or this one after a restart) has no memory
    // of the first and still refuses.
    await refusedAsReplay(await fetchWith({}, send(header)));
    expect(await usdcOf(payer.address)).toBe(5_000_000n);
  }, 30_000);
});

describe("the wallet's agent, named by the lock", () => {
  it("an anonymous call paid by a minted wallet draws on its committed budget; past the allowance it is refused and nothing settles", async () => {
    const agent = await mintAgent({ allowanceUsd: "0.5" });
    const pay = payingFetch(agent.wallet);
    const before = await usdcOf(agent.wallet.address);
    const res = await paidPost(pay, PATH, { phone: PHONE });
    expect(res.status).toBe(200);
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0.33);
    expect(await lockOf(agent.wallet.address)).toMatchObject({ status: "settled", agent_id: agent.agentId });

    const over = await paidPost(pay, PATH, { phone: PHONE });
    await expectEnvelope(over, 402, "ALLOWANCE_EXCEEDED");
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0.33);
    expect(await usdcOf(agent.wallet.address)).toBe(before - 330_000n);
  }, 30_000);

  it("a wallet that never minted draws on nobody", async () => {
    const payer = await newWallet(5);
    expect((await paidPost(payingFetch(payer), PATH, { phone: PHONE })).status).toBe(200);
    expect(await lockOf(payer.address)).toMatchObject({ status: "settled", agent_id: null });
  }, 30_000);
});

describe("the settled record", () => {
  it("is written after the answer: a D1 that stalls on it does not hold the paid 200", async () => {
    const payer = await newWallet(5);
    const slow = heldDb(/UPDATE x402_payments SET status/);
    const background: (() => Promise<void>)[] = [];
    const pay = wrapFetchWithPayment(async (input: RequestInfo | URL, init?: RequestInit) => {
      const sent = await fetchLeavingBackground({ DB: slow.db }, new Request(input, init));
      background.push(sent.background);
      return sent.res;
    }, payingFetch(payer).client);
    const res = await pay(`${BASE}${PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phone: PHONE }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { billing: { x402_transaction: string } };
    expect(slow.held()).toBe(1);
    expect(await lockOf(payer.address)).toMatchObject({ status: "locked", tx_hash: null });

    slow.release();
    await Promise.all(background.map((b) => b()));
    expect(await lockOf(payer.address)).toMatchObject({ status: "settled", tx_hash: body.billing.x402_transaction.toLowerCase() });
  }, 30_000);
});
