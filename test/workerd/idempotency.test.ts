import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mintAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

const PHONE = "+17242060094";

async function fundedAgent() {
  const agent = await mintAgent();
  await env.AGENT_ACCOUNT.getByName(agent.agentId).credit({ amount: 5_000_000 });
  return agent;
}
const balance = async (auth: Record<string, string>) =>
  ((await (await call("/api/v1/agents/balance", { headers: auth })).json()) as { virtual_balance_usd: number }).virtual_balance_usd;

describe("Idempotency-Key", () => {
  it("same key + same body replays the stored answer without a second charge", async () => {
    const agent = await fundedAgent();
    const headers = { ...agent.auth, "idempotency-key": "crm-row-81551343" };
    const first = await postJson("/api/v1/enrich/phone", { phone: PHONE }, headers);
    const firstBody = await first.text();
    const second = await postJson("/api/v1/enrich/phone", { phone: PHONE }, headers);
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("x-original-request-id")).toBe(first.headers.get("x-request-id"));
    expect(await second.text()).toBe(firstBody);
    expect(await balance(agent.auth)).toBeCloseTo(5.2 - 0.33, 6);
  });

  it("same key + another body is a 409 and charges nothing", async () => {
    const agent = await fundedAgent();
    const headers = { ...agent.auth, "idempotency-key": "k-1" };
    expect((await postJson("/api/v1/enrich/phone", { phone: PHONE }, headers)).status).toBe(200);
    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: "+18147761310" }, headers), 409, "IDEMPOTENCY_CONFLICT");
    expect(await balance(agent.auth)).toBeCloseTo(5.2 - 0.33, 6);
  });

  it("concurrent retries with one key charge once", async () => {
    const agent = await fundedAgent();
    const headers = { ...agent.auth, "idempotency-key": "burst-1" };
    const answers = await Promise.all(Array.from({ length: 10 }, () => postJson("/api/v1/enrich/phone", { phone: PHONE }, headers)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(await balance(agent.auth)).toBeCloseTo(5.2 - 0.33, 6);
  });

  it("keys are per caller, failures are not kept, and bad keys are 400s", async () => {
    const a = await fundedAgent();
    const b = await fundedAgent();
    const key = { "idempotency-key": "shared-name" };
    expect((await postJson("/api/v1/enrich/phone", { phone: PHONE }, { ...a.auth, ...key })).status).toBe(200);
    const other = await postJson("/api/v1/enrich/phone", { phone: PHONE }, { ...b.auth, ...key });
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    expect(await balance(b.auth)).toBeCloseTo(5.2 - 0.33, 6);
    // A vendor failure is not stored: the retry runs again.
    const failing = { ...a.auth, "idempotency-key": "vendor-down" };
    expect((await postJson("/api/v1/enrich/phone", { phone: "+15550100500" }, failing)).status).toBe(503);
    expect((await postJson("/api/v1/enrich/phone", { phone: "+15550100500" }, failing)).headers.get("idempotent-replayed")).toBeNull();
    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: PHONE }, { ...a.auth, "idempotency-key": "x".repeat(256) }), 400, "VALIDATION_FAILED");
  });
});
