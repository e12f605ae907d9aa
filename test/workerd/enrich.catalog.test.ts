import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { RESERVED_NAMES, RESERVED_RETRY_AFTER_SEC } from "@411data/vendors";
import { createApp } from "../../workers/api/src/app.ts";
import { EXAMPLES } from "../../workers/api/src/routes/discovery/examples.ts";
import { encodeCursor } from "../../workers/api/src/routes/leads/cursor.ts";
import { balanceOf, fundedAgent, mintAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";

// Catalog-tier routes (SPEC §1): offline (503 ROUTE_OFFLINE, never charged) until configuration
// or the operator switch turns them on; then they answer from the sandbox dataset.

const OPERATOR = { "x-operator-secret": "test-operator-secret" };
const SWITCH = "/api/v1/operator/catalog-routes";
const EMAIL = "/api/v1/enrich/email";
const COMPANY = "/api/v1/enrich/company";
const LEADS = "/api/v1/leads/search";
const ROUTES: [string, string, Record<string, unknown>][] = [
  ["enrich.email", EMAIL, { email: "jbmanno@example.com" }],
  ["enrich.company", COMPANY, { name: "Haney Furniture Co", city: "New Castle", state: "PA" }],
  ["leads.search", LEADS, { state: "PA" }],
];

interface RouteState {
  id: string;
  enabled: boolean;
  source: string;
  config_enabled: boolean;
  override: { enabled: boolean; memo: string | null } | null;
}

async function flip(routes: string[] | "all", enabled: boolean | null) {
  const res = await postJson(SWITCH, { routes, enabled, memo: "test" }, OPERATOR);
  expect(res.status).toBe(200);
  return ((await res.json()) as { routes: RouteState[] }).routes;
}

/** Runs the Worker with some configuration changed, on the same bindings. */
async function callWith(overrides: Record<string, string>, path: string, body: unknown, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

interface Sourced<T> {
  value: T;
  provenance: { source: string; observed_at: string; confidence: number };
}
interface Company {
  vendor_id: string;
  name: Sourced<string>;
  domain: Sourced<string> | null;
  industry: Sourced<string> | null;
  employee_count: Sourced<number> | null;
  location: Sourced<{ city: string; state_code: string; line1: string }> | null;
}
interface LeadsPage {
  matched: boolean;
  data: { leads: Company[] };
  metadata: { total_available: number; returned: number; limit: number; filters: Record<string, unknown>; vendor: string };
  next_cursor: string | null;
  billing: { charged_usd: number; price_usd: number; matched: boolean };
}

describe("offline until enabled", () => {
  it.each(ROUTES)("%s answers 503 ROUTE_OFFLINE with a next action, charges nothing and asks for no payment", async (id, path, body) => {
    const agent = await fundedAgent(1);
    const res = await postJson(path, body, agent.auth);
    const err = (await expectEnvelope(res, 503, "ROUTE_OFFLINE")) as unknown as { error: { details: { route: string; next_action: string; charged_usd: number } } };
    expect(err.error.details).toMatchObject({ route: id, charged_usd: 0 });
    expect(err.error.details.next_action).toMatch(/operator/);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    expect(await storedRequest(res.headers.get("x-request-id")!)).toMatchObject({ status: 503, error_code: "ROUTE_OFFLINE", charged_micros: null });
    // Not a 402: an offline route has nothing to sell, with or without a bearer, whatever the body.
    await expectEnvelope(await postJson(path, body), 503, "ROUTE_OFFLINE");
    await expectEnvelope(await postJson(path, { nonsense: true }, agent.auth), 503, "ROUTE_OFFLINE");
  });

  it("discovery marks them offline and Bazaar leaves them out", async () => {
    const known = (await (await call("/.well-known/x402")).json()) as { items: { id: string; offline: boolean }[] };
    const prices = (await (await call("/pricing")).json()) as { prices: { id: string; offline: boolean }[] };
    const bazaar = (await (await call("/discovery/resources?limit=100")).json()) as { items: { metadata: { catalog_id: string } }[] };
    for (const [id] of ROUTES) {
      expect(known.items.find((r) => r.id === id)?.offline).toBe(true);
      expect(prices.prices.find((r) => r.id === id)?.offline).toBe(true);
      expect(bazaar.items.map((i) => i.metadata.catalog_id)).not.toContain(id);
    }
  });

  it("OpenAPI documents them with their 503 and does not advertise them as payable while offline", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, { post?: { "x-payment-info"?: unknown; description?: string; responses: Record<string, unknown> } }> };
    for (const path of [EMAIL, COMPANY, LEADS]) {
      expect(doc.paths[path]?.post?.["x-payment-info"], path).toBeUndefined();
      expect(doc.paths[path]?.post?.description, path).toMatch(/ROUTE_OFFLINE/);
      expect(doc.paths[path]?.post?.responses).toHaveProperty("503");
    }
    expect(Object.keys(doc.paths).some((p) => p.includes("/operator/"))).toBe(false);
  });
});

