import { catalogEntry } from "@411data/core";
import { decodePaymentResponseHeader, decodePaymentRequiredHeader, decodePaymentSignatureHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { wrapFetchWithPayment } from "@x402/fetch";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payingClient, signPayment, startPaymentsFixture, type PaymentsFixture } from "../test/local-payments.ts";
import { API_ERROR_KEY, paymentRequiredError, X402_HEADERS } from "./envelope.ts";
import { FacilitatorUnavailable, PaymentRejected, REASON } from "./errors.ts";
import { checkExact, settleExact, verifyExact, type ExactCandidate } from "./exact.ts";
import type { Facilitator } from "./facilitator.ts";
import { buildAccepts, exactRequirement, resourceInfo } from "./requirements.ts";

const entry = catalogEntry("enrich.phone");
const ORIGIN = "http://127.0.0.1:8787";
const resource = resourceInfo(entry, ORIGIN);

let f: PaymentsFixture;

beforeAll(async () => {
  f = await startPaymentsFixture();
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

describe("exact: verify and settle a real client's payment on a local chain", () => {
  it("settles exactly the price to payTo, and refuses the replay", async () => {
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    const before = await f.balance(f.chain.payTo);

    const locked: ExactCandidate[] = [];
    const verified = await verifyExact({
      header,
      accepts,
      resource,
      facilitator: f.facilitator,
      lock: async (candidate) => {
        locked.push(candidate);
      },
    });
    expect(verified.payer).toBe(f.payer.address);
    expect(verified.amount).toBe(330_000);
    expect(verified.nonce).toMatch(/^0x[0-9a-f]{64}$/);
    expect(verified.lockKey).toBe(`${f.payer.address.toLowerCase()}:${verified.nonce}`);
    expect(locked).toHaveLength(1);

    const settled = await settleExact({ verified, facilitator: f.facilitator });
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(settled.payer).toBe(f.payer.address);
    expect(decodePaymentResponseHeader(settled.headers[X402_HEADERS.paymentResponse]!)).toMatchObject({
      success: true,
      transaction: settled.transaction,
      network: "eip155:31337",
    });
    expect(await f.balance(f.chain.payTo)).toBe(before + 330_000n);

    // Same signature again: the token has burnt the nonce, the facilitator says so.
    const replay = await rejection(verifyExact({ header, accepts, resource, facilitator: f.facilitator }));
    expect(replay.reason).toBe(REASON.nonceAlreadyUsed);
    expect(replay.status).toBe(402);
    expect(decodePaymentRequiredHeader(replay.headers[X402_HEADERS.paymentRequired]!)).toMatchObject({
      error: REASON.nonceAlreadyUsed,
      accepts,
    });
    expect(await f.balance(f.chain.payTo)).toBe(before + 330_000n);
  });

  it("lets the caller's lock refuse a concurrent duplicate, whatever the facilitator verifies beside it", async () => {
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    const taken = new Set<string>();
    const lock = async (c: ExactCandidate) => {
      if (taken.has(c.lockKey)) throw new PaymentRejected(REASON.nonceAlreadyUsed, "payment already in use");
      taken.add(c.lockKey);
    };
    const results = await Promise.allSettled([
      verifyExact({ header, accepts, resource, facilitator: f.facilitator, lock }),
      verifyExact({ header, accepts, resource, facilitator: f.facilitator, lock }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("refuses a signed amount that differs from the price", async () => {
    const accepts = buildAccepts(entry, f.config);
    const cheap = exactRequirement(catalogEntry("support.tickets"), f.config);
    // The client signs $0.01 but echoes the $0.33 requirement as `accepted`.
    const header = retarget(await signPayment(f.payer, f, resource, [cheap]), accepts[0]!);
    const refused = await rejection(verifyExact({ header, accepts, resource, facilitator: neverCalled }));
    expect(refused.reason).toBe(REASON.valueMismatch);

    // Honest about what it signed: no requirement matches.
    const honest = await signPayment(f.payer, f, resource, [cheap]);
    expect((await rejection(verifyExact({ header: honest, accepts, resource, facilitator: neverCalled }))).reason).toBe(
      REASON.noMatchingRequirements,
    );
  });

  it("refuses a payment to the wrong payee", async () => {
    const accepts = buildAccepts(entry, f.config);
    const elsewhere = exactRequirement(entry, { ...f.config, payTo: f.payer.address });
    const header = retarget(await signPayment(f.payer, f, resource, [elsewhere]), accepts[0]!);
    const refused = await rejection(verifyExact({ header, accepts, resource, facilitator: neverCalled }));
    expect(refused.reason).toBe(REASON.recipientMismatch);
  });

  it("refuses an expired authorization, one not yet valid, and one that outlives maxTimeoutSeconds", async () => {
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    const now = Math.floor(Date.now() / 1000);
    const at = (t: number) => ({ header, accepts, resource, facilitator: neverCalled, now: () => t });
    expect((await rejection(verifyExact(at(now + 61)))).reason).toBe(REASON.validBefore);
    expect((await rejection(verifyExact({ ...at(now), minRemainingSeconds: 120 }))).reason).toBe(REASON.validBefore);
    expect((await rejection(verifyExact(at(now - 3600)))).reason).toBe(REASON.validBefore);
    const future = retarget(header, accepts[0]!, { validAfter: String(now + 600) });
    expect((await rejection(verifyExact({ ...at(now), header: future }))).reason).toBe(REASON.validAfter);
    // And the facilitator itself refuses an expiry our clock missed.
    const stale = retarget(header, accepts[0]!, { validBefore: String(now - 1) });
    expect((await rejection(verifyExact({ ...at(now - 120), header: stale, facilitator: f.facilitator }))).reason).toBe(
      REASON.validBefore,
    );
  });

  it("passes the facilitator's precise reason for a payer without funds", async () => {
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.brokePayer, f, resource, accepts);
    const refused = await rejection(verifyExact({ header, accepts, resource, facilitator: f.facilitator }));
    expect(refused.reason).toBe(REASON.insufficientBalance);
  });

  it("refuses a tampered signature through the facilitator", async () => {
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    const payload = decodePaymentSignatureHeader(header);
    const auth = payload.payload["authorization"] as Record<string, string>;
    // Same shape, different nonce: the signature no longer covers it.
    const tampered = encodePaymentSignatureHeader({
      ...payload,
      payload: { ...payload.payload, authorization: { ...auth, nonce: `0x${"42".repeat(32)}` } },
    });
    expect((await rejection(verifyExact({ header: tampered, accepts, resource, facilitator: f.facilitator }))).reason).toBe(
      REASON.signature,
    );
  });

  it("maps garbage headers to invalid_payload with a fresh 402 envelope", async () => {
    const accepts = buildAccepts(entry, f.config);
    for (const header of ["%%%", "eyJ4NDAy", btoa(JSON.stringify({ x402Version: 2, accepted: accepts[0], payload: { x: 1 } }))]) {
      const refused = await rejection(verifyExact({ header, accepts, resource, facilitator: neverCalled }));
      expect(refused.reason).toBe(REASON.invalidPayload);
      expect(refused.body).toMatchObject({ x402Version: 2, accepts });
    }
    expect(() => checkExact({ header: "%%%", accepts })).toThrow(/base64/);
  });

  it("turns a failed settlement into a PaymentRejected carrying PAYMENT-RESPONSE", async () => {
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    const verified = await verifyExact({ header, accepts, resource, facilitator: f.facilitator });
    await settleExact({ verified, facilitator: f.facilitator });
    // Settling the same authorization twice: the second transfer reverts on the used nonce.
    const refused = await rejection(settleExact({ verified, facilitator: f.facilitator, resource, accepts }));
    expect(refused.headers[X402_HEADERS.paymentResponse]).toBeDefined();
    expect(decodePaymentResponseHeader(refused.headers[X402_HEADERS.paymentResponse]!)).toMatchObject({ success: false });
    expect(refused.headers[X402_HEADERS.paymentRequired]).toBeDefined();
  });

  it("reports an unreachable chain as FacilitatorUnavailable", async () => {
    const { LocalFacilitator } = await import("./local-facilitator.ts");
    const dead = new LocalFacilitator({ rpcUrl: "http://127.0.0.1:9", chainId: 31337, privateKey: f.chain.facilitatorKey, rpcRetryCount: 0 });
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    await expect(verifyExact({ header, accepts, resource, facilitator: dead })).rejects.toBeInstanceOf(FacilitatorUnavailable);
  });
});

describe("exact: a paid route driven by @x402/fetch", () => {
  // The Worker's sequence in miniature: 402 with accepts → client pays → verify → work → settle.
  function paidRoute(): Hono {
    const app = new Hono();
    app.post(entry.path, async (c) => {
      const accepts = buildAccepts(entry, f.config);
      const res = resourceInfo(entry, new URL(c.req.url).origin);
      try {
        const header = c.req.header(X402_HEADERS.paymentSignature);
        if (!header) throw paymentRequiredError("AGENT_TOKEN_REQUIRED", "pay with x402 or send a bearer", { resource: res, accepts });
        const verified = await verifyExact({ header, accepts, resource: res, facilitator: f.facilitator });
        const { matched } = await c.req.json<{ matched: boolean }>();
        if (!matched) return c.json({ matched: false });
        const settled = await settleExact({ verified, facilitator: f.facilitator, resource: res, accepts });
        return c.json({ matched: true, tx: settled.transaction }, 200, settled.headers);
      } catch (error) {
        if (error instanceof PaymentRejected || (error instanceof Error && "status" in error && error.status === 402)) {
          const api = error as PaymentRejected;
          return c.json({ ...api.body, [API_ERROR_KEY]: { code: api.code, message: api.message } }, 402, api.headers);
        }
        throw error;
      }
    });
    return app;
  }

  it("pays on match, pays nothing on no-match", async () => {
    const app = paidRoute();
    const pay = wrapFetchWithPayment(async (input, init) => app.fetch(new Request(input, init)), payingClient(f.payer, f));
    const before = await f.balance(f.chain.payTo);

    const unpaid = await app.fetch(new Request(`${ORIGIN}${entry.path}`, { method: "POST", body: "{}" }));
    expect(unpaid.status).toBe(402);
    expect(await unpaid.json()).toMatchObject({ error: "AGENT_TOKEN_REQUIRED", api_error: { code: "AGENT_TOKEN_REQUIRED" }, x402Version: 2 });

    const hit = await pay(`${ORIGIN}${entry.path}`, { method: "POST", body: JSON.stringify({ matched: true }) });
    expect(hit.status).toBe(200);
    expect(decodePaymentResponseHeader(hit.headers.get("PAYMENT-RESPONSE")!)).toMatchObject({ success: true });
    expect(await f.balance(f.chain.payTo)).toBe(before + 330_000n);

    const miss = await pay(`${ORIGIN}${entry.path}`, { method: "POST", body: JSON.stringify({ matched: false }) });
    expect(await miss.json()).toEqual({ matched: false });
    expect(await f.balance(f.chain.payTo)).toBe(before + 330_000n);
  });
});

const neverCalled: Facilitator = {
  verify: () => Promise.reject(new Error("the facilitator must not be asked")),
  settle: () => Promise.reject(new Error("the facilitator must not be asked")),
  supported: () => Promise.reject(new Error("the facilitator must not be asked")),
};

/** Re-encodes a signed header with a different `accepted` (and optionally changed signed fields). */
function retarget(header: string, accepted: import("@x402/core/types").PaymentRequirements, auth: Record<string, string> = {}): string {
  const payload = decodePaymentSignatureHeader(header);
  const authorization = { ...(payload.payload["authorization"] as Record<string, string>), ...auth };
  return encodePaymentSignatureHeader({ ...payload, accepted, payload: { ...payload.payload, authorization } });
}
