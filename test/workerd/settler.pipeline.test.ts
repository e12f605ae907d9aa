import { env } from "cloudflare:workers";
import { catalogEntry } from "@411data/core";
import { exactRequirement, resourceInfo, type PaymentPayload, type PaymentRequirements, type SettleResponse } from "@411data/x402";
import { type Hex, hexToNumber } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { localSigner, runtime } from "../../durable-objects/runtime.ts";
import { loadConfig } from "../../workers/api/src/config.ts";
import { workerFacilitator } from "../../workers/api/src/services/billing/facilitator.ts";
import { paymentConfig } from "../../workers/api/src/services/billing/payment-config.ts";
import { BASE } from "./support/http.ts";
import { rpc, newWallet } from "./support/wallets.ts";
import { payingFetch, usdcOf } from "./support/x402.ts";

// Many payments settled at once through the Worker's door to the Settler object (one per signer):
// every caller answered, every transfer on chain exactly once, the signer's nonces without a gap.

const entry = catalogEntry("support.tickets");

function requirement(): PaymentRequirements {
  return exactRequirement(entry, paymentConfig(loadConfig(env)));
}

async function sign(payer: PrivateKeyAccount, accepted: PaymentRequirements): Promise<{ payload: PaymentPayload; requirements: PaymentRequirements }> {
  const payload = await payingFetch(payer).client.createPaymentPayload({ x402Version: 2, resource: resourceInfo(entry, BASE), accepts: [accepted] });
  return { payload, requirements: accepted };
}

interface RpcTx {
  hash: Hex;
  nonce: Hex;
  from: string;
  blockNumber: Hex;
}

/**
 * The signer's transactions in the blocks spanning `hashes`. Other test files settle with the same
 * key at the same time, so "no gap" is: ours plus theirs in that span take consecutive nonces.
 */
async function signerTxsAround(hashes: string[]): Promise<{ hash: Hex; nonce: number }[]> {
  const signer = localSigner(runtime().facilitator(env))!;
  const ours = (await Promise.all(hashes.map((h) => rpc("eth_getTransactionByHash", [h])))) as RpcTx[];
  const blocks = ours.map((t) => hexToNumber(t.blockNumber));
  const out: { hash: Hex; nonce: number }[] = [];
  for (let b = Math.min(...blocks); b <= Math.max(...blocks); b++) {
    const block = (await rpc("eth_getBlockByNumber", [`0x${b.toString(16)}`, true])) as { transactions: RpcTx[] };
    for (const tx of block.transactions) if (tx.from.toLowerCase() === signer) out.push({ hash: tx.hash, nonce: hexToNumber(tx.nonce) });
  }
  return out;
}

function expectConsecutive(nonces: number[]) {
  const sorted = [...nonces].sort((a, b) => a - b);
  expect(sorted).toEqual(sorted.map((_, i) => sorted[0]! + i));
}

async function authorizationUsed(p: { payload: PaymentPayload }): Promise<boolean> {
  const auth = (p.payload.payload as { authorization: { from: string; nonce: string } }).authorization;
  // authorizationState(address,bytes32)
  const data = `0xe94a0102${auth.from.slice(2).toLowerCase().padStart(64, "0")}${auth.nonce.slice(2)}`;
  return BigInt((await rpc("eth_call", [{ to: env.USDC_ADDRESS, data }, "latest"])) as Hex) === 1n;
}

describe("the Settler settles concurrent payments in a pipeline", () => {
  it("24 exact payments at once: each caller answered with its own transfer, each on chain once, nonces without a gap", async () => {
    const accepted = requirement();
    const payers = await Promise.all(Array.from({ length: 24 }, () => newWallet(1)));
    const payments = await Promise.all(payers.map((p) => sign(p, accepted)));
    const facilitator = workerFacilitator(env, runtime());
    const payeeBefore = await usdcOf(accepted.payTo as Hex);

    const results: SettleResponse[] = await Promise.all(payments.map((p) => facilitator.settle(p.payload, p.requirements)));

    expect(results.map((r) => r.success)).toEqual(payments.map(() => true));
    expect(new Set(results.map((r) => r.transaction)).size).toBe(payments.length);
    expect(results.map((r) => r.payer?.toLowerCase())).toEqual(payers.map((p) => p.address.toLowerCase()));
    for (const payer of payers) expect(await usdcOf(payer.address)).toBe(1_000_000n - BigInt(accepted.amount));
    expect(await usdcOf(accepted.payTo as Hex)).toBe(payeeBefore + 24n * BigInt(accepted.amount));
    expect((await Promise.all(payments.map(authorizationUsed))).every(Boolean)).toBe(true);
    const txs = await signerTxsAround(results.map((r) => r.transaction));
    expect(txs.map((t) => t.hash)).toEqual(expect.arrayContaining(results.map((r) => r.transaction)));
    expectConsecutive(txs.map((t) => t.nonce));
  }, 60_000);

  it("a refused payment in the middle of the wave fails alone, takes no nonce, and the next settlement lands", async () => {
    const accepted = requirement();
    const payers = await Promise.all(Array.from({ length: 20 }, () => newWallet(1)));
    const payments = await Promise.all(payers.map((p) => sign(p, accepted)));
    const broke = await sign(await newWallet(0), accepted);
    const facilitator = workerFacilitator(env, runtime());
    const wave = [...payments.slice(0, 10), broke, ...payments.slice(10)];

    const results = await Promise.all(wave.map((p) => facilitator.settle(p.payload, p.requirements)));

    expect(results[10]).toMatchObject({ success: false, errorReason: "invalid_exact_evm_insufficient_balance", transaction: "" });
    const settled = results.filter((_, i) => i !== 10);
    expect(settled.map((r) => r.success)).toEqual(payments.map(() => true));
    expect(await authorizationUsed(broke)).toBe(false);
    const after = await sign(await newWallet(1), accepted);
    const next = await facilitator.settle(after.payload, after.requirements);
    expect(next.success).toBe(true);
    const txs = await signerTxsAround([...settled.map((r) => r.transaction), next.transaction]);
    expect(txs.map((t) => t.hash)).toEqual(expect.arrayContaining([...settled.map((r) => r.transaction), next.transaction]));
    expectConsecutive(txs.map((t) => t.nonce));
  }, 60_000);
});
