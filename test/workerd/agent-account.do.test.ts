import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newAgentId } from "@411data/core";
import type { AgentAccount } from "../../durable-objects/agent-account/index.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

let n = 0;
const account = () => env.AGENT_ACCOUNT.getByName(`agt_test_${++n}_${Date.now()}`);

function ledgerSum(stub: DurableObjectStub<AgentAccount>) {
  return runInDurableObject(stub, (_i, state) => {
    const sum = state.storage.sql.exec<{ s: number | null }>("SELECT SUM(amount) AS s FROM ledger").one().s ?? 0;
    const held =
      state.storage.sql.exec<{ s: number | null }>("SELECT SUM(amount) AS s FROM holds WHERE status = 'open'").one().s ?? 0;
    return { sum, held };
  });
}

describe("AgentAccount ledger", () => {
  it("credits, holds, captures and releases in integer µUSD", async () => {
    const stub = account();
    expect(await stub.credit({ amount: 1_000_000, ref: "starting credit" })).toEqual({
      ok: true,
      balance: { available: 1_000_000, held: 0 },
    });
    const hold = await stub.hold({ amount: 330_000, ttlSec: 60, ref: "req_1" });
    if (!hold.ok) throw new Error("hold refused");
    expect(hold.balance).toEqual({ available: 670_000, held: 330_000 });
    const captured = await stub.capture({ holdId: hold.holdId, amount: 330_000 });
    expect(captured).toMatchObject({ ok: true, captured: 330_000, released: 0, balance: { available: 670_000, held: 0 } });

    const second = await stub.hold({ amount: 500_000, ttlSec: 60 });
    if (!second.ok) throw new Error("hold refused");
    const released = await stub.release({ holdId: second.holdId });
    expect(released).toMatchObject({ ok: true, captured: 0, released: 500_000, balance: { available: 670_000, held: 0 } });

    // Partial capture (metered routes) returns the rest.
    const third = await stub.hold({ amount: 600_000, ttlSec: 60 });
    if (!third.ok) throw new Error("hold refused");
    expect(await stub.capture({ holdId: third.holdId, amount: 250_000 })).toMatchObject({
      captured: 250_000,
      released: 350_000,
      balance: { available: 420_000, held: 0 },
    });
    expect(await ledgerSum(stub)).toEqual({ sum: 420_000, held: 0 });
  });

  it("refuses a hold the balance cannot cover, and bad amounts", async () => {
    const stub = account();
    await stub.credit({ amount: 100 });
    expect(await stub.hold({ amount: 101, ttlSec: 60 })).toMatchObject({ ok: false, code: "INSUFFICIENT_BALANCE", needed: 101 });
    for (const amount of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(await stub.hold({ amount, ttlSec: 60 })).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
      expect(await stub.credit({ amount })).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    }
    expect(await stub.balance()).toEqual({ available: 100, held: 0 });
  });

  it("a hold resolves once: no double capture, no capture after release, none above the hold", async () => {
    const stub = account();
    await stub.credit({ amount: 1_000 });
    const hold = await stub.hold({ amount: 600, ttlSec: 60 });
    if (!hold.ok) throw new Error("hold refused");
    expect(await stub.capture({ holdId: hold.holdId, amount: 601 })).toMatchObject({ ok: false, code: "CAPTURE_EXCEEDS_HOLD" });
    expect(await stub.capture({ holdId: hold.holdId, amount: -1 })).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    const results = await Promise.all([
      stub.capture({ holdId: hold.holdId, amount: 600 }),
      stub.capture({ holdId: hold.holdId, amount: 600 }),
      stub.release({ holdId: hold.holdId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(["HOLD_NOT_OPEN", "HOLD_NOT_OPEN"]);
    expect(await stub.balance()).toEqual({ available: 400, held: 0 });
    expect(await stub.release({ holdId: "hld_unknown" })).toMatchObject({ ok: false, code: "HOLD_NOT_FOUND" });
  });

  it("150 concurrent holds on a balance that covers 100 never overdraw", async () => {
    const stub = account();
    await stub.credit({ amount: 100 * 330_000 });
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => stub.hold({ amount: 330_000, ttlSec: 60, ref: `req_${i}` })),
    );
    const granted = results.filter((r) => r.ok);
    expect(granted).toHaveLength(100);
    expect(await stub.balance()).toEqual({ available: 0, held: 100 * 330_000 });
    await Promise.all(granted.map((h) => h.ok && stub.capture({ holdId: h.holdId, amount: 330_000 })));
    expect(await stub.balance()).toEqual({ available: 0, held: 0 });
    expect(await ledgerSum(stub)).toEqual({ sum: 0, held: 0 });
  });

  it("an unresolved hold expires back to the balance on the alarm", async () => {
    const stub = account();
    await stub.credit({ amount: 1_000 });
    const hold = await stub.hold({ amount: 700, ttlSec: 30 });
    if (!hold.ok) throw new Error("hold refused");
    // Nothing is due yet: the alarm leaves the hold alone.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.balance()).toEqual({ available: 300, held: 700 });
    // Age the hold past its expiry, as if the Worker had crashed between hold and capture.
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("UPDATE holds SET expires_at = ? WHERE id = ?", Date.now() - 1, hold.holdId);
      return state.storage.setAlarm(Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.balance()).toEqual({ available: 1_000, held: 0 });
    expect(await stub.capture({ holdId: hold.holdId, amount: 700 })).toMatchObject({ ok: false, status: "expired" });
    const kinds = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec<{ kind: string; amount: number }>("SELECT kind, amount FROM ledger ORDER BY seq").toArray(),
    );
    expect(kinds).toEqual([
      { kind: "credit", amount: 1_000 },
      { kind: "hold", amount: -700 },
      { kind: "release", amount: 700 },
    ]);
  });
});

describe("AgentAccount paid-call hold", () => {
  it("checks the bearer, the quota, the key cap and the balance in one call", async () => {
    const stub = account();
    await stub.mint({ agentId: "agt_quota", wallet: "0x0000000000000000000000000000000000000001", tokenHash: "a".repeat(64), startingCredit: 1_000_000 });
    const call = (tokenHash = "a".repeat(64)) =>
      stub.authorizeAndHold({ tokenHash, kind: "agent", routeId: "enrich.phone", amount: 10_000, ttlSec: 60, ref: "r", quota: { limit: 3, windowSec: 60 } });
    expect(await call("b".repeat(64))).toEqual({ ok: false, code: "TOKEN_INVALID" });
    const results = await Promise.all([call(), call(), call(), call(), call()]);
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const limited = results.find((r) => !r.ok);
    expect(limited).toMatchObject({ ok: false, code: "QUOTA_EXCEEDED" });
    expect(limited && !limited.ok && "retryAfterSec" in limited && limited.retryAfterSec).toBeGreaterThan(0);
    // Refused calls held nothing.
    expect(await stub.balance()).toEqual({ available: 1_000_000 - 30_000, held: 30_000 });
  });
});

describe("forged bearers", () => {
  it("a well-formed bearer naming an agent nobody minted is refused and leaves the object without storage", async () => {
    const agentId = newAgentId();
    const forged = { authorization: `Bearer 411_${agentId}_${"x".repeat(40)}` };
    await expectEnvelope(await call("/api/v1/agents/me", { headers: forged }), 401, "TOKEN_INVALID");
    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, forged), 401, "TOKEN_INVALID");
    const tables = await runInDurableObject(env.AGENT_ACCOUNT.getByName(agentId), (_i, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master").one().n,
    );
    expect(tables).toBe(0);
  });
});
