import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { CATALOG, type CatalogEntry, type CatalogId } from "@411data/core";
import { paidRouteResponses, paymentInfo, usdText } from "../../workers/api/src/http/payment-info.ts";

// Mirrors what mppx 0.11's discovery validator accepts for `x-payment-info`: a flat offer with a
// base-unit integer string (or null) amount, optional currency/description/method, intent
// charge|session, unknown keys allowed.
const MppxOffer = z
  .object({
    amount: z.string().regex(/^\d+$/).nullable(),
    currency: z.string().optional(),
    description: z.string().optional(),
    intent: z.enum(["charge", "session"]).optional(),
    method: z.string().optional(),
  })
  .loose();

const entries: readonly CatalogEntry[] = CATALOG;

describe("paymentInfo", () => {
  it.each(entries.map((e) => [e.id, e] as const))("%s is a valid mppx offer priced from the catalog", (id, entry) => {
    const info = paymentInfo(id as CatalogId);
    expect(MppxOffer.safeParse(info).success).toBe(true);
    expect(info).toMatchObject({ intent: "charge", method: "x402", currency: "USDC", billing: entry.rule });
    expect(info.description.startsWith(entry.summary)).toBe(true);
    if (entry.rule === "upto") {
      expect(info.amount).toBeNull();
      expect(info.scheme).toBe("upto");
      expect(info.ceiling).toEqual({
        default: String(entry.ceiling!.default),
        min: String(entry.ceiling!.min),
        max: String(entry.ceiling!.max),
      });
      expect(info.description).toContain(usdText(entry.ceiling!.max));
    } else if (entry.rule === "amount") {
      expect(info.amount).toBeNull();
    } else {
      // What the runtime 402's exact offer asks for.
      expect(info.amount).toBe(String(entry.price));
      expect(info.scheme).toBe("exact");
      expect(info.description).toContain(usdText(entry.price));
    }
    if (entry.rule === "metered_on_match") expect(info.ceiling?.max).toBe(String(entry.ceiling!.max));
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
