import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

const ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
let seq = 0;
const address = () => ({ "cf-connecting-ip": `198.51.100.${++seq}` });

/** Sends until a 429 or `max` calls; returns the 429 and how many were answered before it. */
async function until429(send: () => Promise<Response>, max: number): Promise<{ limited: Response | undefined; before: number }> {
  for (let i = 0; i < max; i++) {
    const res = await send();
    if (res.status === 429) return { limited: res, before: i };
  }
  return { limited: undefined, before: max };
}

function expectRateHeaders(res: Response, name: string) {
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(res.headers.get("ratelimit-policy")).toMatch(new RegExp(`^"${name}";q=\\d+;w=\\d+$`));
  expect(res.headers.get("ratelimit")).toMatch(new RegExp(`^"${name}";r=0;t=\\d+$`));
}

describe("limits a header cannot skip", () => {
  it("Authorization: Basic does not skip the limit: wallet-nonce from one address stops at the wallet limit", async () => {
    const from = { ...address(), authorization: "Basic eDp5" };
    const { limited, before } = await until429(() => postJson("/api/v1/agents/wallet-nonce", { address: ADDRESS }, from), 250);
    expect(limited, "no 429 within 250 calls").toBeDefined();
    expect(before).toBe(Number(env.WALLET_RATE_LIMIT));
    expectRateHeaders(limited!, "wallet");
    await expectEnvelope(limited!, 429, "RATE_LIMITED");
    // Another address is not affected.
    expect((await postJson("/api/v1/agents/wallet-nonce", { address: ADDRESS }, address())).status).toBe(200);
  });

  it("the wallet routes are stricter than the rest: an address at the wallet limit still reads public routes", async () => {
    const from = address();
    const { limited, before } = await until429(() => postJson("/api/v1/agents/wallet-nonce", { address: ADDRESS }, from), 200);
    expect(before).toBeLessThan(Number(env.ANON_RATE_LIMIT));
    expectRateHeaders(limited!, "wallet");
    expect((await call("/pricing", { headers: from })).status).toBe(200);
  });

  it("any other scheme or a malformed bearer is anonymous for the limiter", async () => {
    const from = { ...address(), authorization: "Bearer not-ours" };
    // A page: discovery documents (/pricing, /openapi.json…) have a limit of their own.
    const { limited, before } = await until429(() => call("/quickstart", { headers: from }), 250);
    expect(limited, "no 429 within 250 calls").toBeDefined();
    expect(before).toBe(Number(env.ANON_RATE_LIMIT));
    expectRateHeaders(limited!, "anonymous");
  });

  it("a bearer naming an agent id this server never tagged is refused at once, and counted", async () => {
    const agent = await mintAgent();
    expect(agent.agentId).toMatch(/^agt_[0-9A-Za-z]{24}$/);
    const forgedId = `${agent.agentId.slice(0, -6)}${agent.agentId.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    const from = { ...address(), authorization: `Bearer 411_${forgedId}_${"x".repeat(40)}` };
    await expectEnvelope(await call("/api/v1/agents/me", { headers: from }), 401, "TOKEN_INVALID");
    const { limited, before } = await until429(() => call("/api/v1/agents/me", { headers: from }), 250);
    expect(before).toBe(Number(env.ANON_RATE_LIMIT) - 1);
    expectRateHeaders(limited!, "anonymous");
  });

  it("bearers that fail at the agent's object are counted too; past the limit the address is refused", async () => {
    const from = address();
    // The older, untagged id shape still reaches the object, which refuses it.
    const wrong = { ...from, authorization: `Bearer 411_agt_${"q".repeat(20)}_${"x".repeat(40)}` };
    const { limited, before } = await until429(() => call("/api/v1/agents/me", { headers: wrong }), 250);
    expect(limited, "no 429 within 250 calls").toBeDefined();
    // Counted after each 401: the one that goes over is still answered, every later one is refused.
    expect(before).toBe(Number(env.ANON_RATE_LIMIT) + 1);
    expectRateHeaders(limited!, "anonymous");
    await expectEnvelope(limited!, 429, "RATE_LIMITED");
    // Other addresses, and good bearers elsewhere, are not affected.
    const agent = await mintAgent();
    expect((await call("/api/v1/agents/me", { headers: { ...agent.auth, ...address() } })).status).toBe(200);
  });

  it("free routes count against the agent's quota", async () => {
    const agent = await mintAgent();
    const quota = Number(env.AGENT_QUOTA_PER_MIN);
    let limited: Response | undefined;
    // The quota is a fixed one-minute window: a run that crosses a minute starts over once.
    for (let sent = 0; sent <= 2 * quota + 100 && !limited; sent += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => call("/api/v1/agents/requests?limit=1", { headers: agent.auth })));
      limited = batch.find((r) => r.status === 429);
      if (!limited) expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    expect(limited, "no 429 past the quota").toBeDefined();
    await expectEnvelope(limited!.clone(), 429, "QUOTA_EXCEEDED");
    expectRateHeaders(limited!, "agent");
  }, 120_000);
});
