import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mintAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("bearer rotation and restore", () => {
  it("rotate: the new bearer works, the old one is dead at once", async () => {
    const agent = await mintAgent();
    const res = await postJson("/api/v1/agents/token/rotate", {}, agent.auth);
    expect(res.status).toBe(200);
    const { token, agent_id } = (await res.json()) as { token: string; agent_id: string };
    expect(agent_id).toBe(agent.agentId);
    expect(token).not.toBe(agent.token);
    await expectEnvelope(await call("/api/v1/agents/me", { headers: agent.auth }), 401, "TOKEN_INVALID");
    expect((await call("/api/v1/agents/me", { headers: bearer(token) })).status).toBe(200);
    // Balance and identity carried over.
    expect(await (await call("/api/v1/agents/balance", { headers: bearer(token) })).json()).toMatchObject({ virtual_balance_usd: 0.2 });
  });

  it("two concurrent rotations with one bearer: exactly one wins", async () => {
    const agent = await mintAgent();
    const answers = await Promise.all([1, 2, 3].map(() => postJson("/api/v1/agents/token/rotate", {}, agent.auth)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it("restore confirms a saved bearer without rotating it", async () => {
    const agent = await mintAgent();
    const res = await postJson("/api/v1/agents/token/restore", {}, agent.auth);
    expect(await res.json()).toEqual({ agent_id: agent.agentId, key_kind: "agent", restored: true });
    expect((await call("/api/v1/agents/me", { headers: agent.auth })).status).toBe(200);
  });
});

describe("bearer security", () => {
  it.each([
    ["no header", undefined, 401, "UNAUTHORIZED"],
    ["not Bearer", "Basic abc", 401, "TOKEN_INVALID"],
    ["garbage", "Bearer hello", 401, "TOKEN_INVALID"],
    ["truncated", "Bearer 411_agt_AAAAAAAAAAAAAAAAAAAA_abc", 401, "TOKEN_INVALID"],
    ["forged secret", `Bearer 411_agt_AAAAAAAAAAAAAAAAAAAA_${"x".repeat(40)}`, 401, "TOKEN_INVALID"],
    ["poll bearer", `Bearer 411j_ej_AAAAAAAAAAAAAAAAAAAAAAAA_${"x".repeat(40)}`, 401, "TOKEN_INVALID"],
  ])("%s → %i %s", async (_name, header, status, code) => {
    const res = await call("/api/v1/agents/me", header ? { headers: { authorization: header } } : {});
    await expectEnvelope(res, status, code);
  });

  it("another agent's id with a valid secret shape is refused", async () => {
    const a = await mintAgent();
    const b = await mintAgent();
    const swapped = a.token.replace(a.agentId, b.agentId);
    await expectEnvelope(await call("/api/v1/agents/me", { headers: bearer(swapped) }), 401, "TOKEN_INVALID");
  });
});

describe("usage keys", () => {
  async function mintKey(agentAuth: Record<string, string>, body: Record<string, unknown>) {
    const res = await postJson("/api/v1/agents/usage-keys", body, agentAuth);
    if (res.status !== 201) throw new Error(`create key ${res.status}: ${await res.text()}`);
    return (await res.json()) as { key: string; key_id: string; spend_cap_usd: number; status: string };
  }

  it("mint, use, list (no secrets), revoke (dead at once)", async () => {
    const agent = await mintAgent();
    const key = await mintKey(agent.auth, { name: "crm sync", spend_cap_usd: "2.50", scope: ["enrich.phone"] });
    expect(key.key).toMatch(new RegExp(`^411k_${agent.agentId}_[0-9A-Za-z]{40}$`));
    expect(key).toMatchObject({ spend_cap_usd: 2.5, status: "active" });

    const me = await call("/api/v1/agents/me", { headers: bearer(key.key) });
    expect(await me.json()).toMatchObject({ agent_id: agent.agentId, key_kind: "usage_key", key_id: key.key_id });
    const bal = await call("/api/v1/agents/balance", { headers: bearer(key.key) });
    expect(await bal.json()).toMatchObject({ usage_key: { key_id: key.key_id, spend_cap_usd: 2.5, spent_usd: 0 } });

    const list = await call("/api/v1/agents/usage-keys", { headers: agent.auth });
    const text = await list.text();
    expect(text).not.toContain(key.key);
    expect(JSON.parse(text).usage_keys).toHaveLength(1);

    const revoked = await call(`/api/v1/agents/usage-keys/${key.key_id}`, { method: "DELETE", headers: agent.auth });
    expect(await revoked.json()).toMatchObject({ key_id: key.key_id, status: "revoked" });
    await expectEnvelope(await call("/api/v1/agents/me", { headers: bearer(key.key) }), 401, "TOKEN_REVOKED");
  });

  it("a usage key cannot mint keys, list them or rotate the agent bearer", async () => {
    const agent = await mintAgent();
    const key = await mintKey(agent.auth, { spend_cap_usd: 1 });
    await expectEnvelope(await postJson("/api/v1/agents/usage-keys", { spend_cap_usd: 1 }, bearer(key.key)), 403, "FORBIDDEN");
    await expectEnvelope(await call("/api/v1/agents/usage-keys", { headers: bearer(key.key) }), 403, "FORBIDDEN");
    await expectEnvelope(await postJson("/api/v1/agents/token/rotate", {}, bearer(key.key)), 403, "FORBIDDEN");
    expect((await call("/api/v1/agents/me", { headers: agent.auth })).status).toBe(200);
  });

  it("an expired key is refused with TOKEN_EXPIRED", async () => {
    const agent = await mintAgent();
    const key = await mintKey(agent.auth, { spend_cap_usd: 1, expires_at: new Date(Date.now() + 60_000).toISOString() });
    await agentAccount(agent.agentId).sqlExpire(key.key_id);
    await expectEnvelope(await call("/api/v1/agents/me", { headers: bearer(key.key) }), 401, "TOKEN_EXPIRED");
  });

  it("bad key requests are 400s and an unknown key id is a 404", async () => {
    const agent = await mintAgent();
    for (const body of [
      {},
      { spend_cap_usd: 0 },
      { spend_cap_usd: -1 },
      { spend_cap_usd: "abc" },
      { spend_cap_usd: 1, scope: ["enrich.nothing"] },
      { spend_cap_usd: 1, scope: [] },
      { spend_cap_usd: 1, expires_at: "yesterday" },
      { spend_cap_usd: 1, expires_at: "2001-01-01T00:00:00Z" },
      { spend_cap_usd: 1, name: "x".repeat(81) },
    ]) {
      await expectEnvelope(await postJson("/api/v1/agents/usage-keys", body, agent.auth), 400, "VALIDATION_FAILED");
    }
    await expectEnvelope(await call("/api/v1/agents/usage-keys/key_AAAAAAAAAAAAAAAA", { method: "DELETE", headers: agent.auth }), 404, "NOT_FOUND");
    await expectEnvelope(await call("/api/v1/agents/usage-keys/nope", { method: "DELETE", headers: agent.auth }), 400, "VALIDATION_FAILED");
  });

  it("the cap holds across a burst of concurrent holds on one key", async () => {
    const agent = await mintAgent();
    const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
    await stub.credit({ amount: 10_000_000 });
    const key = await mintKey(agent.auth, { spend_cap_usd: "1.00" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => stub.hold({ amount: 330_000, ttlSec: 60, keyId: key.key_id })),
    );
    const granted = results.filter((r) => r.ok);
    expect(granted).toHaveLength(3); // 3 × 0.33 ≤ 1.00 < 4 × 0.33
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "KEY_CAP_EXCEEDED")).toBe(true);
    for (const h of granted) if (h.ok) await stub.capture({ holdId: h.holdId, amount: h.amount });
    const bal = await call("/api/v1/agents/balance", { headers: bearer(key.key) });
    expect(await bal.json()).toMatchObject({ usage_key: { spent_usd: 0.99 } });
    expect((await stub.hold({ amount: 20_000, ttlSec: 60, keyId: key.key_id })).ok).toBe(false);
    expect((await stub.hold({ amount: 10_000, ttlSec: 60, keyId: key.key_id })).ok).toBe(true);
  });
});

/** Test-only pokes at an agent's storage, for states that only time would otherwise produce. */
function agentAccount(agentId: string) {
  const stub = env.AGENT_ACCOUNT.getByName(agentId);
  return {
    sqlExpire: async (keyId: string) => {
      await runInDurableObject(stub, (_i, state) => {
        state.storage.sql.exec("UPDATE usage_keys SET expires_at = ? WHERE id = ?", Date.now() - 1, keyId);
      });
    },
  };
}
