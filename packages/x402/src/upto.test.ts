import { approvePermit2, connectLocal, DEMO_PAYER_KEYS, mintUsdc, usd, type LocalClients } from "@411data/chain";
import { catalogEntry } from "@411data/core";
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  decodePaymentSignatureHeader,
  encodePaymentSignatureHeader,
} from "@x402/core/http";
import type { PaymentRequirements } from "@x402/core/types";
import { wrapFetchWithPayment } from "@x402/fetch";
import { Hono } from "hono";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payingClient, signPayment, startPaymentsFixture, type PaymentsFixture } from "../test/local-payments.ts";
import { paymentRequiredError, X402_HEADERS } from "./envelope.ts";
import { FacilitatorUnavailable, PaymentRejected, REASON } from "./errors.ts";
import type { Facilitator } from "./facilitator.ts";
import { LocalFacilitator } from "./local-facilitator.ts";
import { buildAccepts, exactRequirement, resourceInfo, uptoRequirement } from "./requirements.ts";
import { checkUpto, settleUpto, verifyUpto, UPTO_SETTLE_MARGIN_SECONDS, type VerifiedUpto } from "./upto.ts";

const jobs = catalogEntry("enrich.jobs");
const ORIGIN = "http://127.0.0.1:8787";
const resource = resourceInfo(jobs, ORIGIN);
const unapproved = privateKeyToAccount(DEMO_PAYER_KEYS[1]);

let f: PaymentsFixture;
let clients: LocalClients;
let accepts: PaymentRequirements[];

beforeAll(async () => {
  f = await startPaymentsFixture();
  clients = await connectLocal(f.chain.rpcUrl);
  await mintUsdc({ rpcUrl: f.chain.rpcUrl, usdc: f.chain.usdc, to: unapproved.address, amount: usd(20) });
  await approvePermit2(clients.wallet(DEMO_PAYER_KEYS[0]), f.chain.usdc);
  await approvePermit2(clients.wallet(DEMO_PAYER_KEYS[3]), f.chain.usdc);
  accepts = buildAccepts(jobs, f.config);
});

afterAll(async () => {
  await f?.chain.stop();
});

async function rejection(promise: Promise<unknown>): Promise<PaymentRejected> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PaymentRejected) return error;
    throw error;
  }
  throw new Error("expected a PaymentRejected");
}

/** What a job keeps in D1 between submit and settlement. */
const stored = (v: VerifiedUpto) => JSON.parse(JSON.stringify({ payload: v.payload, requirement: v.requirement }));