describe("the operator switch", () => {
  it.each([
    ["no secret", {}],
    ["a wrong secret", { "x-operator-secret": "test-operator-secreT" }],
  ])("refuses %s with 401 and changes nothing", async (_name, headers) => {
    await expectEnvelope(await postJson(SWITCH, { routes: "all", enabled: true }, headers), 401, "UNAUTHORIZED");
    await expectEnvelope(await call(SWITCH, { headers }), 401, "UNAUTHORIZED");
    await expectEnvelope(await postJson(EMAIL, { email: "jbmanno@example.com" }), 503, "ROUTE_OFFLINE");
  });

  it("refuses an agent bearer", async () => {
    const agent = await mintAgent();
    await expectEnvelope(await postJson(SWITCH, { routes: "all", enabled: true }, agent.auth), 401, "UNAUTHORIZED");
  });

  it("validates its body", async () => {
    await expectEnvelope(await postJson(SWITCH, { routes: ["enrich.phone"], enabled: true }, OPERATOR), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson(SWITCH, { routes: [], enabled: true }, OPERATOR), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson(SWITCH, { routes: "all" }, OPERATOR), 400, "VALIDATION_FAILED");
  });

  it("turns one route on and off, clears back to configuration, and reports who decided", async () => {
    const start = ((await (await call(SWITCH, { headers: OPERATOR })).json()) as { routes: RouteState[] }).routes;
    expect(start.map((r) => [r.id, r.enabled, r.source])).toEqual([
      ["enrich.email", false, "default"],
      ["enrich.company", false, "default"],
      ["leads.search", false, "default"],
    ]);
    const on = await flip(["enrich.email"], true);
    expect(on.find((r) => r.id === "enrich.email")).toMatchObject({ enabled: true, source: "operator", override: { enabled: true, memo: "test" } });
    expect(on.find((r) => r.id === "enrich.company")).toMatchObject({ enabled: false, source: "default" });
    const agent = await fundedAgent(1);
    expect((await postJson(EMAIL, { email: "jbmanno@example.com" }, agent.auth)).status).toBe(200);
    await expectEnvelope(await postJson(COMPANY, { name: "Acme Corp" }, agent.auth), 503, "ROUTE_OFFLINE");

    await flip(["enrich.email"], false);
    await expectEnvelope(await postJson(EMAIL, { email: "jbmanno@example.com" }, agent.auth), 503, "ROUTE_OFFLINE");
    const cleared = await flip(["enrich.email"], null);
    expect(cleared.find((r) => r.id === "enrich.email")).toMatchObject({ enabled: false, source: "default", override: null });
  });

  it("configuration can enable routes; an operator override wins over it", async () => {
    const agent = await fundedAgent(1);
    const res = await callWith({ CATALOG_ROUTES_ENABLED: "enrich.email" }, EMAIL, { email: "jbmanno@example.com" }, agent.auth);
    expect(res.status).toBe(200);
    await expectEnvelope(await callWith({ CATALOG_ROUTES_ENABLED: "enrich.email" }, COMPANY, { name: "Acme Corp" }, agent.auth), 503, "ROUTE_OFFLINE");
    expect((await callWith({ CATALOG_ROUTES_ENABLED: "all" }, COMPANY, { name: "Acme Corp", city: "Tampa", state: "FL" }, agent.auth)).status).toBe(200);

    await flip(["enrich.email"], false);
    await expectEnvelope(await callWith({ CATALOG_ROUTES_ENABLED: "all" }, EMAIL, { email: "jbmanno@example.com" }, agent.auth), 503, "ROUTE_OFFLINE");
    await flip(["enrich.email"], null);
    // A typo in the configuration is a misconfigured deploy, not a silently offline route.
    await expectEnvelope(await callWith({ CATALOG_ROUTES_ENABLED: "enrich.emial" }, EMAIL, { email: "a@example.com" }, agent.auth), 500, "BAD_ENVIRONMENT");
  });
});

