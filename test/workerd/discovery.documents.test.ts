import { describe, expect, it } from "vitest";
import { CATALOG, type CatalogEntry } from "@411data/core";
import { DISCOVERY_PATHS } from "../../workers/api/src/middleware/discovery-cache.ts";
import { EXAMPLES } from "../../workers/api/src/routes/discovery/examples.ts";
import { call, postJson } from "./support/http.ts";

const entries: readonly CatalogEntry[] = CATALOG;
const OPERATOR = { "x-operator-secret": "test-operator-secret", "content-type": "application/json" };

type Operation = {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { example?: unknown }> };
  "x-payment-info"?: { offers: { method: string; amount: string | null }[]; price: Record<string, string>; protocols: Record<string, unknown>[] };
};
type Doc = { paths: Record<string, Record<string, Operation>>; "x-service-info": { docs: Record<string, string> } };

async function openapi(): Promise<Doc> {
  const res = await call("/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

describe("GET /openapi.json", () => {
  it("lets anonymous callers pay: paid sync and job routes take a bearer or nothing", async () => {
    const doc = await openapi();
    // Per-call payable: priced routes outside the account operations (the chat agent is bearer-only).
    for (const entry of entries.filter((e) => !e.path.startsWith("/api/v1/agents/") && e.price > 0)) {
      const op = doc.paths[entry.path]!.post!;
      expect(op.security, entry.id).toEqual([{ Bearer: [] }, {}]);
      expect(op.responses, entry.id).toHaveProperty("402");
    }
    // Every operation states its security; public ones say `[]`.
    for (const { path, method, op } of operations(doc)) expect(op.security, `${method} ${path}`).toBeDefined();
    expect(doc.paths["/.well-known/x402"]!.get!.security).toEqual([]);
  });

  it("documents the statuses each kind of route answers, and a request example on every operation with a body", async () => {
    const doc = await openapi();
    for (const { path, method, op } of operations(doc)) {
      const where = `${method} ${path}`;
      for (const status of ["400", "429", "500"]) expect(op.responses, where).toHaveProperty(status);
      if (method === "post") expect(op.responses, where).toHaveProperty("409");
      if (op.security?.some((s) => "Bearer" in s)) {
        expect(op.responses, where).toHaveProperty("401");
        expect(op.responses, where).toHaveProperty("403");
      }
      const json = op.requestBody?.content["application/json"];
      if (json) expect(json.example, where).toBeDefined();
    }
    for (const id of ["enrich.phone", "enrich.person", "enrich.websearch", "enrich.lead_session", "enrich.jobs"]) {
      const entry = entries.find((e) => e.id === id)!;
      const op = doc.paths[entry.path]!.post!;
      expect(op.responses, id).toHaveProperty("503");
      expect(op.requestBody!.content["application/json"]!.example).toEqual(EXAMPLES[entry.id as keyof typeof EXAMPLES]!.requestExample);
      expect(op.summary!.startsWith(entry.summary), id).toBe(true);
    }
  });

  it("prices every payable route for mppx and agentcash, and offers MPP where it pays", async () => {
    const doc = await openapi();
    const phone = doc.paths["/api/v1/enrich/phone"]!.post!["x-payment-info"]!;
    expect(phone.offers).toEqual([expect.objectContaining({ method: "evm", amount: "330000", intent: "charge" })]);
    expect(phone.price).toEqual({ mode: "fixed", currency: "USD", amount: "0.33" });
    expect(phone.protocols).toEqual([{ x402: { scheme: "exact" } }, { mpp: { method: "evm", intent: "charge", currency: "USDC" } }]);
    const jobs = doc.paths["/api/v1/enrich/jobs"]!.post!["x-payment-info"]!;
    expect(jobs.protocols).toEqual([{ x402: { scheme: "upto" } }]);
    expect(jobs.price).toEqual({ mode: "dynamic", currency: "USD", min: "0.05", max: "50.00" });
    const deposits = doc.paths["/api/v1/agents/deposits"]!.post!["x-payment-info"]!;
    expect(deposits.price).toMatchObject({ mode: "dynamic", min: "1.00" });
    expect(Number(deposits.price.max)).toBeGreaterThan(1);
    expect(doc["x-service-info"].docs.llms).toMatch(/\/llms\.txt$/);
  });

  it("does not advertise an offline catalog route as payable, and does once it is switched on", async () => {
    const email = entries.find((e) => e.id === "enrich.email")!;
    expect((await openapi()).paths[email.path]!.post!["x-payment-info"]).toBeUndefined();
    const on = await postJson("/api/v1/operator/catalog-routes", { routes: [email.id], enabled: true, memo: "test" }, OPERATOR);
    expect(on.status).toBe(200);
    try {
      expect((await openapi()).paths[email.path]!.post!["x-payment-info"]).toMatchObject({ offers: [expect.objectContaining({ amount: "100000" })] });
    } finally {
      await postJson("/api/v1/operator/catalog-routes", { routes: [email.id], enabled: null, memo: "test" }, OPERATOR);
    }
  });
});

describe("discovery documents are cheap to crawl", () => {
  it.each(DISCOVERY_PATHS.map((p) => [p]))("%s carries Cache-Control and an ETag, and answers If-None-Match with an empty 304", async (path) => {
    const first = await call(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const again = await call(path, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // A stale validator gets the document.
    expect((await call(path, { headers: { "if-none-match": '"stale"' } })).status).toBe(200);
  });

  it("is limited apart from paid traffic: an address past the anonymous limit still reads discovery", async () => {
    const address = { "cf-connecting-ip": "203.0.113.77" };
    let limited: Response | undefined;
    for (let i = 0; i < 200 && !limited; i++) {
      const res = await call("/no-such-route", { headers: address });
      if (res.status === 429) limited = res;
    }
    expect(limited, "the anonymous limit is reached").toBeDefined();
    const doc = await call("/.well-known/x402", { headers: address });
    expect(doc.status).toBe(200);
    expect(doc.headers.get("ratelimit-policy")).toMatch(/^"discovery";q=\d+;w=\d+$/);
  });
});
