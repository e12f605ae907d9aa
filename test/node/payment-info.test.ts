import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PaymentInfoSchema as AgentcashPaymentInfo } from "@agentcash/discovery";
import { PaymentInfo as MppxPaymentInfo } from "mppx/discovery";
import { describe, expect, it } from "vitest";
import { type CatalogEntry, type CatalogId, X402_CATALOG } from "@411data/core";
import { paidRouteResponses, paymentInfo, usdText } from "../../workers/api/src/http/payment-info.ts";

// The readers' own schemas: mppx's discovery validator and @agentcash/discovery's payment info.
// Every entry a call can pay for (x402 or MPP); the balance-only chat turn has no payment info.
const entries: readonly CatalogEntry[] = X402_CATALOG;

describe("paymentInfo", () => {
  it.each(entries.map((e) => [e.id, e] as const))("%s is valid for mppx and agentcash, priced from the catalog", (id, entry) => {
    const info = paymentInfo(id as CatalogId);
    expect(MppxPaymentInfo.safeParse(info).success).toBe(true);
    expect(AgentcashPaymentInfo.safeParse(info).success).toBe(true);
    const [offer] = info.offers;
    expect(offer).toMatchObject({ intent: "charge", currency: "USDC" });
    expect(info.billing).toBe(entry.rule);
    expect(offer.description.startsWith(entry.summary)).toBe(true);
    const protocols = info.protocols.map((p) => Object.keys(p)[0]);
    if (entry.rule === "upto") {
      expect(offer.amount).toBeNull();
      expect(info.scheme).toBe("upto");
      expect(protocols).toEqual(["x402"]);
      expect(info.price).toEqual({ mode: "dynamic", currency: "USD", min: "0.05", max: "50.00" });
      expect(info.ceiling).toEqual({
        default: String(entry.ceiling!.default),
        min: String(entry.ceiling!.min),
        max: String(entry.ceiling!.max),
      });
      expect(offer.description).toContain(usdText(entry.ceiling!.max));
    } else if (entry.rule === "amount") {
      expect(offer.amount).toBeNull();
      expect(protocols).toEqual(["x402"]);
      // Never "0-0 USD": a deposit has bounds.
      expect(info.price).toEqual({ mode: "dynamic", currency: "USD", min: "1.00", max: "500.00" });
    } else {
      // What the runtime 402's exact offer asks for.
      expect(offer.amount).toBe(String(entry.price));
      expect(info.scheme).toBe("exact");
      expect(offer.description).toContain(usdText(entry.price));
      const mpp = !entry.path.startsWith("/api/v1/agents/");
      expect(protocols).toEqual(mpp ? ["x402", "mpp"] : ["x402"]);
      expect(offer.method).toBe(mpp ? "evm" : "x402");
    }
    if (entry.rule === "on_match" || entry.rule === "fixed") {
      expect(info.price).toEqual({ mode: "fixed", currency: "USD", amount: usdText(entry.price).slice(1) });
    }
    if (entry.rule === "metered_on_match") {
      expect(info.ceiling?.max).toBe(String(entry.ceiling!.max));
      expect(info.price).toEqual({ mode: "dynamic", currency: "USD", min: usdText(entry.ceiling!.min).slice(1), max: usdText(entry.ceiling!.max).slice(1) });
    }
  });

  it("offers no MPP where the deployment has none", () => {
    const info = paymentInfo("enrich.phone", { mpp: false });
    expect(info.protocols).toEqual([{ x402: { scheme: "exact" } }]);
    expect(info.offers[0].method).toBe("x402");
  });

  it("formats micro-dollars for reading without losing a cent", () => {
    expect(usdText(330_000)).toBe("$0.33");
    expect(usdText(1_500_000)).toBe("$1.50");
    expect(usdText(10_000)).toBe("$0.01");
    expect(usdText(1)).toBe("$0.000001");
    expect(usdText(50_000_000)).toBe("$50.00");
  });
});

describe("paidRouteResponses in a generated OpenAPI document", () => {
  it("adds x-payment-info and a 402 with the named x402 body schema (and 503 for catalog-tier routes)", () => {
    const app = new OpenAPIHono();
    for (const id of ["enrich.phone", "enrich.jobs", "enrich.email"] as const) {
      const entry = entries.find((e) => e.id === id)!;
      const route = createRoute({
        method: "post",
        path: entry.path,
        operationId: id,
        "x-payment-info": paymentInfo(id),
        request: { body: { content: { "application/json": { schema: z.object({}) } } } },
        responses: { 200: { description: "ok" }, ...paidRouteResponses(id) },
      });
      app.openapi(route, (c) => c.body(null, 200));
    }
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const phone = doc.paths?.["/api/v1/enrich/phone"]?.post as Record<string, unknown> & {
      responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }>; headers?: object }>;
    };
    expect(phone["x-payment-info"]).toEqual(paymentInfo("enrich.phone"));
    expect(phone.responses["402"]?.content?.["application/json"]?.schema.$ref).toBe(
      "#/components/schemas/X402PaymentRequired",
    );
    expect(phone.responses["402"]?.headers).toHaveProperty("payment-required");
    expect(phone.responses).not.toHaveProperty("503");

    const email = doc.paths?.["/api/v1/enrich/email"]?.post as { responses: Record<string, unknown> };
    expect(email.responses).toHaveProperty("503");

    const schemas = doc.components?.schemas as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas.X402PaymentRequired?.properties ?? {})).toEqual(
      expect.arrayContaining(["error", "x402Version", "resource", "accepts"]),
    );
    expect(schemas).toHaveProperty("X402PaymentRequirements");
  });
});
