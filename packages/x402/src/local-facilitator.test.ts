import { approvePermit2, connectLocal, DEMO_PAYER_KEYS, type LocalClients } from "@411data/chain";
import { catalogEntry } from "@411data/core";
import type { PaymentPayload, PaymentRequirements, SettleResponse } from "@x402/core/types";
import { type Hex, parseTransaction } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payingClient, startPaymentsFixture, type PaymentsFixture } from "../test/local-payments.ts";
import { FacilitatorUnavailable, REASON } from "./errors.ts";
import { LocalFacilitator } from "./local-facilitator.ts";
import { exactRequirement, resourceInfo, uptoRequirement } from "./requirements.ts";

// Settlements from one key, many at once, on a chain of their own: they pipeline (sent without
// waiting for each other's receipts), take consecutive nonces, and a refusal or a lost broadcast in
// the middle leaves no gap behind it.

const tickets = catalogEntry("support.tickets");
const jobs = catalogEntry("enrich.jobs");
const ORIGIN = "http://127.0.0.1:8787";

let f: PaymentsFixture;
let clients: LocalClients;
let exact: PaymentRequirements;
let upto: PaymentRequirements;

beforeAll(async () => {
  f = await startPaymentsFixture();
  clients = await connectLocal(f.chain.rpcUrl);
  await approvePermit2(clients.wallet(DEMO_PAYER_KEYS[0]), f.chain.usdc);
  exact = exactRequirement(tickets, f.config);
  upto = uptoRequirement(jobs, f.config);
});

afterAll(async () => {
  await f?.chain.stop();
});

interface Payment {
  payload: PaymentPayload;
  requirements: PaymentRequirements;
}

async function sign(requirement: PaymentRequirements, payer: PrivateKeyAccount = f.payer): Promise<Payment> {
  const resource = resourceInfo(requirement.scheme === "upto" ? jobs : tickets, ORIGIN);
  const payload = await payingClient(payer, f).createPaymentPayload({ x402Version: 2, resource, accepts: [requirement] });
  // upto settles the actual cost, here a third of the ceiling.
  return { payload, requirements: requirement.scheme === "upto" ? { ...requirement, amount: String(Number(requirement.amount) / 3) } : requirement };
}

const settle = (p: Payment, facilitator: LocalFacilitator = f.facilitator) => facilitator.settle(p.payload, p.requirements);

async function txOf(hash: string) {
  const tx = await clients.publicClient.getTransaction({ hash: hash as Hex });
  const receipt = await clients.publicClient.getTransactionReceipt({ hash: hash as Hex });
  return { nonce: tx.nonce, from: tx.from, block: receipt.blockNumber, status: receipt.status };
}

async function signerNonce(blockTag: "latest" | "pending"): Promise<number> {
  return clients.publicClient.getTransactionCount({ address: f.facilitator.address, blockTag });
}

/** A facilitator of its own on the fixture's chain, whose RPC calls go through `fetchFn` (a recorder, a fault). */
function facilitatorVia(fetchFn: typeof fetch): LocalFacilitator {
  return new LocalFacilitator({ rpcUrl: f.chain.rpcUrl, chainId: f.chain.chainId, privateKey: f.chain.facilitatorKey, pollingIntervalMs: 50, fetch: fetchFn });
}

function expectConsecutive(nonces: number[]) {
  const sorted = [...nonces].sort((a, b) => a - b);
  expect(sorted).toEqual(sorted.map((_, i) => sorted[0]! + i));
}

