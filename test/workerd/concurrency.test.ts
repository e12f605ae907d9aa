import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { mintAgent, type MintedAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson, withEnvelope } from "./support/http.ts";

// Concurrent spend on one agent: the AgentAccount object is the only place a balance changes, so
// however many calls race, the charges add up to exactly what the balance (or a key's cap) covers.

const PHONE = "+17242060094"; // a sandbox number that always matches
const PRICE = 330_000;

interface Billing {
  charged_usd: number;
  mode: string;
  matched: boolean;
}

/** A fresh agent whose balance is exactly `micros` (the mint's starting credit topped up). */
async function agentWith(micros: number): Promise<MintedAgent> {
  const agent = await mintAgent();
  const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
  const { available } = await stub.balance();
  if (micros > available) await stub.credit({ amount: micros - available, memo: "concurrency suite" });
  expect((await stub.balance()).available).toBe(micros);
  return agent;
}

const lookup = (auth: Record<string, string>, extra: Record<string, string> = {}) => postJson("/api/v1/enrich/phone", { phone: PHONE }, { ...auth, ...extra });

async function burst(n: number, send: (i: number) => Promise<Response>) {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  return Promise.all(
    answers.map(async (res) => ({ status: res.status, headers: res.headers, text: await res.text() })),
  );
}

