import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { CATALOG, ERROR_CODES, toUsd, type CatalogEntry, X402_CATALOG } from "@411data/core";
import { buildAccepts, resourceInfo, uptoRequirement, type PaymentConfig } from "@411data/x402";
import { loadConfig } from "../../workers/api/src/config.ts";
import { bazaarExtension, bazaarListed, usdText } from "../../workers/api/src/routes/discovery/catalog-view.ts";
import { EXAMPLES } from "../../workers/api/src/routes/discovery/examples.ts";
import { prefersHtml } from "../../workers/api/src/routes/discovery/pricing.ts";
import { resourceList } from "../../workers/api/src/routes/discovery/resources.ts";
import { wellKnownDocument } from "../../workers/api/src/routes/discovery/well-known.ts";
import { paymentConfig } from "../../workers/api/src/services/billing/payment-config.ts";
import { BASE, call, expectEnvelope } from "./support/http.ts";

// The x402 surfaces list what x402 can pay; the balance-only chat turn is only in /pricing.
const entries: readonly CatalogEntry[] = X402_CATALOG;
const config = () => loadConfig(env);
const pc = (): PaymentConfig => paymentConfig(config());
const origin = () => new URL(config().PUBLIC_BASE_URL).origin;
const urlOf = (e: CatalogEntry) => resourceInfo(e, origin()).url;
// Sync routes a stranger can buy: the online, non-account, fixed-offer ones.
const syncListed = entries.filter(
  (e) => !e.path.startsWith("/api/v1/agents/") && !e.offlineByDefault && e.rule !== "upto" && e.rule !== "amount",
);
const jobs = entries.find((e) => e.rule === "upto")!;
// What a stranger can buy right now: the sync routes and, with a facilitator that settles upto, jobs.
const listed = entries.filter((e) => !e.path.startsWith("/api/v1/agents/") && !e.offlineByDefault && e.rule !== "amount");
// Any valid address: discovery only echoes it into the upto offer.
const UPTO_SIGNER = "0x90F79bf6EB2c4F870365E785982E1f101E93b906";
// The test Worker settles in process with FACILITATOR_PRIVATE_KEY: its address is the upto signer.
const facilitatorAddress = () => privateKeyToAccount(env.FACILITATOR_PRIVATE_KEY as `0x${string}`).address;
const livePc = (): PaymentConfig => ({ ...pc(), uptoFacilitatorAddress: facilitatorAddress() });

async function getJson<T>(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: T }> {
  const res = await call(path, { headers });
  expect(res.status, `${path} → ${res.status}`).toBe(200);
  return { res, body: (await res.json()) as T };
}

interface WellKnownResource {
  id: string;
  url: string;
  method: string;
  price_usd: number | null;
  price_atomic: string | null;
  billing: string;
  bill_on_match: boolean;
  offline: boolean;
  accepts: unknown[];
  note?: string;
  input?: { body: unknown };
}

interface BazaarItem {
  resource: string;
  type: string;
  x402Version: number;
  accepts: { scheme: string }[];
  lastUpdated: number;
  tags: string[];
  metadata: { catalog_id: string; price_atomic: string | null };
  extensions?: { bazaar: { info: { input: { body: unknown; method: string }; output: unknown }; schema: unknown } };
}

interface BazaarList {
  x402Version: number;
  items: BazaarItem[];
  pagination: { limit: number; offset: number; total: number };
}

