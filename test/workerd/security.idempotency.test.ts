import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { sha256Hex } from "@411data/core";
import { describe, expect, it } from "vitest";
import { balanceOf, fundedAgent, mintAgent, signedRegistration } from "./support/agents.ts";
import { call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";

const PHONE = "+17242060094";
const PHONE_BODY = { phone: PHONE };
const RAW_SECRET = /411[kj]?_(?:agt|ej)_[0-9A-Za-z]{16,32}_[0-9A-Za-z]{40}|whsec_[0-9A-Za-z]{40}/;
const HOOK = `http://127.0.0.1:${env.CALLBACKS_LOOPBACK_PORTS}/hook/idem/ok`;

/** Every row of every D1 table, as text. */
async function allOfD1(): Promise<string> {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all<{ name: string }>();
  const dumps = await Promise.all(tables.results.map(async ({ name }) => JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results)));
  return dumps.join("\n");
}

/** Every row of every table in one agent's AgentAccount object, as text. */
async function allOfAccount(agentId: string): Promise<string> {
  return runInDurableObject(env.AGENT_ACCOUNT.getByName(agentId), (_i, state) => {
    const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").toArray();
    return tables.map(({ name }) => JSON.stringify(state.storage.sql.exec(`SELECT * FROM "${name}"`).toArray())).join("\n");
  });
}