type Answer = Awaited<ReturnType<typeof burst>>[number];
const bodyOf = (a: Answer) => withEnvelope(JSON.parse(a.text) as { billing?: Billing; error?: { code: string } });
const codesOf = (answers: Answer[]) => answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${bodyOf(a).error?.code}`);

async function balance(auth: Record<string, string>) {
  return (await (await call("/api/v1/agents/balance", { headers: auth })).json()) as {
    virtual_balance_usd: number;
    held_usd: number;
    usage_key?: { spent_usd: number };
  };
}

/** The object's ledger and its D1 copy: same entries, same sum, equal to the balance. */
async function ledgers(agentId: string) {
  const stub = env.AGENT_ACCOUNT.getByName(agentId);
  const own = await runInDurableObject(stub, (_i, state) =>
    state.storage.sql
      .exec<{ n: number; total: number; captured: number }>(
        "SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total, COALESCE(-SUM(CASE WHEN kind = 'capture' THEN amount END), 0) AS captured FROM ledger",
      )
      .one(),
  );
  const mirrored = await vi.waitUntil(
    async () => {
      const row = await env.DB.prepare(
        "SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total, COALESCE(-SUM(CASE WHEN kind = 'capture' THEN amount END), 0) AS captured FROM ledger_entries WHERE agent_id = ?",
      )
        .bind(agentId)
        .first<{ n: number; total: number; captured: number }>();
      return row && row.n === own.n ? row : false;
    },
    { timeout: 30_000, interval: 100 },
  );
  return { own: { ...own }, mirrored: { ...mirrored }, balance: await stub.balance() };
}

/** What the request log says this agent was charged, once every row has landed. */
async function loggedCharges(agentId: string, rows: number) {
  return vi.waitUntil(
    async () => {
      const row = await env.DB.prepare(
        "SELECT COUNT(*) AS n, COALESCE(SUM(charged_micros), 0) AS charged, SUM(CASE WHEN charged_micros > 0 THEN 1 ELSE 0 END) AS paid FROM requests WHERE agent_id = ? AND route = '/api/v1/enrich/phone'",
      )
        .bind(agentId)
        .first<{ n: number; charged: number; paid: number }>();
      return row && row.n >= rows ? row : false;
    },
    { timeout: 30_000, interval: 100 },
  );
}

describe("concurrent paid calls on one agent", () => {
  it("200 at once on a balance for exactly 150: 150 charged, 50 × 402 INSUFFICIENT_BALANCE, balance 0, ledgers agree", async () => {
    const agent = await agentWith(150 * PRICE);
    const answers = await burst(200, () => lookup(agent.auth));

    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(150);
    for (const a of ok) expect(bodyOf(a).billing).toMatchObject({ charged_usd: 0.33, mode: "virtual_balance", matched: true });
    expect(codesOf(answers)).toEqual(Array(50).fill("402 INSUFFICIENT_BALANCE"));
    for (const a of answers.filter((x) => x.status === 402)) expect(a.headers.get("payment-required")).toBeTruthy();

    expect(await balance(agent.auth)).toMatchObject({ virtual_balance_usd: 0, held_usd: 0 });
    const l = await ledgers(agent.agentId);
    expect(l.balance).toEqual({ available: 0, held: 0 });
    expect(l.own).toMatchObject({ total: 0, captured: 150 * PRICE });
    expect(l.mirrored).toEqual(l.own);
    expect(await loggedCharges(agent.agentId, 200)).toEqual({ n: 200, charged: 150 * PRICE, paid: 150 });
  }, 120_000);

  it("a usage key whose cap covers 40 of the 150: the cap holds under a burst, then the agent spends the rest", async () => {
    const agent = await agentWith(150 * PRICE);
    const created = await postJson("/api/v1/agents/usage-keys", { name: "burst key", spend_cap_usd: (40 * PRICE) / 1_000_000 }, agent.auth);
    expect(created.status).toBe(201);
    const key = { authorization: `Bearer ${((await created.json()) as { key: string }).key}` };

    // 200 at once on the key: its cap, not the balance, is what runs out.
    const first = await burst(200, () => lookup(key));
    expect(first.filter((a) => a.status === 200)).toHaveLength(40);
    expect(codesOf(first)).toEqual(Array(160).fill("402 KEY_CAP_EXCEEDED"));
    expect(await balance(key)).toMatchObject({ virtual_balance_usd: (110 * PRICE) / 1e6, held_usd: 0, usage_key: { spent_usd: 13.2 } });

    // The key and the agent bearer racing together: the key gets nothing more, the agent gets
    // exactly what is left (110 calls), and the balance lands on zero.
    const second = await burst(250, (i) => lookup(i % 5 === 0 ? key : agent.auth));
    const viaKey = second.filter((_, i) => i % 5 === 0);
    const viaAgent = second.filter((_, i) => i % 5 !== 0);
    expect(codesOf(viaKey)).toEqual(Array(50).fill("402 KEY_CAP_EXCEEDED"));
    expect(viaAgent.filter((a) => a.status === 200)).toHaveLength(110);
    expect(codesOf(viaAgent)).toEqual(Array(90).fill("402 INSUFFICIENT_BALANCE"));

    expect(await balance(agent.auth)).toMatchObject({ virtual_balance_usd: 0, held_usd: 0 });
    expect((await balance(key)).usage_key).toMatchObject({ spent_usd: 13.2 });
    const l = await ledgers(agent.agentId);
    expect(l.balance).toEqual({ available: 0, held: 0 });
    expect(l.own).toMatchObject({ total: 0, captured: 150 * PRICE });
    expect(l.mirrored).toEqual(l.own);
    expect(await loggedCharges(agent.agentId, 450)).toMatchObject({ charged: 150 * PRICE, paid: 150 });
  }, 180_000);

  it("concurrent retries with one Idempotency-Key charge once and all see the same answer", async () => {
    const agent = await agentWith(10 * PRICE);
    const key = { "idempotency-key": "crm-row-concurrent-1" };
    const answers = await burst(25, () => lookup(agent.auth, key));

    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // Retries that arrive while the first is running are told to come back; none runs the work.
    expect(new Set(codesOf(answers))).toEqual(ok.length === 25 ? new Set() : new Set(["409 IDEMPOTENCY_IN_PROGRESS"]));
    expect(new Set(ok.map((a) => a.text)).size).toBe(1);
    expect(ok.filter((a) => a.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);

    // Once it has finished, every retry replays it.
    const later = await burst(10, () => lookup(agent.auth, key));
    for (const a of later) {
      expect(a.status).toBe(200);
      expect(a.headers.get("idempotent-replayed")).toBe("true");
      expect(a.text).toBe(ok[0]!.text);
    }
    // The same key with another body is refused, not run.
    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: "+18147761310" }, { ...agent.auth, ...key }), 409, "IDEMPOTENCY_CONFLICT");

    const l = await ledgers(agent.agentId);
    expect(l.own.captured).toBe(PRICE);
    expect(l.balance).toEqual({ available: 9 * PRICE, held: 0 });
    expect(l.mirrored).toEqual(l.own);
  }, 60_000);
});