describe("GET /.well-known/x402", () => {
  it("lists every catalog entry with its catalog price, billing, offline flag and accepts", async () => {
    const { res, body } = await getJson<{
      x402Version: number;
      kind: string;
      lastUpdated: number;
      payment: { network: string; asset: string; payTo: string };
      resources: string[];
      items: WellKnownResource[];
      docs: Record<string, string>;
    }>("/.well-known/x402");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.x402Version).toBe(2);
    expect(body.kind).toBe("resource-server");
    expect(Number.isInteger(body.lastUpdated)).toBe(true);
    expect(body.payment.network).toBe(`eip155:${config().CHAIN_ID}`);
    expect(body.docs.bazaar).toBe(`${origin()}/discovery/resources`);
    expect(body.items.map((r) => r.id)).toEqual(entries.map((e) => e.id));
    // What crawlers read: the URLs payable now, offline catalog routes left out.
    expect(body.resources).toEqual(entries.filter((e) => !e.offlineByDefault).map(urlOf));

    for (const entry of entries) {
      const r = body.items.find((x) => x.id === entry.id)!;
      expect(r.url).toBe(urlOf(entry));
      expect(r.method).toBe(entry.method);
      expect(r.billing).toBe(entry.rule);
      expect(r.offline).toBe(entry.offlineByDefault === true);
      expect(r.bill_on_match).toBe(["on_match", "metered_on_match", "upto"].includes(entry.rule));
      if (entry.offlineByDefault) {
        expect(r.accepts).toEqual([]);
        expect(r.note).toMatch(/ROUTE_OFFLINE/);
      }
      if (entry.rule === "amount") {
        expect(r.price_atomic).toBeNull();
        expect(r.accepts).toEqual([]);
        expect(r.note).toBeTruthy();
      } else {
        expect(r.price_atomic).toBe(String(entry.price));
        expect(r.price_usd).toBe(toUsd(entry.price));
      }
      if (entry.rule === "upto") {
        // The in-process facilitator names its own key as the upto signer, so upto is offered.
        expect(r.accepts).toEqual([uptoRequirement(entry, livePc())]);
        expect(r.note).toBeUndefined();
      } else if (entry.rule !== "amount" && !entry.offlineByDefault) {
        expect(r.accepts).toEqual(buildAccepts(entry, pc()));
      }
      const example = EXAMPLES[entry.id as keyof typeof EXAMPLES];
      if (example) expect(r.input?.body).toEqual(example.requestExample);
    }
  });

  it("is deterministic: two fetches are deep-equal", async () => {
    const a = await getJson("/.well-known/x402");
    const b = await getJson("/.well-known/x402");
    expect(a.body).toEqual(b.body);
  });

  it("offers the jobs route as upto: 1200 s, Permit2, bound to the facilitator's own address", async () => {
    const { body } = await getJson<{ items: WellKnownResource[] }>("/.well-known/x402");
    const r = body.items.find((x) => x.id === jobs.id)!;
    expect(r.accepts).toEqual([
      {
        scheme: "upto",
        network: `eip155:${config().CHAIN_ID}`,
        amount: String(jobs.ceiling!.default),
        asset: config().USDC_ADDRESS,
        payTo: config().PAY_TO_ADDRESS,
        maxTimeoutSeconds: 1200,
        extra: { name: "USD Coin", version: "2", assetTransferMethod: "permit2", facilitatorAddress: facilitatorAddress() },
      },
    ]);
  });

  it("offers upto for the jobs route once the facilitator's upto signer is known", () => {
    const withUpto = { ...pc(), uptoFacilitatorAddress: UPTO_SIGNER };
    const doc = wellKnownDocument(withUpto, origin());
    const r = doc.items.find((x) => x.id === jobs.id)!;
    expect(r.accepts).toEqual([uptoRequirement(jobs, withUpto)]);
    expect(r.accepts[0]).toMatchObject({ scheme: "upto", maxTimeoutSeconds: 1200, amount: String(jobs.ceiling!.default) });
    expect(r).not.toHaveProperty("note");
  });
});