describe("switched on", () => {
  beforeAll(async () => {
    const routes = await flip("all", true);
    expect(routes.every((r) => r.enabled)).toBe(true);
  });

  it("discovery lists them as available, with worked examples that fit the routes' schemas", async () => {
    const known = (await (await call("/.well-known/x402")).json()) as { items: { id: string; offline: boolean; accepts: unknown[] }[] };
    const bazaar = (await (await call("/discovery/resources?limit=100")).json()) as { items: { metadata: { catalog_id: string }; extensions?: unknown }[] };
    for (const [id] of ROUTES) {
      const r = known.items.find((x) => x.id === id)!;
      expect(r.offline).toBe(false);
      expect(r.accepts.length).toBe(1);
      expect(bazaar.items.find((i) => i.metadata.catalog_id === id)?.extensions).toBeTruthy();
      const example = EXAMPLES[id as keyof typeof EXAMPLES]!;
      expect(example.request.safeParse(example.requestExample).success, `${id} request example`).toBe(true);
      expect(example.response.safeParse(example.responseExample).success, `${id} response example`).toBe(true);
    }
  });

  describe("POST /api/v1/enrich/email", () => {
    it("a match costs $0.10: the person behind the address, with provenance", async () => {
      const agent = await fundedAgent(1);
      const res = await postJson(EMAIL, { email: " JBManno@Example.com " }, agent.auth);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        matched: boolean;
        data: { people: { names: Sourced<{ full: string }>[]; emails: Sourced<string>[] }[] };
        metadata: { query_mode: string; vendor: string; vendor_hops: { vendor: string }[] };
        billing: { charged_usd: number; price_usd: number };
      };
      expect(body.matched).toBe(true);
      expect(body.metadata).toMatchObject({ query_mode: "email", vendor: "whitepages" });
      expect(body.data.people[0]!.names[0]!.value.full).toBe("Joseph B Manno");
      expect(body.data.people[0]!.emails.map((e) => e.value)).toContain("jbmanno@example.com");
      expect(body.data.people[0]!.names[0]!.provenance.source).toBe("whitepages");
      expect(body.billing).toMatchObject({ price_usd: 0.1, charged_usd: 0.1 });
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.9, held_usd: 0 });
      expect(await storedRequest(res.headers.get("x-request-id")!)).toMatchObject({ price_micros: 100_000, charged_micros: 100_000 });
    });

    it("no match is free, after both vendors were asked", async () => {
      const agent = await fundedAgent(1);
      const body = (await (await postJson(EMAIL, { email: "nobody.here@example.org" }, agent.auth)).json()) as {
        matched: boolean;
        metadata: { vendor_hops: { vendor: string; outcome: string }[] };
        billing: { charged_usd: number };
      };
      expect(body.matched).toBe(false);
      expect(body.metadata.vendor_hops.map((h) => [h.vendor, h.outcome])).toEqual([["whitepages", "miss"], ["peopledatalabs", "miss"]]);
      expect(body.billing.charged_usd).toBe(0);
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    });

    it("a bad address is a free 400; vendors down is a free 503", async () => {
      const agent = await fundedAgent(1);
      await expectEnvelope(await postJson(EMAIL, { email: "not-an-email" }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(EMAIL, {}, agent.auth), 400, "VALIDATION_FAILED");
      const down = await postJson(EMAIL, { email: `${RESERVED_NAMES.rate_limited}@example.com` }, agent.auth);
      expect(down.headers.get("retry-after")).toBe(String(RESERVED_RETRY_AFTER_SEC));
      await expectEnvelope(down, 503, "VENDOR_UNAVAILABLE");
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    });
  });

  describe("POST /api/v1/enrich/company", () => {
    it("a match costs $0.25: firmographics with provenance on every field", async () => {
      const agent = await fundedAgent(1);
      const res = await postJson(COMPANY, { name: "Haney Furniture Co", city: "New Castle", state: "pa" }, agent.auth);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { matched: boolean; data: { company: Company }; metadata: { query_mode: string; vendor: string; match_score: number }; billing: { charged_usd: number } };
      expect(body.matched).toBe(true);
      expect(body.metadata).toMatchObject({ query_mode: "company", vendor: "peopledatalabs" });
      expect(body.metadata.match_score).toBeGreaterThan(0.5);
      const c = body.data.company;
      expect(c.name.value).toBe("Haney Furniture Co");
      expect(c.domain?.value).toBe("haneyfurniture.example.com");
      expect(c.industry?.value).toBe("furniture");
      expect(c.location?.value).toMatchObject({ line1: "30 N Beaver St", city: "New Castle", state_code: "PA" });
      expect(c.employee_count?.value).toBeGreaterThan(0);
      for (const field of [c.name, c.domain, c.industry, c.employee_count, c.location]) {
        expect(field?.provenance.source).toBe("peopledatalabs");
        expect(Date.parse(field!.provenance.observed_at)).not.toBeNaN();
      }
      expect(body.billing.charged_usd).toBe(0.25);
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.75, held_usd: 0 });
      // The same business by its domain.
      const byDomain = (await (await postJson(COMPANY, { domain: "https://www.haneyfurniture.example.com/about" }, agent.auth)).json()) as { data: { company: Company } };
      expect(byDomain.data.company.vendor_id).toBe(c.vendor_id);
    });

    it("no match is free; bad input is a free 400; a vendor fault is a free 503", async () => {
      const agent = await fundedAgent(1);
      const miss = (await (await postJson(COMPANY, { name: "Haney Furniture Co", city: "Tampa", state: "FL" }, agent.auth)).json()) as { matched: boolean; data: { company: null }; billing: { charged_usd: number } };
      expect(miss).toMatchObject({ matched: false, data: { company: null }, billing: { charged_usd: 0 } });
      await expectEnvelope(await postJson(COMPANY, { city: "Tampa" }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(COMPANY, { domain: "not a domain" }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(COMPANY, { name: "Acme", state: "Florida" }, agent.auth), 400, "VALIDATION_FAILED");
      const down = await postJson(COMPANY, { name: RESERVED_NAMES.server_error }, agent.auth);
      await expectEnvelope(down, 503, "VENDOR_UNAVAILABLE");
      expect(JSON.parse((await storedRequest(down.headers.get("x-request-id")!) as unknown as { vendor_hops: string }).vendor_hops)).toEqual(["peopledatalabs:unavailable"]);
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    });
  });

  describe("POST /api/v1/leads/search", () => {
    const filters = { state: "PA", industry: "construction" };

    it("filters: every lead matches state, city, industry, name prefix and headcount; $0.05 per page", async () => {
      const agent = await fundedAgent(1);
      const res = await postJson(LEADS, { ...filters, min_employees: 2, max_employees: 60, limit: 5 }, agent.auth);
      expect(res.status).toBe(200);
      const page = (await res.json()) as LeadsPage;
      expect(page.matched).toBe(true);
      expect(page.data.leads).toHaveLength(5);
      expect(page.metadata).toMatchObject({ limit: 5, returned: 5, vendor: "peopledatalabs", filters: { state_code: "PA", industry: "construction", min_employees: 2, max_employees: 60 } });
      for (const lead of page.data.leads) {
        expect(lead.location?.value.state_code).toBe("PA");
        expect(lead.industry?.value).toBe("construction");
        expect(lead.employee_count!.value).toBeGreaterThanOrEqual(2);
        expect(lead.employee_count!.value).toBeLessThanOrEqual(60);
        expect(lead.name.provenance.source).toBe("peopledatalabs");
      }
      expect(page.billing).toMatchObject({ price_usd: 0.05, charged_usd: 0.05 });

      const haney = (await (await postJson(LEADS, { city: "new castle", name_prefix: "HANEY" }, agent.auth)).json()) as LeadsPage;
      expect(haney.data.leads.map((l) => l.name.value)).toContain("Haney Furniture Co");
      for (const lead of haney.data.leads) {
        expect(lead.location?.value.city).toBe("New Castle");
        expect(lead.name.value.toLowerCase().startsWith("haney")).toBe(true);
      }
      // A search that finds nothing still ran: the fixed price is charged.
      const none = (await (await postJson(LEADS, { name_prefix: "zzzz no such business" }, agent.auth)).json()) as LeadsPage;
      expect(none).toMatchObject({ matched: false, data: { leads: [] }, next_cursor: null, billing: { charged_usd: 0.05 } });
      expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(1 - 3 * 0.05, 6);
    });

    it("limit is at most 25 (default 10); a search needs a filter; bad filters are free 400s", async () => {
      const agent = await fundedAgent(1);
      await expectEnvelope(await postJson(LEADS, { ...filters, limit: 26 }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(LEADS, { ...filters, limit: 0 }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(LEADS, { limit: 5 }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(LEADS, { state: "ZZ" }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(LEADS, { industry: "space mining" }, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson(LEADS, { state: "PA", min_employees: 50, max_employees: 10 }, agent.auth), 400, "VALIDATION_FAILED");
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
      const page = (await (await postJson(LEADS, filters, agent.auth)).json()) as LeadsPage;
      expect(page.metadata.limit).toBe(10);
      expect(page.data.leads).toHaveLength(10);
      const max = (await (await postJson(LEADS, { ...filters, limit: 25 }, agent.auth)).json()) as LeadsPage;
      expect(max.data.leads).toHaveLength(25);
    });

    it("the cursor pages through every match once, in a stable order, one charge per page", async () => {
      const agent = await fundedAgent(2);
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      let total = 0;
      do {
        // The filters may be repeated with the cursor, or left out.
        const body: Record<string, unknown> = cursor ? (pages % 2 ? { cursor, limit: 25 } : { ...filters, cursor, limit: 25 }) : { ...filters, limit: 25 };
        const res = await postJson(LEADS, body, agent.auth);
        expect(res.status).toBe(200);
        const page = (await res.json()) as LeadsPage;
        total = page.metadata.total_available;
        ids.push(...page.data.leads.map((l) => l.vendor_id));
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 20);
      expect(cursor).toBeNull();
      expect(total).toBeGreaterThan(25);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      expect(pages).toBe(Math.ceil(total / 25));
      expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(2 - pages * 0.05, 6);
      // Stable: the first page again is the same leads in the same order.
      const again = (await (await postJson(LEADS, { ...filters, limit: 25 }, agent.auth)).json()) as LeadsPage;
      expect(again.data.leads.map((l) => l.vendor_id)).toEqual(ids.slice(0, 25));
    });

    it("a tampered cursor, or one reused with other filters, is a free 400", async () => {
      const agent = await fundedAgent(1);
      const first = (await (await postJson(LEADS, { ...filters, limit: 3 }, agent.auth)).json()) as LeadsPage;
      const cursor = first.next_cursor!;
      expect(cursor).toBeTruthy();
      const before = (await balanceOf(agent.auth)).virtual_balance_usd;
      const [payload, mac] = cursor.split(".") as [string, string];
      const flipped = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
      for (const bad of [flipped(cursor, 5), `${payload}.${flipped(mac, 0)}`, payload, `${cursor}x`, "garbage", ""]) {
        const res = await postJson(LEADS, { ...filters, cursor: bad }, agent.auth);
        const err = (await expectEnvelope(res, 400, "VALIDATION_FAILED")) as unknown as { error: { details: unknown } };
        expect(JSON.stringify(err.error.details), bad).toMatch(/cursor|filter/);
      }
      await expectEnvelope(await postJson(LEADS, { state: "FL", cursor }, agent.auth), 400, "VALIDATION_FAILED");
      // Hand-built cursors with a correct digest: filters of the wrong type, or none at all.
      for (const f of [{ city: 5 }, {}, { min_employees: -3 }]) {
        const forged = await encodeCursor({ filters: f as never, vendorToken: "t" });
        await expectEnvelope(await postJson(LEADS, { cursor: forged }, agent.auth), 400, "VALIDATION_FAILED");
      }
      expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe(before);
      // The untouched cursor still works.
      expect((await postJson(LEADS, { cursor, limit: 3 }, agent.auth)).status).toBe(200);
    });

    it("a vendor fault is a free 503 with Retry-After", async () => {
      const agent = await fundedAgent(1);
      const res = await postJson(LEADS, { name_prefix: RESERVED_NAMES.rate_limited }, agent.auth);
      expect(res.headers.get("retry-after")).toBe(String(RESERVED_RETRY_AFTER_SEC));
      await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE");
      expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    });

    it("without a bearer it is a 402 for $0.05", async () => {
      const res = await postJson(LEADS, filters);
      const body = (await expectEnvelope(res, 402, "AGENT_TOKEN_REQUIRED")) as unknown as { accepts: { amount: string }[] };
      expect(body.accepts[0]!.amount).toBe("50000");
    });
  });
});
