import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { RESERVED_NAMES, RESERVED_PHONES } from "@411data/vendors";
import { describe, expect, it } from "vitest";
import { balanceOf, fundedAgent, mintAgent } from "./support/agents.ts";
import { BASE, call, postJson, storedRequest } from "./support/http.ts";
import { callTool, mcpClient } from "./support/mcp.ts";

// A tool call is its REST route run in-process: the same hold, capture on match, release on a
// no-match, 402 when the balance is short, error envelope, idempotency, quota and request log.

const MANNO = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };
const NOBODY = { company: `Nobody ${RESERVED_NAMES.no_match}`, city: "Nowhere", state: "PA" };

interface Billing {
  price_usd: number;
  charged_usd: number;
  refunded_usd: number;
  balance_after_usd: number | null;
  mode: string;
  matched: boolean;
  x402_transaction: string | null;
}
type Paid = { matched: boolean; billing: Billing };
type Envelope = { error: { code: string; message: string; details: Record<string, unknown>; request_id: string } };
type PaymentRequired = { x402Version: number; error: string; resource: { url: string }; accepts: Record<string, unknown>[] };

// tool, path, arguments that match, arguments that match nothing, price, what the no-match refunds
const PAID: [string, string, Record<string, unknown>, Record<string, unknown>, number, number][] = [
  ["enrich_phone", "/api/v1/enrich/phone", { phone: "+17242060094" }, { phone: RESERVED_PHONES.no_match }, 0.33, 0.33],
  ["enrich_person", "/api/v1/enrich/person", { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" }, { name: RESERVED_NAMES.no_match, city: "Ridgway" }, 0.5, 0.5],
  ["enrich_websearch", "/api/v1/enrich/websearch", { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" }, { business_name: RESERVED_NAMES.no_match }, 1, 1],
  ["enrich_lead_session", "/api/v1/enrich/lead-session", { lead: MANNO, max_rounds: 2 }, { lead: NOBODY }, 1.5, 2],
];

describe.each(PAID)("%s", (tool, path, hit, miss, price, refund) => {
  it("match: the route's result and billing block as structuredContent, charged once, logged under the tool", async () => {
    const agent = await fundedAgent(5);
    const client = await mcpClient({ auth: agent.auth });
    const res = await callTool<Paid>(client, tool, hit);
    expect(res.isError).toBe(false);
    expect(JSON.parse(res.text)).toEqual(res.structured);
    expect(res.structured.matched).toBe(true);
    expect(res.structured.billing).toMatchObject({ mode: "virtual_balance", matched: true, x402_transaction: null });
    const charged = res.structured.billing.charged_usd;
    expect(charged).toBeGreaterThanOrEqual(price);
    const after = await balanceOf(agent.auth);
    expect(after).toMatchObject({ held_usd: 0 });
    expect(after.virtual_balance_usd).toBeCloseTo(5 - charged, 6);
    expect(res.structured.billing.balance_after_usd).toBeCloseTo(after.virtual_balance_usd, 6);

    const row = await storedRequest(res.meta.request_id as string);
    expect(row).toMatchObject({ method: "POST", path, status: 200, agent_id: agent.agentId, charged_micros: Math.round(charged * 1e6) });
    expect((row as unknown as { door: string }).door).toBe(`mcp:${tool}`);
  });

  it("no match: nothing charged, the hold released", async () => {
    const agent = await fundedAgent(5);
    const res = await callTool<Paid>(await mcpClient({ auth: agent.auth }), tool, miss);
    expect(res.isError).toBe(false);
    expect(res.structured).toMatchObject({ matched: false, billing: { charged_usd: 0, refunded_usd: refund, matched: false } });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 5, held_usd: 0 });
  });

  it("balance short: an x402 payment request with the REST 402's accepts[] and the next action; nothing charged", async () => {
    const agent = await mintAgent(); // $0.20 starting credit
    const res = await callTool<PaymentRequired>(await mcpClient({ auth: agent.auth }), tool, hit);
    expect(res.isError).toBe(true);
    expect(res.structured).toMatchObject({ x402Version: 2, error: "INSUFFICIENT_BALANCE" });
    const rest = (await (await postJson(path, hit, agent.auth)).json()) as PaymentRequired & Envelope;
    expect(res.structured.accepts).toEqual(rest.accepts);
    expect(res.structured.resource).toEqual(rest.resource);
    expect(JSON.parse(res.text)).toEqual(res.structured);
    const envelope = JSON.parse(res.texts[1]!) as Envelope;
    expect(envelope.error).toMatchObject({ code: "INSUFFICIENT_BALANCE", details: { available_usd: 0.2 } });
    expect(envelope.error.details.next_action).toMatch(/deposits/);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
  });
});

describe("open_support_ticket", () => {
  it("charges its fixed price and opens the ticket", async () => {
    const agent = await fundedAgent(1);
    const res = await callTool<{ ticket_id: string; status: string } & Paid>(await mcpClient({ auth: agent.auth }), "open_support_ticket", {
      category: "bug",
      subject: "mcp test",
      body: "details",
    });
    expect(res.structured).toMatchObject({ status: "open", billing: { charged_usd: 0.01, mode: "virtual_balance" } });
    expect(res.structured.ticket_id).toMatch(/^tk_/);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(0.99, 6);
  });
});

describe("failures are isError results with the envelope's code, never charged", () => {
  it.each<[string, Record<string, unknown>]>([
    ["enrich_phone", { phone: 7242060094 }],
    ["enrich_phone", {}],
    ["enrich_phone", { phone: "not a phone" }],
    ["enrich_person", { city: "Ridgway" }],
    ["enrich_websearch", { business_name: "" }],
    ["enrich_websearch", { business_name: "Haney", max_usd: "100" }],
    ["enrich_lead_session", { prompt: "dig" }],
    ["submit_enrich_job", { route: "enrich/nothing", payload: {} }],
    ["open_support_ticket", { category: "praise", subject: "x", body: "y" }],
    ["get_enrich_job", {}],
  ])("%s %j → VALIDATION_FAILED (or INVALID_PHONE), nothing charged", async (tool, args) => {
    const agent = await fundedAgent(5);
    const res = await callTool<Envelope>(await mcpClient({ auth: agent.auth }), tool, args);
    expect(res.isError).toBe(true);
    expect(["VALIDATION_FAILED", "INVALID_PHONE"]).toContain(res.structured.error.code);
    expect(res.structured.error.message.length).toBeGreaterThan(0);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 5, held_usd: 0 });
  });

  it("vendor down → VENDOR_UNAVAILABLE, nothing charged", async () => {
    const agent = await fundedAgent(1);
    const res = await callTool<Envelope>(await mcpClient({ auth: agent.auth }), "enrich_phone", { phone: RESERVED_PHONES.unavailable });
    expect(res.isError).toBe(true);
    expect(res.structured.error.code).toBe("VENDOR_UNAVAILABLE");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
  });

  it("a usage key out of scope → KEY_SCOPE_DENIED; in scope it pays from the agent, counted on its cap", async () => {
    const agent = await fundedAgent(5);
    const minted = await postJson("/api/v1/agents/usage-keys", { name: "mcp", spend_cap_usd: "1", scope: ["enrich.phone"] }, agent.auth);
    const { key } = (await minted.json()) as { key: string };
    const client = await mcpClient({ auth: { authorization: `Bearer ${key}` } });
    const denied = await callTool<Envelope>(client, "enrich_person", { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" });
    expect(denied.isError).toBe(true);
    expect(denied.structured.error.code).toBe("KEY_SCOPE_DENIED");
    const allowed = await callTool<Paid>(client, "enrich_phone", { phone: "+17242060094" });
    expect(allowed.structured.billing.charged_usd).toBe(0.33);
    expect(await balanceOf({ authorization: `Bearer ${key}` })).toMatchObject({ virtual_balance_usd: 4.67, usage_key: { spent_usd: 0.33 } });
  });
});

describe("auth at the HTTP level", () => {
  const post = (headers: Record<string, string>) =>
    exports.default.fetch(
      new Request(`${BASE}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
      }),
    );

  it.each([
    ["an unknown bearer", "Bearer 411_agt_AAAAAAAAAAAAAAAAAAAAAAAA_" + "a".repeat(40)],
    ["a malformed bearer", "Bearer nope"],
    ["a poll bearer", "Bearer 411j_ej_AAAAAAAAAAAAAAAAAAAAAAAA_" + "a".repeat(40)],
    ["not a bearer", "Basic Zm9vOmJhcg=="],
  ])("%s → 401 with WWW-Authenticate: Bearer and the envelope", async (_what, authorization) => {
    const res = await post({ authorization });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const body = (await res.json()) as Envelope;
    expect(["TOKEN_INVALID", "UNAUTHORIZED"]).toContain(body.error.code);
    await expect(mcpClient({ auth: { authorization } })).rejects.toThrow(/401/);
  });

  it("a revoked usage key → 401", async () => {
    const agent = await fundedAgent(1);
    const { key, key_id } = (await (await postJson("/api/v1/agents/usage-keys", { name: "gone", spend_cap_usd: "1" }, agent.auth)).json()) as { key: string; key_id: string };
    await call(`/api/v1/agents/usage-keys/${key_id}`, { method: "DELETE", headers: agent.auth });
    const res = await post({ authorization: `Bearer ${key}` });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("without a bearer: listing and free tools work; a paid tool asks for x402 with the REST 402's accepts[]; bearer-only tools refuse", async () => {
    const client = await mcpClient();
    expect((await client.listTools()).tools.length).toBeGreaterThan(10);
    const pricing = await callTool<{ currency: string; prices: unknown[] }>(client, "get_pricing", {});
    expect(pricing.isError).toBe(false);
    expect(pricing.structured).toMatchObject({ currency: "USD" });
    expect(pricing.structured).toEqual(await (await call("/pricing", { headers: { accept: "application/json" } })).json());

    const paid = await callTool<PaymentRequired>(client, "enrich_phone", { phone: "+17242060094" });
    expect(paid.isError).toBe(true);
    const rest = (await (await postJson("/api/v1/enrich/phone", { phone: "+17242060094" })).json()) as PaymentRequired;
    expect(paid.structured).toMatchObject({ x402Version: 2, error: "AGENT_TOKEN_REQUIRED", resource: rest.resource });
    expect(paid.structured.accepts).toEqual(rest.accepts);

    for (const tool of ["submit_enrich_job", "get_balance", "get_agent", "list_requests"]) {
      const refused = await callTool<Envelope>(client, tool, tool === "submit_enrich_job" ? { route: "enrich/websearch", payload: { business_name: "Haney Furniture Co" } } : {});
      expect(refused.isError, tool).toBe(true);
      expect(refused.structured.error.code, tool).toBe("UNAUTHORIZED");
    }
  });
});

describe("one path to money", () => {
  it("free tools answer what their routes answer, and list_requests names the door", async () => {
    const agent = await fundedAgent(2);
    const client = await mcpClient({ auth: agent.auth });
    const balance = await callTool(client, "get_balance", {});
    expect(balance.structured).toEqual(await balanceOf(agent.auth));
    const me = await callTool(client, "get_agent", {});
    expect(me.structured).toMatchObject({ agent_id: agent.agentId, key_kind: "agent" });
    const phone = await callTool<Paid>(client, "enrich_phone", { phone: "+17242060094" });
    await storedRequest(phone.meta.request_id as string);
    const listed = await callTool<{ requests: { request_id: string; door: string | null; charged_usd: number | null }[] }>(client, "list_requests", { limit: 100 });
    const row = listed.structured.requests.find((r) => r.request_id === phone.meta.request_id);
    expect(row).toMatchObject({ door: "mcp:enrich_phone", charged_usd: 0.33 });
  });

  it("a paid tool call takes the agent's quota once", async () => {
    const agent = await fundedAgent(2);
    await callTool(await mcpClient({ auth: agent.auth }), "enrich_phone", { phone: "+17242060094" });
    const counted = await runInDurableObject(env.AGENT_ACCOUNT.getByName(agent.agentId), (_i, state) =>
      state.storage.sql.exec<{ count: number }>("SELECT count FROM quota WHERE id = 1").one(),
    );
    expect(counted.count).toBe(1);
  });

  it('_meta["idempotency-key"]: the retry replays the first answer and charges nothing more', async () => {
    const agent = await fundedAgent(2);
    const client = await mcpClient({ auth: agent.auth });
    const meta = { "idempotency-key": "order-1234" };
    const first = await callTool<Paid>(client, "enrich_phone", { phone: "+17242060094" }, meta);
    const again = await callTool<Paid>(client, "enrich_phone", { phone: "+17242060094" }, meta);
    expect(again.structured).toEqual(first.structured);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(1.67, 6);
    const other = await callTool<Envelope>(client, "enrich_phone", { phone: "+17245550100" }, meta);
    expect(other.structured.error.code).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("an anonymous tool call counts once against the address limit (120 a minute in tests), and the limit holds", async () => {
    const client = await mcpClient({ auth: { "cf-connecting-ip": "198.51.100.77" } });
    let ok = 0; // after the connect-time server/discover
    let limited: unknown = null;
    for (let i = 0; i < 200 && limited === null; i++) {
      try {
        expect((await callTool(client, "get_pricing", {})).isError).toBe(false);
        ok++;
      } catch (err) {
        limited = err;
      }
    }
    // Counted twice (at /mcp and again at the route), fewer than 60 calls would have passed.
    expect(ok).toBeGreaterThanOrEqual(100);
    expect(String(limited)).toMatch(/RATE_LIMITED/);
  });
});