describe("LocalFacilitator: concurrent settlements pipeline", () => {
  it("sends every settlement of a wave before any is mined (exact and upto alike), one nonce each, all confirmed", async () => {
    const wave = [...(await Promise.all(Array.from({ length: 12 }, () => sign(exact)))), ...(await Promise.all(Array.from({ length: 12 }, () => sign(upto))))];
    // The real chain; the recorder keeps how many receipts each HTTP request asked for.
    const receiptBatches: number[] = [];
    const facilitator = facilitatorVia(async (input, init) => {
      const body = JSON.parse(String(init?.body)) as { method: string } | { method: string }[];
      const receipts = [body].flat().filter((c) => c.method === "eth_getTransactionReceipt").length;
      if (receipts > 0) receiptBatches.push(receipts);
      return fetch(input, init);
    });
    const payeeBefore = await f.balance(f.chain.payTo);
    const first = await signerNonce("latest");
    await clients.testClient.setAutomine(false);
    let results: SettleResponse[];
    try {
      const settling = Promise.all(wave.map((p) => settle(p, facilitator)));
      // Nothing is mined until all 24 are in the node's pool at once: a facilitator that waited for
      // each receipt before the next send would never get there (and this test would time out).
      while ((await signerNonce("pending")) - first < wave.length) await new Promise((r) => setTimeout(r, 20));
      expect(await signerNonce("latest")).toBe(first);
      await clients.testClient.mine({ blocks: 1 });
      results = await settling;
    } finally {
      await clients.testClient.setAutomine(true);
    }

    expect(results.map((r) => r.success)).toEqual(wave.map(() => true));
    const txs = await Promise.all(results.map((r) => txOf(r.transaction)));
    expect(new Set(results.map((r) => r.transaction)).size).toBe(wave.length);
    expect(new Set(txs.map((t) => t.block)).size).toBe(1);
    expect(txs.every((t) => t.status === "success" && t.from.toLowerCase() === f.facilitator.address.toLowerCase())).toBe(true);
    expectConsecutive(txs.map((t) => t.nonce));
    expect(Math.min(...txs.map((t) => t.nonce))).toBe(first);
    const owed = 12n * BigInt(exact.amount) + 12n * (BigInt(upto.amount) / 3n);
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + owed);
    // Receipts were asked for together: after the block, one request covered the wave (all but the
    // last broadcast's first look, which may race the block).
    expect(Math.max(...receiptBatches)).toBeGreaterThanOrEqual(wave.length - 1);
  });

  it("a payment refused mid-wave (no funds, authorization already used) fails alone and takes no nonce", async () => {
    const spent = await sign(exact);
    expect((await settle(spent)).success).toBe(true);
    const good = await Promise.all(Array.from({ length: 20 }, () => sign(exact)));
    const broke = await sign(exact, f.brokePayer);
    const wave = [...good.slice(0, 10), broke, spent, ...good.slice(10)];
    const payeeBefore = await f.balance(f.chain.payTo);
    const first = await signerNonce("latest");

    const results = await Promise.all(wave.map((p) => settle(p)));

    expect(results[10]).toMatchObject({ success: false, errorReason: REASON.insufficientBalance, transaction: "" });
    expect(results[11]).toMatchObject({ success: false, errorReason: REASON.nonceAlreadyUsed, transaction: "" });
    const settled = results.filter((_, i) => i !== 10 && i !== 11);
    expect(settled.map((r) => r.success)).toEqual(good.map(() => true));
    const nonces = (await Promise.all(settled.map((r) => txOf(r.transaction)))).map((t) => t.nonce);
    expectConsecutive(nonces);
    expect(Math.min(...nonces)).toBe(first);
    // No gap: the node's next nonce follows the wave, and the next settlement lands on it.
    expect(await signerNonce("pending")).toBe(first + good.length);
    const next = await settle(await sign(exact));
    expect(next.success).toBe(true);
    expect((await txOf(next.transaction)).nonce).toBe(first + good.length);
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + BigInt(good.length + 1) * BigInt(exact.amount));
  });
});

describe("LocalFacilitator: chain round trips", () => {
  it("asks for the payer's code once per verify and once per settle (the SDK asks twice in each)", async () => {
    const asked: string[] = [];
    const facilitator = facilitatorVia(async (input, init) => {
      for (const call of [JSON.parse(String(init?.body)) as { method: string; params: [string] }].flat()) {
        if (call.method === "eth_getCode") asked.push(call.params[0].toLowerCase());
      }
      return fetch(input, init);
    });
    const payment = await sign(exact);
    const payer = f.payer.address.toLowerCase();
    expect((await facilitator.verify(payment.payload, payment.requirements)).isValid).toBe(true);
    expect(asked.filter((a) => a === payer)).toHaveLength(1);
    expect((await settle(payment, facilitator)).success).toBe(true);
    expect(asked.filter((a) => a === payer)).toHaveLength(2);
  });
});