describe("GET /discovery/resources", () => {
  it("is a Bazaar list of the sync paid routes with catalog accepts and a valid bazaar extension", async () => {
    const { res, body } = await getJson<BazaarList>("/discovery/resources");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(body.x402Version).toBe(2);
    expect(body.pagination).toEqual({ limit: 20, offset: 0, total: listed.length });
    expect(body.items.map((i) => i.metadata.catalog_id)).toEqual(listed.map((e) => e.id));

    for (const entry of syncListed) {
      const item = body.items.find((i) => i.metadata.catalog_id === entry.id)!;
      expect(item.resource).toBe(urlOf(entry));
      expect(item.type).toBe("http");
      expect(item.x402Version).toBe(2);
      expect(Number.isInteger(item.lastUpdated)).toBe(true);
      expect(item.accepts).toEqual(buildAccepts(entry, pc()));
      expect(item.metadata.price_atomic).toBe(String(entry.price));

      const ext = item.extensions!.bazaar;
      expect(ext.info.input.method).toBe(entry.method);
      // What a facilitator does before cataloguing: `info` must validate against `schema`.
      const schema = z.fromJSONSchema(ext.schema as Parameters<typeof z.fromJSONSchema>[0]);
      expect(schema.safeParse(ext.info).success, `${entry.id} info vs schema`).toBe(true);
      // The examples are valid requests and responses for the shapes they advertise.
      const example = EXAMPLES[entry.id as keyof typeof EXAMPLES]!;
      expect(example.request.safeParse(example.requestExample).success, `${entry.id} request example`).toBe(true);
      expect(example.response.safeParse(example.responseExample).success, `${entry.id} response example`).toBe(true);
    }
    // The schema really constrains the body: a phone lookup without a phone does not validate.
    const phone = body.items.find((i) => i.metadata.catalog_id === "enrich.phone")!.extensions!.bazaar;
    const strict = z.fromJSONSchema(phone.schema as Parameters<typeof z.fromJSONSchema>[0]);
    const bad = { ...phone.info, input: { ...phone.info.input, body: {} } };
    expect(strict.safeParse(bad).success).toBe(false);
  });

  it("leaves out account routes and offline routes", async () => {
    const { body } = await getJson<BazaarList>("/discovery/resources?limit=100");
    const paths = body.items.map((i) => new URL(i.resource).pathname);
    expect(paths.some((p) => p.startsWith("/api/v1/agents/"))).toBe(false);
    for (const e of entries.filter((x) => x.offlineByDefault)) expect(paths).not.toContain(e.path);
  });

  it("lists the jobs route as its own upto resource with the facilitator's address", async () => {
    const { body } = await getJson<BazaarList>("/discovery/resources?limit=100");
    const item = body.items.find((i) => i.metadata.catalog_id === jobs.id)!;
    expect(item.resource).toBe(urlOf(jobs));
    expect(item.accepts).toEqual([uptoRequirement(jobs, livePc())]);
    expect(item.accepts[0]).toMatchObject({
      scheme: "upto",
      maxTimeoutSeconds: 1200,
      extra: { assetTransferMethod: "permit2", facilitatorAddress: facilitatorAddress() },
    });
    expect(item.tags).toEqual(expect.arrayContaining(["async", "queue", "jobs"]));
    expect(body.items.filter((i) => i.accepts[0]?.scheme === "exact")).toHaveLength(syncListed.length);
  });

  it("lists the jobs route as a separate upto resource when upto can be offered", () => {
    const withUpto = { ...pc(), uptoFacilitatorAddress: UPTO_SIGNER };
    const list = resourceList(withUpto, origin(), { limit: 100, offset: 0 });
    expect(list.pagination.total).toBe(syncListed.length + 1);
    const item = list.items.find((i) => i.metadata.catalog_id === jobs.id)!;
    expect(item.resource).toBe(urlOf(jobs));
    expect(item.accepts).toEqual([uptoRequirement(jobs, withUpto)]);
    expect(item.tags).toEqual(expect.arrayContaining(["async", "queue", "jobs"]));
    expect(item.extensions?.bazaar).toEqual(bazaarExtension(jobs));
    expect(bazaarListed(jobs, pc())).toBe(false);
    // Sync routes keep their exact offers beside it.
    expect(list.items.filter((i) => i.accepts[0]?.scheme === "exact")).toHaveLength(syncListed.length);
  });

  it("pages with limit and offset", async () => {
    const all = (await getJson<BazaarList>("/discovery/resources?limit=100")).body.items;
    const page = (await getJson<BazaarList>("/discovery/resources?limit=2&offset=1")).body;
    expect(page.pagination).toEqual({ limit: 2, offset: 1, total: all.length });
    expect(page.items).toEqual(all.slice(1, 3));
    const past = (await getJson<BazaarList>(`/discovery/resources?offset=${all.length}`)).body;
    expect(past.items).toEqual([]);
    expect(past.pagination.total).toBe(all.length);
    // Facilitator clients send type=http; other types have no resources here.
    expect((await getJson<BazaarList>("/discovery/resources?type=http")).body.items).toEqual(
      all.slice(0, 20),
    );
    expect((await getJson<BazaarList>("/discovery/resources?type=mcp")).body.items).toEqual([]);
  });

  it.each(["limit=0", "limit=101", "limit=abc", "limit=", "offset=-1", "offset=1.5", "offset=x"])(
    "rejects %s with a 400 envelope",
    async (query) => {
      const res = await call(`/discovery/resources?${query}`);
      expect(res.headers.get("cache-control")).not.toBe("public, max-age=60");
      await expectEnvelope(res, 400, "VALIDATION_FAILED");
    },
  );

  it("is deterministic: two fetches are deep-equal", async () => {
    const a = await getJson("/discovery/resources");
    const b = await getJson("/discovery/resources");
    expect(a.body).toEqual(b.body);
  });
});