describe("upto: a job's permit verified before the work, the actual settled after it", () => {
  it("offers a $1.50 ceiling for 1200 s, bound to this facilitator", () => {
    expect(accepts).toEqual([
      {
        scheme: "upto",
        network: "eip155:31337",
        amount: "1500000",
        asset: f.chain.usdc,
        payTo: f.chain.payTo,
        maxTimeoutSeconds: 1200,
        extra: { name: "USD Coin", version: "2", assetTransferMethod: "permit2", facilitatorAddress: f.facilitator.address },
      },
    ]);
  });

  it("verifies the ceiling, settles exactly $0.42 from stored JSON, then refuses the permit again", async () => {
    const header = await signPayment(f.payer, f, resource, accepts);
    const locked: string[] = [];
    const verified = await verifyUpto({
      header,
      accepts,
      resource,
      facilitator: f.facilitator,
      lock: async (c) => {
        locked.push(c.lockKey);
      },
    });
    const now = Math.floor(Date.now() / 1000);
    expect(verified).toMatchObject({ payer: f.payer.address, max: 1_500_000, facilitatorAddress: f.facilitator.address });
    expect(verified.nonce).toMatch(/^\d+$/);
    expect(verified.deadline).toBeGreaterThanOrEqual(now + 1190);
    expect(verified.deadline).toBeLessThanOrEqual(now + 1200);
    expect(verified.settleBy).toBe(verified.deadline - UPTO_SETTLE_MARGIN_SECONDS);
    expect(locked).toEqual([`${f.payer.address.toLowerCase()}:${verified.nonce}`]);
    expect(JSON.parse(JSON.stringify(verified))).toEqual(verified);

    const [payerBefore, payeeBefore] = [await f.balance(f.payer.address), await f.balance(f.chain.payTo)];
    const settled = await settleUpto({ ...stored(verified), amount: 420_000, facilitator: f.facilitator });
    expect(settled.amount).toBe(420_000);
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(settled.payer).toBe(f.payer.address);
    expect(decodePaymentResponseHeader(settled.headers["PAYMENT-RESPONSE"])).toMatchObject({
      success: true,
      amount: "420000",
      transaction: settled.transaction,
      network: "eip155:31337",
    });
    expect(await f.balance(f.chain.payTo)).toBe(payeeBefore + 420_000n);
    expect(await f.balance(f.payer.address)).toBe(payerBefore - 420_000n);

    // Permit2 spent the nonce: a second settlement and a second submit both fail, and nothing moves.
    const again = await rejection(settleUpto({ ...stored(verified), amount: 1_000, facilitator: f.facilitator }));
    expect(decodePaymentResponseHeader(again.headers[X402_HEADERS.paymentResponse]!)).toMatchObject({ success: false });
    const resubmit = await rejection(verifyUpto({ header, accepts, resource, facilitator: f.facilitator }));
    expect(resubmit.status).toBe(402);
    expect(await f.balance(f.payer.address)).toBe(payerBefore - 420_000n);
  });

  it("settles $0 without asking the facilitator or sending a transaction", async () => {
    const verified = await verifyUpto({ header: await signPayment(f.payer, f, resource, accepts), accepts, resource, facilitator: f.facilitator });
    const [before, block] = [await f.balance(f.payer.address), await clients.publicClient.getBlockNumber()];
    const settled = await settleUpto({ ...stored(verified), amount: 0, facilitator: neverCalled });
    expect(settled).toMatchObject({ amount: 0, transaction: null, payer: f.payer.address });
    expect(decodePaymentResponseHeader(settled.headers["PAYMENT-RESPONSE"])).toMatchObject({ success: true, amount: "0", transaction: "" });
    expect(await clients.publicClient.getBlockNumber()).toBe(block);
    expect(await f.balance(f.payer.address)).toBe(before);
  });

  it("refuses to settle above the ceiling, or after the deadline, without asking the facilitator", async () => {
    const verified = await verifyUpto({ header: await signPayment(f.payer, f, resource, accepts), accepts, resource, facilitator: f.facilitator });
    const over = await rejection(settleUpto({ ...stored(verified), amount: 1_500_001, facilitator: neverCalled }));
    expect(over.reason).toBe(REASON.uptoSettlementExceedsAmount);
    const late = await rejection(
      settleUpto({ ...stored(verified), amount: 1_000, facilitator: neverCalled, now: () => verified.deadline }),
    );
    expect(late.reason).toBe(REASON.uptoDeadline);
    await expect(settleUpto({ ...stored(verified), amount: 0.5, facilitator: neverCalled })).rejects.toThrow();
    await expect(settleUpto({ ...stored(verified), amount: -1, facilitator: neverCalled })).rejects.toThrow(RangeError);
  });

  it("refuses a permit that does not leave a job enough time, or outlives the offer", async () => {
    const header = await signPayment(f.payer, f, resource, accepts);
    const now = Math.floor(Date.now() / 1000);
    const at = (t: number, minRemainingSeconds?: number) =>
      rejection(verifyUpto({ header, accepts, resource, facilitator: neverCalled, now: () => t, ...(minRemainingSeconds ? { minRemainingSeconds } : {}) }));
    // Default: ten minutes must remain.
    expect((await at(now + 601)).reason).toBe(REASON.uptoDeadline);
    expect((await at(now + 1300)).reason).toBe(REASON.uptoDeadline);
    expect((await at(now, 1250)).reason).toBe(REASON.uptoDeadline);
    expect((await at(now - 600)).reason).toBe(REASON.uptoDeadlineTooLate);
    expect(checkUpto({ header, accepts, now: () => now + 500 }).payer).toBe(f.payer.address);
    const future = retarget(header, accepts[0]!, { witness: { validAfter: String(now + 600) } });
    expect((await rejection(verifyUpto({ header: future, accepts, resource, facilitator: neverCalled }))).reason).toBe(
      REASON.uptoNotYetValid,
    );
  });

  it("names a payer who never approved Permit2, and one who cannot cover the ceiling", async () => {
    const refusal = await rejection(
      verifyUpto({ header: await signPayment(unapproved, f, resource, accepts), accepts, resource, facilitator: f.facilitator }),
    );
    expect(refusal.reason).toBe(REASON.uptoAllowanceRequired);
    expect(refusal.message).toMatch(/approve Permit2/);
    expect(decodePaymentRequiredHeader(refusal.headers[X402_HEADERS.paymentRequired]!)).toMatchObject({
      error: REASON.uptoAllowanceRequired,
      accepts,
    });
    const broke = await rejection(
      verifyUpto({ header: await signPayment(f.brokePayer, f, resource, accepts), accepts, resource, facilitator: f.facilitator }),
    );
    expect(broke.reason).toBe(REASON.uptoInsufficientBalance);
  });

  it("refuses a permit for another facilitator: offered by us, or only signed by the client", async () => {
    // The 402 named someone else: our facilitator cannot settle it and says so.
    const otherAccepts = [uptoRequirement(jobs, { ...f.config, uptoFacilitatorAddress: f.chain.payTo })];
    const offered = await rejection(
      verifyUpto({ header: await signPayment(f.payer, f, resource, otherAccepts), accepts: otherAccepts, resource, facilitator: f.facilitator }),
    );
    expect(offered.reason).toBe(REASON.uptoFacilitatorMismatch);
    // The client echoes our offer but signed for another facilitator: refused before any call.
    const signedElsewhere = retarget(await signPayment(f.payer, f, resource, otherAccepts), accepts[0]!);
    expect((await rejection(verifyUpto({ header: signedElsewhere, accepts, resource, facilitator: neverCalled }))).reason).toBe(
      REASON.uptoFacilitatorMismatch,
    );
  });

  it("compares the signed permit, not the echoed offer: payee, token, ceiling, spender", async () => {
    const header = await signPayment(f.payer, f, resource, accepts);
    const payload = decodePaymentSignatureHeader(header);
    const auth = payload.payload["permit2Authorization"] as { permitted: Record<string, string> };
    const cases: [Record<string, unknown>, string][] = [
      [{ witness: { to: f.payer.address } }, REASON.uptoRecipientMismatch],
      [{ permitted: { ...auth.permitted, token: f.chain.payTo } }, REASON.uptoTokenMismatch],
      [{ permitted: { ...auth.permitted, amount: "1499999" } }, REASON.uptoAmountMismatch],
      [{ spender: f.chain.payTo }, REASON.uptoSpender],
    ];
    for (const [change, reason] of cases) {
      const refused = await rejection(verifyUpto({ header: retarget(header, accepts[0]!, change), accepts, resource, facilitator: neverCalled }));
      expect(refused.reason, reason).toBe(reason);
    }
    // A larger ceiling than offered matches no requirement at all.
    const bigger = [uptoRequirement(jobs, f.config, { ceiling: 2_000_000 })];
    const honest = await signPayment(f.payer, f, resource, bigger);
    expect((await rejection(verifyUpto({ header: honest, accepts, resource, facilitator: neverCalled }))).reason).toBe(
      REASON.noMatchingRequirements,
    );
  });

  it("refuses another scheme's payment and a permit whose signature does not cover it", async () => {
    const exact = [exactRequirement(catalogEntry("enrich.phone"), f.config)];
    const exactHeader = await signPayment(f.payer, f, resource, exact);
    expect((await rejection(verifyUpto({ header: exactHeader, accepts: exact, resource, facilitator: neverCalled }))).reason).toBe(
      REASON.unsupportedScheme,
    );
    const header = await signPayment(f.payer, f, resource, accepts);
    const tampered = retarget(header, accepts[0]!, { nonce: "42" });
    expect((await rejection(verifyUpto({ header: tampered, accepts, resource, facilitator: f.facilitator }))).reason).toBe(
      REASON.uptoSignature,
    );
    const garbage = btoa(JSON.stringify({ x402Version: 2, accepted: accepts[0], payload: { signature: "0x00" } }));
    expect((await rejection(verifyUpto({ header: garbage, accepts, resource, facilitator: neverCalled }))).reason).toBe(
      REASON.invalidPayload,
    );
  });

  it("reports an unreachable chain as FacilitatorUnavailable, not as the payer's fault", async () => {
    const dead = new LocalFacilitator({ rpcUrl: "http://127.0.0.1:9", chainId: 31337, privateKey: f.chain.facilitatorKey, rpcRetryCount: 0 });
    const header = await signPayment(f.payer, f, resource, accepts);
    await expect(verifyUpto({ header, accepts, resource, facilitator: dead })).rejects.toBeInstanceOf(FacilitatorUnavailable);
  });
});

