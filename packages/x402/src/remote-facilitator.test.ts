import { catalogEntry } from "@411data/core";
import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayment, startPaymentsFixture, type PaymentsFixture } from "../test/local-payments.ts";
import { decodePaymentSignature } from "./envelope.ts";
import { FacilitatorUnavailable, PaymentRejected, REASON } from "./errors.ts";
import { settleExact, verifyExact } from "./exact.ts";
import { uptoFacilitatorAddress, type Facilitator } from "./facilitator.ts";
import { RemoteFacilitator } from "./remote-facilitator.ts";
import { buildAccepts, resourceInfo } from "./requirements.ts";

const entry = catalogEntry("enrich.person");
const resource = resourceInfo(entry, "http://127.0.0.1:8787");
const URL_BASE = "http://facilitator.test/x402";

let f: PaymentsFixture;

beforeAll(async () => {
  f = await startPaymentsFixture();
});

afterAll(async () => {
  await f?.chain.stop();
});

/** A facilitator's HTTP API (research §4) in front of the in-process one. */
function facilitatorApp(inner: Facilitator, seen: Record<string, string>[] = []): Hono {
  type Body = { x402Version: number; paymentPayload: PaymentPayload; paymentRequirements: PaymentRequirements };
  const app = new Hono().basePath("/x402");
  app.use(async (c, next) => {
    seen.push(Object.fromEntries(c.req.raw.headers));
    await next();
  });
  app.post("/verify", async (c) => {
    const body = await c.req.json<Body>();
    const result = await inner.verify(body.paymentPayload, body.paymentRequirements);
    // Like CDP: a refusal is a 400 carrying the same body.
    return c.json(result, result.isValid ? 200 : 400);
  });
  app.post("/settle", async (c) => {
    const body = await c.req.json<Body>();
    return c.json(await inner.settle(body.paymentPayload, body.paymentRequirements));
  });
  app.get("/supported", async (c) => c.json(await inner.supported()));
  return app;
}

function remoteFor(app: Hono, options: Partial<ConstructorParameters<typeof RemoteFacilitator>[0]> = {}): RemoteFacilitator {
  return new RemoteFacilitator({
    url: `${URL_BASE}/`,
    fetch: async (input, init) => app.fetch(new Request(input, init)),
    ...options,
  });
}

describe("RemoteFacilitator", () => {
  it("verifies and settles over HTTP, with per-call auth headers", async () => {
    const seen: Record<string, string>[] = [];
    const remote = remoteFor(facilitatorApp(f.facilitator, seen), {
      headers: (operation) => ({ authorization: `Bearer for-${operation}` }),
    });
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    const before = await f.balance(f.chain.payTo);

    const verified = await verifyExact({ header, accepts, resource, facilitator: remote });
    const settled = await settleExact({ verified, facilitator: remote });
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await f.balance(f.chain.payTo)).toBe(before + 500_000n);
    expect(seen.map((h) => h["authorization"])).toEqual(["Bearer for-verify", "Bearer for-settle"]);

    // The refusal comes back as a 400 with a body; that is an answer, not an outage.
    const replay = verifyExact({ header, accepts, resource, facilitator: remote });
    await expect(replay).rejects.toBeInstanceOf(PaymentRejected);
    await expect(replay).rejects.toMatchObject({ reason: REASON.nonceAlreadyUsed });
  });

  it("reports the kinds and signers of /supported, including the upto facilitator address", async () => {
    const supported = await remoteFor(facilitatorApp(f.facilitator)).supported();
    expect(supported.kinds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ x402Version: 2, scheme: "exact", network: "eip155:31337" }),
        expect.objectContaining({ x402Version: 2, scheme: "upto", network: "eip155:31337" }),
      ]),
    );
    expect(uptoFacilitatorAddress(supported, "eip155:31337")).toBe(f.chain.facilitator);
  });

  it("maps a dead, slow, failing or babbling facilitator to FacilitatorUnavailable", async () => {
    const accepts = buildAccepts(entry, f.config);
    const payload = decodePaymentSignature(await signPayment(f.payer, f, resource, accepts));
    const requirement = accepts[0]!;
    const fetchers: Record<string, (input: string, init: RequestInit) => Promise<Response>> = {
      refused: () => Promise.reject(new TypeError("fetch failed: ECONNREFUSED")),
      stalled: (_input, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
      "500": () => Promise.resolve(Response.json({ error: "boom" }, { status: 500 })),
      "503 with a verdict": () => Promise.resolve(Response.json({ isValid: false, invalidReason: "unexpected_verify_error" }, { status: 503 })),
      html: () => Promise.resolve(new Response("<html>Bad gateway</html>", { status: 200 })),
      "wrong shape": () => Promise.resolve(Response.json({ ok: true })),
    };
    for (const [name, fetchImpl] of Object.entries(fetchers)) {
      const remote = new RemoteFacilitator({ url: URL_BASE, fetch: fetchImpl, timeoutMs: { verify: 50, settle: 50, supported: 50 } });
      const verify = remote.verify(payload, requirement);
      await expect(verify, name).rejects.toBeInstanceOf(FacilitatorUnavailable);
      await expect(remote.settle(payload, requirement), name).rejects.toMatchObject({
        code: "FACILITATOR_UNAVAILABLE",
        status: 502,
        operation: "settle",
        details: expect.objectContaining({ indeterminate: true }),
      });
      await expect(remote.supported(), name).rejects.toBeInstanceOf(FacilitatorUnavailable);
    }
    const stalled = new RemoteFacilitator({ url: URL_BASE, fetch: fetchers["stalled"]!, timeoutMs: { verify: 30 } });
    await expect(stalled.verify(payload, requirement)).rejects.toThrow(/timed out after 30 ms/);
  });

  it("reaches a real socket: a closed port is unavailable, not a refused payment", async () => {
    const remote = new RemoteFacilitator({ url: "http://127.0.0.1:9", timeoutMs: { verify: 2_000 } });
    const accepts = buildAccepts(entry, f.config);
    const header = await signPayment(f.payer, f, resource, accepts);
    await expect(verifyExact({ header, accepts, resource, facilitator: remote })).rejects.toMatchObject({
      code: "FACILITATOR_UNAVAILABLE",
    });
  });
});
