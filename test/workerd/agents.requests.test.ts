import { describe, expect, it } from "vitest";
import { fundedAgent, mintAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";

interface Page {
  requests: { request_id: string; path: string; status: number; key_id: string | null; response_body: unknown }[];
  next_cursor: string | null;
}

describe("GET /api/v1/agents/requests", () => {
  it("a paid call is listed by the agent's very next request, though log rows are written in batches", async () => {
    const agent = await fundedAgent(1);
    const paid = await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, agent.auth);
    expect(paid.status).toBe(200);
    const page = (await (await call("/api/v1/agents/requests?limit=5", { headers: agent.auth })).json()) as Page & { requests: { charged_usd: number | null }[] };
    expect(page.requests.find((r) => r.request_id === paid.headers.get("x-request-id"))).toMatchObject({ path: "/api/v1/enrich/phone", status: 200, charged_usd: 0.33 });
  });

  it("lists the agent's own calls newest first with cursor pagination; a usage key sees only its own", async () => {
    const agent = await mintAgent();
    const other = await mintAgent();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call("/api/v1/agents/balance", { headers: agent.auth });
      ids.push(res.headers.get("x-request-id")!);
    }
    await call("/api/v1/agents/balance", { headers: other.auth });
    const keyRes = await postJson("/api/v1/agents/usage-keys", { spend_cap_usd: 1 }, agent.auth);
    const key = (await keyRes.json()) as { key: string; key_id: string };
    const viaKey = await call("/api/v1/agents/me", { headers: { authorization: `Bearer ${key.key}` } });
    await storedRequest(viaKey.headers.get("x-request-id")!);

    const first = (await (await call("/api/v1/agents/requests?limit=3", { headers: agent.auth })).json()) as Page;
    expect(first.requests).toHaveLength(3);
    expect(first.requests[0]!.request_id).toBe(viaKey.headers.get("x-request-id"));
    expect(first.next_cursor).not.toBeNull();
    const all: string[] = first.requests.map((r) => r.request_id);
    let cursor = first.next_cursor;
    while (cursor) {
      const page = (await (await call(`/api/v1/agents/requests?limit=3&cursor=${encodeURIComponent(cursor)}`, { headers: agent.auth })).json()) as Page;
      all.push(...page.requests.map((r) => r.request_id));
      cursor = page.next_cursor;
    }
    for (const id of ids) expect(all).toContain(id);
    expect(new Set(all).size).toBe(all.length);
    // The mint call, the key creation and the listing calls belong to this agent too; nothing of the other agent.
    const otherPage = (await (await call("/api/v1/agents/requests?limit=100", { headers: other.auth })).json()) as Page;
    expect(otherPage.requests.some((r) => ids.includes(r.request_id))).toBe(false);

    const keyPage = (await (await call("/api/v1/agents/requests", { headers: { authorization: `Bearer ${key.key}` } })).json()) as Page;
    expect(keyPage.requests.map((r) => r.key_id)).toEqual([key.key_id]);
    // Stored bodies come back as JSON, bearers scrubbed.
    expect(JSON.stringify(first)).not.toContain(key.key);
  });

  it("refuses bad limits and forged cursors", async () => {
    const agent = await mintAgent();
    for (const q of ["limit=0", "limit=101", "limit=abc", "cursor=%%%", "cursor=bm9wZQ"]) {
      await expectEnvelope(await call(`/api/v1/agents/requests?${q}`, { headers: agent.auth }), 400, "VALIDATION_FAILED");
    }
  });
});
