import { describe, expect, it } from "vitest";
import { call, expectEnvelope } from "./support/http.ts";

describe("meta routes", () => {
  it("GET /healthz answers ok", async () => {
    const res = await call("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("GET /openapi.json is OpenAPI 3.1 built from the route schemas", async () => {
    const res = await call("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      info: { description: string };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/healthz"]?.get?.operationId).toBe("health");
    expect(doc.components.schemas).toHaveProperty("Health");
    expect(doc.components.securitySchemes).toHaveProperty("Bearer");
    expect(doc.info.description).toMatch(/FCRA/);
  });
});

describe("anonymous rate limit", () => {
  it("limits one address with 429, Retry-After and RateLimit headers; other addresses unaffected", async () => {
    const from = (ip: string) => call("/no-such-route", { headers: { "cf-connecting-ip": ip } });
    const first = await from("203.0.113.7");
    expect(first.status).toBe(404);
    expect(first.headers.get("ratelimit-policy")).toBe('"anonymous";q=120;w=60');
    let limited: Response | undefined;
    for (let i = 0; i < 200 && !limited; i++) {
      const res = await from("203.0.113.7");
      if (res.status === 429) limited = res;
    }
    expect(limited, "no 429 within 200 calls").toBeDefined();
    expect(limited!.headers.get("retry-after")).toBe("60");
    expect(limited!.headers.get("ratelimit")).toBe('"anonymous";r=0;t=60');
    expect(limited!.headers.get("cache-control")).toBe("no-store");
    const body = await expectEnvelope(limited!, 429, "RATE_LIMITED");
    expect(JSON.stringify(body)).toMatch(/mint an agent bearer/);
    expect((await from("198.51.100.9")).status).toBe(404);
    // Liveness is never limited.
    expect((await call("/healthz", { headers: { "cf-connecting-ip": "203.0.113.7" } })).status).toBe(200);
  });
});

describe("OpenAPI for paid operations", () => {
  it("every paid enrich operation carries x-payment-info from the catalog and documents its 402", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-payment-info"?: { offers: { amount: string | null; method: string }[] }; responses: Record<string, unknown> }>>;
    };
    for (const [path, amount] of [
      ["/api/v1/enrich/phone", "330000"],
      ["/api/v1/enrich/person", "500000"],
      ["/api/v1/enrich/websearch", "1000000"],
    ] as const) {
      const op = doc.paths[path]?.post;
      expect(op?.["x-payment-info"]?.offers, path).toEqual([expect.objectContaining({ method: "evm", amount })]);
      expect(op?.responses).toHaveProperty("402");
    }
  });
});