describe("GET /pricing", () => {
  interface Pricing {
    currency: string;
    prices: {
      id: string;
      method: string;
      path: string;
      price_usd: number | null;
      price_atomic: string | null;
      billing: string;
      summary: string;
      offline: boolean;
    }[];
    notes: string[];
  }

  it.each([undefined, "*/*", "application/json", "application/json, text/html;q=0.5"])(
    "answers JSON from the catalog for Accept %s",
    async (accept) => {
      const { res, body } = await getJson<Pricing>("/pricing", accept ? { accept } : {});
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("cache-control")).toBe("public, max-age=60");
      expect(res.headers.get("vary")).toMatch(/accept/i);
      expect(body.currency).toBe("USD");
      expect(body.notes.length).toBeGreaterThan(0);
      // Every priced thing, the balance-only chat turn included.
      expect(body.prices).toHaveLength(CATALOG.length);
      for (const entry of CATALOG as readonly CatalogEntry[]) {
        const row = body.prices.find((p) => p.id === entry.id)!;
        expect(row).toMatchObject({
          method: entry.method,
          path: entry.path,
          billing: entry.rule,
          summary: entry.summary,
          offline: entry.offlineByDefault === true,
        });
        if (entry.rule === "amount") expect(row.price_usd).toBeNull();
        else expect([row.price_usd, row.price_atomic]).toEqual([toUsd(entry.price), String(entry.price)]);
      }
    },
  );

  it("answers an HTML table when Accept prefers text/html", async () => {
    const res = await call("/pricing", {
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(res.headers.get("vary")).toMatch(/accept/i);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<caption>");
    expect(html).toContain('<th scope="col">');
    // No external assets: nothing is loaded from another origin.
    expect(html).not.toMatch(/<(script|link|img)\b/);
    for (const entry of entries) {
      expect(html).toContain(`${entry.method} ${entry.path}`);
      if (entry.rule !== "amount") expect(html).toContain(usdText(entry.price));
    }
  });

  it("negotiates by quality, ties going to JSON", () => {
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml("*/*")).toBe(false);
    expect(prefersHtml("text/html")).toBe(true);
    expect(prefersHtml("text/*")).toBe(true);
    expect(prefersHtml("text/html, application/json")).toBe(false);
    expect(prefersHtml("application/json;q=0.9, text/html")).toBe(true);
    expect(prefersHtml("text/html;q=0.1, */*")).toBe(false);
    expect(prefersHtml("garbage")).toBe(false);
  });
});

describe("agent guides", () => {
  const priced = entries.filter((e) => e.rule !== "amount");

  it("GET /skill.md is Markdown naming every paid path and price, billing, errors and the FCRA notice", async () => {
    const res = await call("/skill.md");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const text = await res.text();
    for (const e of entries) expect(text, e.path).toContain(e.path);
    for (const e of priced) expect(text, `${e.id} price`).toContain(usdText(e.price));
    // The catalog's own prices, spelled independently of the renderer.
    expect(text).toContain(`$${toUsd(entries.find((e) => e.id === "enrich.phone")!.price).toFixed(2)}`);
    for (const needle of [
      "/api/v1/agents/wallet-nonce",
      "siwe_message",
      "/api/v1/agents/wallet-register",
      "Authorization: Bearer 411_",
      "PAYMENT-SIGNATURE",
      "Virtual balance first",
      "Bill on match",
      "Idempotency-Key",
      "/openapi.json",
      "/.well-known/x402",
      "/discovery/resources",
      "FCRA",
    ]) {
      expect(text, needle).toContain(needle);
    }
    for (const code of ERROR_CODES) expect(text, code).toContain(`\`${code}\``);
    expect(text).toContain(`${BASE}/api/v1/enrich/phone`);
  });

  it("GET /llms.txt is plain text naming every paid path and price", async () => {
    const res = await call("/llms.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const text = await res.text();
    expect(text).toMatch(/^# 411data\n\n> /);
    for (const e of entries) expect(text, e.path).toContain(e.path);
    for (const e of priced) expect(text, `${e.id} price`).toContain(usdText(e.price));
    for (const needle of ["/skill.md", "/openapi.json", "/pricing", "FCRA", "PAYMENT-SIGNATURE"]) {
      expect(text, needle).toContain(needle);
    }
  });
});

describe("OpenAPI", () => {
  it("documents the discovery routes", async () => {
    const { body } = await getJson<{ paths: Record<string, Record<string, { operationId?: string }>> }>(
      "/openapi.json",
    );
    expect(body.paths["/.well-known/x402"]?.get?.operationId).toBe("wellKnownX402");
    expect(body.paths["/discovery/resources"]?.get?.operationId).toBe("discoveryResources");
    expect(body.paths["/pricing"]?.get?.operationId).toBe("pricing");
    expect(body.paths["/skill.md"]?.get?.operationId).toBe("skillGuide");
    expect(body.paths["/llms.txt"]?.get?.operationId).toBe("llmsTxt");
  });
});