describe("upto: a job route driven by @x402/fetch", () => {
  // The jobs route in miniature: 402 with the upto offer → the client (its wallet approved Permit2
  // once) signs a permit and retries → verify → 202 → the job runs → the actual is settled after.
  it("answers 202 to a signed permit and settles the actual cost later", async () => {
    const pending: VerifiedUpto[] = [];
    const app = new Hono();
    app.post(jobs.path, async (c) => {
      const header = c.req.header(X402_HEADERS.paymentSignature);
      try {
        if (!header) throw paymentRequiredError("PAYMENT_REQUIRED", "pay with x402 upto", { resource, accepts });
        const verified = await verifyUpto({ header, accepts, resource, facilitator: f.facilitator });
        pending.push(verified);
        return c.json({ billing_mode: "x402_upto", bill_up_to_usd: verified.max / 1e6 }, 202);
      } catch (error) {
        const api = error as PaymentRejected;
        return c.json({ error: { code: api.code, message: api.message }, ...api.body }, 402, api.headers);
      }
    });
    const pay = wrapFetchWithPayment(async (input, init) => app.fetch(new Request(input, init)), payingClient(f.payer, f));
    const before = await f.balance(f.chain.payTo);

    const res = await pay(`${ORIGIN}${jobs.path}`, { method: "POST", body: "{}" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ billing_mode: "x402_upto", bill_up_to_usd: 1.5 });
    expect(pending).toHaveLength(1);
    expect(await f.balance(f.chain.payTo)).toBe(before);

    const settled = await settleUpto({ ...stored(pending[0]!), amount: 1_230_000, facilitator: f.facilitator });
    expect(settled.amount).toBe(1_230_000);
    expect(await f.balance(f.chain.payTo)).toBe(before + 1_230_000n);
  });
});

const neverCalled: Facilitator = {
  verify: () => Promise.reject(new Error("the facilitator must not be asked")),
  settle: () => Promise.reject(new Error("the facilitator must not be asked")),
  supported: () => Promise.reject(new Error("the facilitator must not be asked")),
};

/** Re-encodes a signed header with a different `accepted` and optionally changed permit fields. */
function retarget(header: string, accepted: PaymentRequirements, change: Record<string, unknown> = {}): string {
  const payload = decodePaymentSignatureHeader(header);
  const auth = payload.payload["permit2Authorization"] as Record<string, unknown>;
  const witness = { ...(auth["witness"] as object), ...(change["witness"] as object | undefined) };
  const permit2Authorization = { ...auth, ...change, witness };
  return encodePaymentSignatureHeader({ ...payload, accepted, payload: { ...payload.payload, permit2Authorization } });
}
