import { CATALOG, catalogEntry, type CatalogEntry, X402_CATALOG } from "@411data/core";
import { describe, expect, it } from "vitest";
import {
  buildAccepts,
  exactRequirement,
  resourceInfo,
  uptoRequirement,
  UPTO_MAX_TIMEOUT_SECONDS,
  X402ConfigError,
  type PaymentConfig,
} from "./requirements.ts";

const config: PaymentConfig = {
  network: "eip155:8453",
  asset: "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913",
  payTo: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  maxTimeoutSeconds: 120,
  eip712: { name: "USD Coin", version: "2" },
  uptoFacilitatorAddress: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
};

describe("requirements", () => {
  it("builds an exact requirement at the catalog price in USDC atomic units, checksummed", () => {
    expect(exactRequirement(catalogEntry("enrich.phone"), config)).toEqual({
      scheme: "exact",
      network: "eip155:8453",
      amount: "330000",
      asset: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      payTo: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      maxTimeoutSeconds: 120,
      extra: { name: "USD Coin", version: "2" },
    });
  });

  it("rebuilds byte-identical accepts for every catalog route from the same inputs", () => {
    for (const entry of X402_CATALOG) {
      const opts = entry.rule === "amount" ? { amount: 5_000_000 } : {};
      const a = buildAccepts(entry, config, opts);
      const b = buildAccepts(entry, { ...config, asset: config.asset.toUpperCase().replace("0X", "0x") }, opts);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a).toEqual(buildAccepts(entry, config, opts));
    }
  });

  it("prices deposits at the caller's amount and refuses a deposit without one", () => {
    const deposits = catalogEntry("agents.deposits");
    expect(buildAccepts(deposits, config, { amount: 25_000_000 })[0]).toMatchObject({ scheme: "exact", amount: "25000000" });
    expect(() => buildAccepts(deposits, config)).toThrow(RangeError);
    expect(() => buildAccepts(deposits, config, { amount: 0 })).toThrow(RangeError);
    expect(() => buildAccepts(deposits, config, { amount: 1.5 })).toThrow(RangeError);
  });

  it("offers upto for async jobs at the ceiling with a 20-minute window and the facilitator address", () => {
    const jobs = catalogEntry("enrich.jobs");
    expect(buildAccepts(jobs, config)).toEqual([
      {
        scheme: "upto",
        network: "eip155:8453",
        amount: "1500000",
        asset: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
        payTo: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        maxTimeoutSeconds: UPTO_MAX_TIMEOUT_SECONDS,
        extra: {
          name: "USD Coin",
          version: "2",
          assetTransferMethod: "permit2",
          facilitatorAddress: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        },
      },
    ]);
    expect(uptoRequirement(jobs, config, { ceiling: 4_000_000 }).amount).toBe("4000000");
    expect(() => uptoRequirement(jobs, config, { ceiling: 60_000_000 })).toThrow(RangeError);
    const { uptoFacilitatorAddress: _, ...withoutUpto } = config;
    expect(() => uptoRequirement(jobs, withoutUpto)).toThrow(X402ConfigError);
  });

  it("refuses config that would produce an unpayable requirement", () => {
    const phone = catalogEntry("enrich.phone");
    expect(() => exactRequirement(phone, { ...config, payTo: "0x1234" })).toThrow(X402ConfigError);
    expect(() => exactRequirement(phone, { ...config, maxTimeoutSeconds: 0 })).toThrow(X402ConfigError);
  });

  it("describes the resource with an absolute URL on the request's origin", () => {
    expect(resourceInfo(catalogEntry("enrich.person"), "https://411data.example/anything?q=1")).toEqual({
      url: "https://411data.example/api/v1/enrich/person",
      description: "Person lookup by name and location, phone, or address",
      mimeType: "application/json",
    });
  });
});
