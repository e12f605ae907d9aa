import { catalogEntry } from "@411data/core";
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  encodePaymentRequiredHeader,
  encodePaymentSignatureHeader,
} from "@x402/core/http";
import type { PaymentPayload } from "@x402/core/types";
import { describe, expect, it } from "vitest";
import {
  buildPaymentRequired,
  decodePaymentSignature,
  encodePaymentResponse,
  matchRequirement,
  paymentRequiredError,
} from "./envelope.ts";
import { REASON, X402PayloadError } from "./errors.ts";
import { exactRequirement, resourceInfo, type PaymentConfig } from "./requirements.ts";

const config: PaymentConfig = {
  network: "eip155:31337",
  asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  payTo: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  maxTimeoutSeconds: 60,
  eip712: { name: "USD Coin", version: "2" },
};
const entry = catalogEntry("enrich.phone");
const requirement = exactRequirement(entry, config);
const resource = resourceInfo(entry, "http://127.0.0.1:8787");

const payload: PaymentPayload = {
  x402Version: 2,
  resource,
  accepted: requirement,
  payload: {
    signature: `0x${"ab".repeat(65)}`,
    authorization: {
      from: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      to: config.payTo,
      value: "330000",
      validAfter: "0",
      validBefore: "1795322116",
      nonce: `0x${"11".repeat(32)}`,
    },
  },
};

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof X402PayloadError) return error.reason;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("402 envelope", () => {
  it("puts the same PaymentRequired in the header (SDK-decodable) and the body", () => {
    const parts = buildPaymentRequired({ resource, accepts: [requirement], error: "AGENT_TOKEN_REQUIRED" });
    expect(decodePaymentRequiredHeader(parts.headers["PAYMENT-REQUIRED"]!)).toEqual({
      x402Version: 2,
      error: "AGENT_TOKEN_REQUIRED",
      resource,
      accepts: [requirement],
    });
    expect(parts.headers["Cache-Control"]).toBe("no-store");
    // The body is the same PaymentRequired (string `error`, as v2 validators require).
    expect(parts.body).toEqual(decodePaymentRequiredHeader(parts.headers["PAYMENT-REQUIRED"]!));
  });

  it("reuses a header only for the very same PaymentRequired: each one is the SDK encoder's bytes", () => {
    const build = (error: string, extensions?: Record<string, unknown>) =>
      buildPaymentRequired({ resource, accepts: [requirement], error, ...(extensions ? { extensions } : {}) });
    const cases = [
      build("AGENT_TOKEN_REQUIRED"),
      build("AGENT_TOKEN_REQUIRED"),
      build(REASON.nonceAlreadyUsed),
      build("AGENT_TOKEN_REQUIRED", { bazaar: { info: { é: "ü" } } }),
    ];
    for (const parts of cases) {
      expect(parts.headers["PAYMENT-REQUIRED"]).toBe(encodePaymentRequiredHeader(parts.paymentRequired));
      expect(decodePaymentRequiredHeader(parts.headers["PAYMENT-REQUIRED"]!)).toEqual(parts.paymentRequired);
    }
    expect(new Set(cases.map((p) => p.headers["PAYMENT-REQUIRED"])).size).toBe(3);
  });

  it("shapes a first 402 as an ApiError with our code", () => {
    const error = paymentRequiredError("INSUFFICIENT_BALANCE", "balance does not cover $0.33", {
      resource,
      accepts: [requirement],
    });
    expect(error.status).toBe(402);
    expect(error.code).toBe("INSUFFICIENT_BALANCE");
    expect(error.body).toMatchObject({ x402Version: 2, accepts: [requirement] });
    expect(decodePaymentRequiredHeader(error.headers["PAYMENT-REQUIRED"]!).error).toBe("INSUFFICIENT_BALANCE");
  });

  it("round-trips PAYMENT-RESPONSE through the SDK's decoder", () => {
    const settle = { success: true, transaction: `0x${"cd".repeat(32)}`, network: "eip155:31337" as const, payer: "0xabc" };
    expect(decodePaymentResponseHeader(encodePaymentResponse(settle))).toEqual(settle);
  });
});

describe("PAYMENT-SIGNATURE decoding", () => {
  it("round-trips an SDK-encoded payload unchanged", () => {
    expect(decodePaymentSignature(encodePaymentSignatureHeader(payload))).toEqual(payload);
  });

  it("refuses garbage with a typed reason", () => {
    const header = encodePaymentSignatureHeader(payload);
    const b64 = (value: unknown) => btoa(JSON.stringify(value));
    expect(reasonOf(() => decodePaymentSignature(""))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature("not base64 at all!"))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature(header.slice(0, 101)))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature(header.slice(0, header.length / 2)))).toBe(REASON.invalidPayload);
    // base64url is what a careless client sends; the SDK only speaks standard base64.
    expect(reasonOf(() => decodePaymentSignature(header.replace(/\+/g, "-").replace(/\//g, "_") + "-_"))).toBe(
      REASON.invalidPayload,
    );
    expect(reasonOf(() => decodePaymentSignature(btoa("hello")))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature(b64([1, 2])))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature(b64(null)))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature(b64({ ...payload, x402Version: 1 })))).toBe(REASON.invalidVersion);
    expect(reasonOf(() => decodePaymentSignature(b64({ x402Version: 2, payload: {} })))).toBe(REASON.invalidPayload);
    expect(reasonOf(() => decodePaymentSignature(b64({ ...payload, accepted: { ...requirement, amount: 330000 } })))).toBe(
      REASON.invalidPayload,
    );
    expect(reasonOf(() => decodePaymentSignature("A".repeat(20_000)))).toBe(REASON.invalidPayload);
  });
});

describe("requirement matching", () => {
  it("finds the requirement the client accepted, tolerating only added extra keys", () => {
    const other = { ...requirement, amount: "500000" };
    expect(matchRequirement(payload, [other, requirement])).toBe(requirement);
    const additive = { ...payload, accepted: { ...requirement, extra: { ...requirement.extra, memo: "x" } } };
    expect(matchRequirement(additive, [requirement])).toBe(requirement);
    // Key order is not part of equality.
    const reordered = { ...payload, accepted: JSON.parse(JSON.stringify(requirement, Object.keys(requirement).sort())) };
    expect(matchRequirement({ ...reordered, accepted: { ...reordered.accepted, extra: requirement.extra } }, [requirement])).toBe(
      requirement,
    );
  });

  it("refuses a changed price, payee, asset, network, timeout or domain", () => {
    const changes = [
      { amount: "1" },
      { payTo: "0x0000000000000000000000000000000000000001" },
      { asset: "0x0000000000000000000000000000000000000002" },
      { network: "eip155:8453" },
      { maxTimeoutSeconds: 3600 },
      { extra: { name: "USD Coin", version: "1" } },
      { extra: { name: "USD Coin" } },
      { scheme: "upto" },
    ];
    for (const change of changes) {
      const tampered = { ...payload, accepted: { ...requirement, ...change } } as PaymentPayload;
      expect(reasonOf(() => matchRequirement(tampered, [requirement]))).toBe(REASON.noMatchingRequirements);
    }
  });
});