describe("LocalFacilitator: a broadcast whose answer is lost", () => {
  /** The real chain, with the next `count` eth_sendRawTransaction calls failing in transport. */
  function faultyFacilitator() {
    let failing = 0;
    let forward = false;
    const facilitator = facilitatorVia(async (input, init) => {
      if (failing > 0 && typeof init?.body === "string" && init.body.includes('"eth_sendRawTransaction"')) {
        failing--;
        // After the node took the bytes (the answer is lost), or before it saw them.
        if (forward) await fetch(input, init);
        throw new TypeError("fetch failed (fault injection)");
      }
      return fetch(input, init);
    });
    return {
      facilitator,
      fail(count: number, options: { afterNodeTookIt: boolean }) {
        failing = count;
        forward = options.afterNodeTookIt;
      },
    };
  }

  it("the node took it: the same bytes are sent again, and the payment settles once", async () => {
    const faulty = faultyFacilitator();
    const payeeBefore = await f.balance(f.chain.payTo);
    faulty.fail(1, { afterNodeTookIt: true });
    const result = await settle(await sign(exact), faulty.facilitator);
    expect(result.success).toBe(true);
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + BigInt(exact.amount));
  });

  it("the node never saw it: indeterminate naming the transaction, which keeps its nonce and lands before the next", async () => {
    const faulty = faultyFacilitator();
    const payeeBefore = await f.balance(f.chain.payTo);
    const first = await signerNonce("latest");
    faulty.fail(3, { afterNodeTookIt: false });
    const lost = await settle(await sign(exact), faulty.facilitator).then(
      () => expect.unreachable("a lost broadcast is not a success"),
      (error: unknown) => error,
    );
    expect(lost).toBeInstanceOf(FacilitatorUnavailable);
    const details = (lost as FacilitatorUnavailable).details as { transaction?: string; indeterminate?: boolean };
    expect(details).toMatchObject({ operation: "settle", indeterminate: true, transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore);

    // The next settlement first sends the lost one again (its nonce is still taken), then its own.
    const next = await settle(await sign(exact), faulty.facilitator);
    expect(next.success).toBe(true);
    const resent = await txOf(details.transaction!);
    expect(resent).toMatchObject({ nonce: first, status: "success" });
    expect((await txOf(next.transaction)).nonce).toBe(first + 1);
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + 2n * BigInt(exact.amount));
  });
});

describe("LocalFacilitator: a lost broadcast with nothing after it", () => {
  it("goes out again by itself and lands", async () => {
    let failing = 3;
    const facilitator = facilitatorVia(async (input, init) => {
      if (failing > 0 && String(init?.body).includes('"eth_sendRawTransaction"')) {
        failing--;
        throw new TypeError("fetch failed (fault injection)");
      }
      return fetch(input, init);
    });
    const payeeBefore = await f.balance(f.chain.payTo);
    const lost = await settle(await sign(exact), facilitator).then(
      () => expect.unreachable("a lost broadcast is not a success"),
      (error: unknown) => error as FacilitatorUnavailable,
    );
    const { transaction } = lost.details as { transaction: Hex };
    expect((await clients.publicClient.waitForTransactionReceipt({ hash: transaction })).status).toBe("success");
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + BigInt(exact.amount));
  });
});

describe("LocalFacilitator: the node refuses a broadcast after later nonces went out", () => {
  it("that payment fails alone, a 0-ETH transfer fills its nonce, and every later settlement lands", async () => {
    const first = await signerNonce("latest");
    const wave = await Promise.all(Array.from({ length: 6 }, () => sign(exact)));
    let passed = 0;
    let refusedOnce = false;
    let release: () => void = () => undefined;
    const othersPassed = new Promise<void>((r) => (release = r));
    // The real chain, except that the transaction taking the wave's first nonce is answered with a
    // refusal (the node's words, never forwarded) once all the others have been broadcast.
    const facilitator = facilitatorVia(async (input, init) => {
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { id: number; method?: string; params?: [Hex] }) : null;
      if (body?.method === "eth_sendRawTransaction") {
        if (!refusedOnce && parseTransaction(body.params![0]).nonce === first) {
          refusedOnce = true;
          await othersPassed;
          return Response.json({ jsonrpc: "2.0", id: body.id, error: { code: -32000, message: "txpool is full (fault injection)" } });
        }
        if (++passed === wave.length - 1) release();
      }
      return fetch(input, init);
    });
    const payeeBefore = await f.balance(f.chain.payTo);

    const results = await Promise.all(wave.map((p) => settle(p, facilitator)));

    const refused = results.filter((r) => !r.success);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ success: false, transaction: "" });
    const nonces = (await Promise.all(results.filter((r) => r.success).map((r) => txOf(r.transaction)))).map((t) => t.nonce);
    expect(nonces.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5].map((i) => first + i));
    // The gap at `first` was filled, so nothing is left waiting behind it.
    expect(await signerNonce("latest")).toBe(first + wave.length);
    expect(await signerNonce("pending")).toBe(first + wave.length);
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + 5n * BigInt(exact.amount));
  });
});