describe("idempotency after authentication", () => {
  it("a wallet-register replay without credentials never hands back the bearer", async () => {
    const wallet = await newWallet(5);
    const body = await signedRegistration(wallet);
    const key = { "idempotency-key": `mint-${crypto.randomUUID()}` };
    const first = await postJson("/api/v1/agents/wallet-register", body, key);
    expect(first.status).toBe(200);
    const minted = (await first.json()) as { agent_id: string; token: string };
    expect(minted.token).toMatch(/^411_agt_/);

    // Anyone who resends the same body with the same key (both are in the victim's request log).
    const replay = await postJson("/api/v1/agents/wallet-register", body, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const text = await replay.text();
    expect(text).not.toContain(minted.token);
    expect(JSON.parse(text)).toMatchObject({
      agent_id: minted.agent_id,
      token: expect.stringMatching(/_\[redacted\]$/),
      idempotent_replay: { secret_withheld: true },
    });
  });

  it("a rotated-away bearer cannot replay its rotation; the new bearer's replay withholds the secret", async () => {
    const agent = await mintAgent();
    const key = { "idempotency-key": "rotate-1" };
    const rotated = await postJson("/api/v1/agents/token/rotate", {}, { ...agent.auth, ...key });
    expect(rotated.status).toBe(200);
    const fresh = ((await rotated.json()) as { token: string }).token;

    const stolen = await postJson("/api/v1/agents/token/rotate", {}, { ...agent.auth, ...key });
    await expectEnvelope(stolen.clone(), 401, "TOKEN_INVALID");
    expect(stolen.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await stolen.text()).not.toContain(fresh);

    const own = await postJson("/api/v1/agents/token/rotate", {}, { authorization: `Bearer ${fresh}`, ...key });
    expect(own.status).toBe(200);
    expect(own.headers.get("idempotent-replayed")).toBe("true");
    const text = await own.text();
    expect(text).not.toContain(fresh);
    expect(JSON.parse(text)).toMatchObject({ idempotent_replay: { secret_withheld: true } });
    // The replay did not rotate again: the fresh bearer still works.
    expect((await call("/api/v1/agents/me", { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
  });

  it("a revoked usage key replays nothing it paid for", async () => {
    const agent = await fundedAgent(5);
    const created = await postJson("/api/v1/agents/usage-keys", { spend_cap_usd: 2 }, agent.auth);
    const { key, key_id } = (await created.json()) as { key: string; key_id: string };
    const headers = { authorization: `Bearer ${key}`, "idempotency-key": "paid-by-key" };
    expect((await postJson("/api/v1/enrich/phone", PHONE_BODY, headers)).status).toBe(200);
    expect((await call(`/api/v1/agents/usage-keys/${key_id}`, { method: "DELETE", headers: agent.auth })).status).toBe(200);
    const replay = await postJson("/api/v1/enrich/phone", PHONE_BODY, headers);
    await expectEnvelope(replay.clone(), 401, "TOKEN_REVOKED");
    expect(replay.headers.get("idempotent-replayed")).toBeNull();
    expect(replay.headers.get("www-authenticate")).toMatch(/^Bearer .*invalid_token/);
  });

  it("`bearer` in lower case or with two spaces is the same caller: charged once", async () => {
    const agent = await fundedAgent(5);
    const key = { "idempotency-key": "spelling" };
    const first = await postJson("/api/v1/enrich/phone", PHONE_BODY, { authorization: `Bearer ${agent.token}`, ...key });
    expect(first.status).toBe(200);
    for (const spelling of [`bearer ${agent.token}`, `Bearer  ${agent.token}`, `BEARER\t${agent.token} `]) {
      const again = await postJson("/api/v1/enrich/phone", PHONE_BODY, { authorization: spelling, ...key });
      expect(again.status).toBe(200);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
    }
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(5 - 0.33, 6);
  });

  it("after every credential-minting call with an Idempotency-Key, no raw secret is at rest in D1 or the agent's object", async () => {
    const wallet = await newWallet(5);
    const reg = await postJson("/api/v1/agents/wallet-register", await signedRegistration(wallet), { "idempotency-key": "scan-mint" });
    const { agent_id: agentId, token } = (await reg.json()) as { agent_id: string; token: string };
    await env.AGENT_ACCOUNT.getByName(agentId).credit({ amount: 5_000_000 });
    const rotated = await postJson("/api/v1/agents/token/rotate", {}, { authorization: `Bearer ${token}`, "idempotency-key": "scan-rotate" });
    const auth = { authorization: `Bearer ${((await rotated.json()) as { token: string }).token}` };
    const answers = [
      reg,
      rotated,
      await postJson("/api/v1/agents/usage-keys", { spend_cap_usd: 1 }, { ...auth, "idempotency-key": "scan-key" }),
      await postJson("/api/v1/agents/callbacks", { url: HOOK, events: ["enrich.completed"] }, { ...auth, "idempotency-key": "scan-callback" }),
      await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" }, callback_url: HOOK }, { ...auth, "idempotency-key": "scan-job" }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 201, 201, 202]);
    for (const res of answers) await storedRequest(res.headers.get("x-request-id")!);

    const d1 = await allOfD1();
    expect(d1).toContain("scan-job"); // the scan sees the idempotency rows
    expect(d1.match(RAW_SECRET)).toBeNull();
    expect((await allOfAccount(agentId)).match(RAW_SECRET)).toBeNull();
  });

  it("an anonymous caller cannot replay another's paid answer, and a forged bearer never reaches the stored answer", async () => {
    const agent = await fundedAgent(5);
    const key = { "idempotency-key": "mine-only" };
    expect((await postJson("/api/v1/enrich/phone", PHONE_BODY, { ...agent.auth, ...key })).status).toBe(200);
    expect((await postJson("/api/v1/enrich/phone", PHONE_BODY, key)).status).toBe(402);
    const forged = `411_${agent.agentId}_${"A".repeat(40)}`;
    await expectEnvelope(await postJson("/api/v1/enrich/phone", PHONE_BODY, { authorization: `Bearer ${forged}`, ...key }), 401, "TOKEN_INVALID");
  });
});

describe("a pending key whose request died", () => {
  async function pendingRow(agentId: string, key: string, leaseUntil: number) {
    await env.DB.prepare(
      `INSERT INTO idempotency_keys (scope, key, method, path, body_hash, state, request_id, created_at, lease_until)
       VALUES (?, ?, 'POST', '/api/v1/enrich/phone', ?, 'pending', ?, ?, ?)`,
    )
      .bind(await sha256Hex(`agent:${agentId}`), key, await sha256Hex(`POST /api/v1/enrich/phone\n${JSON.stringify(PHONE_BODY)}`), `req_dead${crypto.randomUUID().slice(0, 8)}`, Date.now() - 60_000, leaseUntil)
      .run();
  }

  it("is held while its lease runs, then taken over by a retry that runs once", async () => {
    const agent = await fundedAgent(5);
    await pendingRow(agent.agentId, "died", Date.now() + 60_000);
    const held = await postJson("/api/v1/enrich/phone", PHONE_BODY, { ...agent.auth, "idempotency-key": "died" });
    await expectEnvelope(held.clone(), 409, "IDEMPOTENCY_IN_PROGRESS");
    expect(held.headers.get("retry-after")).toBe("1");

    await env.DB.prepare("UPDATE idempotency_keys SET lease_until = ? WHERE key = 'died'").bind(Date.now() - 1).run();
    const taken = await postJson("/api/v1/enrich/phone", PHONE_BODY, { ...agent.auth, "idempotency-key": "died" });
    expect(taken.status).toBe(200);
    expect(taken.headers.get("idempotent-replayed")).toBeNull();
    const again = await postJson("/api/v1/enrich/phone", PHONE_BODY, { ...agent.auth, "idempotency-key": "died" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(5 - 0.33, 6);
  });
});

describe("finalize after money moved", () => {
  it("a D1 failure at finalize still answers the paid 200, and a retry with the same key charges nothing", async () => {
    const agent = await fundedAgent(5);
    const headers = { ...agent.auth, "idempotency-key": "finalize-fails" };
    await env.DB.exec("CREATE TRIGGER fail_finalize BEFORE UPDATE ON idempotency_keys WHEN NEW.state = 'done' AND NEW.key = 'finalize-fails' BEGIN SELECT RAISE(ABORT, 'injected finalize failure'); END");
    try {
      const paid = await postJson("/api/v1/enrich/phone", PHONE_BODY, headers);
      expect(paid.status).toBe(200);
      const paidText = await paid.text();
      expect(JSON.parse(paidText)).toMatchObject({ matched: true, billing: { charged_usd: 0.33 } });
      await storedRequest(paid.headers.get("x-request-id")!);

      // While the first request's lease runs, a retry is told to wait and nothing runs.
      await expectEnvelope(await postJson("/api/v1/enrich/phone", PHONE_BODY, headers), 409, "IDEMPOTENCY_IN_PROGRESS");
      // Let the off-path finalize retries give up before the failure is lifted.
      await new Promise((r) => setTimeout(r, 1_500));
      await env.DB.exec("DROP TRIGGER fail_finalize");
      expect(await env.DB.prepare("SELECT state FROM idempotency_keys WHERE key = 'finalize-fails'").first("state")).toBe("pending");

      // Past the lease, the retry gets the first answer back from the request log: nothing runs again.
      await env.DB.prepare("UPDATE idempotency_keys SET lease_until = ? WHERE key = 'finalize-fails'").bind(Date.now() - 1).run();
      const retry = await postJson("/api/v1/enrich/phone", PHONE_BODY, headers);
      expect(retry.status).toBe(200);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("x-original-request-id")).toBe(paid.headers.get("x-request-id"));
      expect(JSON.parse(await retry.text())).toEqual(JSON.parse(paidText));
      expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(5 - 0.33, 6);
    } finally {
      await env.DB.exec("DROP TRIGGER IF EXISTS fail_finalize");
    }
  });
});
