import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { sha256Hex } from "@411data/core";
import { describe, expect, it } from "vitest";
import worker from "../../workers/api/src/index.ts";
import { SCHEDULED_TASKS } from "../../workers/api/src/scheduled/index.ts";
import { fundedAgent } from "./support/agents.ts";
import { call, postJson, storedRequest } from "./support/http.ts";

const DAY = 86_400_000;
const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>("n" as never)) as unknown as number;
const n = (table: string, where: string, ...args: unknown[]) => count(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, ...args);

/** One cron tick through the Worker's own scheduled handler, as the platform runs it. */
async function tick(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ scheduledTime: at, cron: "0 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("retention on a schedule", () => {
  it("the Worker's scheduled handler runs the retention task", () => {
    expect(SCHEDULED_TASKS.map((t) => t.name)).toContain("retention");
    expect(typeof worker.scheduled).toBe("function");
  });

  it("purges what has done its job and cuts old bodies, keeping the billing columns", async () => {
    const agent = await fundedAgent(5);
    const paid = await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, { ...agent.auth, "idempotency-key": "kept-a-day", "cf-connecting-ip": "192.0.2.44" });
    expect(paid.status).toBe(200);
    const id = paid.headers.get("x-request-id")!;
    const row = await storedRequest(id);
    expect(row.request_body).not.toBeNull();

    const now = Date.now();
    // Rows as old as they would be by then: the idempotency key 25 h, the call 91 days.
    await env.DB.prepare("UPDATE idempotency_keys SET created_at = ? WHERE key = 'kept-a-day'").bind(now - 25 * 3_600_000).run();
    await env.DB.prepare("UPDATE requests SET created_at = ? WHERE id = ?").bind(new Date(now - 91 * DAY).toISOString(), id).run();
    const fresh = await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, { ...agent.auth, "idempotency-key": "still-fresh" });
    await storedRequest(fresh.headers.get("x-request-id")!);
    // A used nonce, an expired one and a live one.
    for (const [nonce, used, expires] of [["n-used", now - 1000, now + 60_000], ["n-expired", null, now - 1], ["n-live", null, now + 60_000]] as const) {
      await env.DB.prepare("INSERT INTO wallet_nonces (nonce, address, purpose, created_at, expires_at, used_at) VALUES (?, '0xabc', 'mint', ?, ?, ?)").bind(nonce, now - 2000, expires, used).run();
    }
    // Finished payment locks (one old, one recent) and one still locked.
    const old = new Date(now - 8 * DAY).toISOString();
    for (const [key, status, at] of [["p-old", "settled", old], ["p-recent", "settled", new Date(now).toISOString()], ["p-locked", "locked", old]] as const) {
      await env.DB.prepare("INSERT INTO x402_payments (lock_key, payer, route, request_id, amount_micros, status, created_at, updated_at) VALUES (?, '0xabc', '/x', 'req', 1, ?, ?, ?)").bind(key, status, at, at).run();
    }
    // A recovery challenge long expired, and one open.
    for (const [cid, expires] of [["rc_old", now - 2 * DAY], ["rc_open", now + 60_000]] as const) {
      await env.DB.prepare("INSERT INTO recovery_challenges (id, agent_id, wallet, questions, required, created_at, expires_at) VALUES (?, 'agt_x', '0xabc', '[]', 3, ?, ?)").bind(cid, now - 3 * DAY, expires).run();
    }

    await tick(now);

    expect(await n("idempotency_keys", "key = 'kept-a-day'")).toBe(0);
    expect(await n("idempotency_keys", "key = 'still-fresh'")).toBe(1);
    expect(await n("wallet_nonces", "nonce IN ('n-used', 'n-expired')")).toBe(0);
    expect(await n("wallet_nonces", "nonce = 'n-live'")).toBe(1);
    expect(await n("x402_payments", "lock_key = 'p-old'")).toBe(0);
    expect(await n("x402_payments", "lock_key IN ('p-recent', 'p-locked')")).toBe(2);
    expect(await n("recovery_challenges", "id = 'rc_old'")).toBe(0);
    expect(await n("recovery_challenges", "id = 'rc_open'")).toBe(1);

    const cut = await storedRequest(id);
    expect(cut).toMatchObject({ request_body: null, response_body: null, request_headers: "{}", status: 200, agent_id: agent.agentId, charged_micros: 330_000, price_micros: 330_000 });
    expect((await storedRequest(fresh.headers.get("x-request-id")!)).request_body).not.toBeNull();
    // The owner still sees the call and what it cost.
    const listed = (await (await call("/api/v1/agents/requests?limit=100", { headers: agent.auth })).json()) as { requests: { request_id: string }[] };
    expect(listed.requests.map((r) => r.request_id)).toContain(id);

    // A second tick changes nothing more.
    await tick(now);
    expect(await n("requests", "id = ?", id)).toBe(1);
  });

  it("client addresses are stored as a keyed hash, not a plain SHA-256", async () => {
    const res = await call("/pricing", { headers: { "cf-connecting-ip": "192.0.2.1" } });
    const row = (await storedRequest(res.headers.get("x-request-id")!)) as unknown as { client_ip_hash: string };
    expect(row.client_ip_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(row.client_ip_hash).not.toBe((await sha256Hex("192.0.2.1")).slice(0, 16));
  });
});
