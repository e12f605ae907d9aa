import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentAccount } from "../../durable-objects/agent-account/index.ts";

// One hold, many captures (the AgentAccount's batch RPCs): rows reserve within the hold, settle
// their charge once whatever the retries, and the rest goes back at the end; the balance is the sum
// of the ledger throughout.

let n = 0;
const account = () => env.AGENT_ACCOUNT.getByName(`agt_batchhold_${++n}_${Date.now()}`);

function ledger(stub: DurableObjectStub<AgentAccount>) {
  return runInDurableObject(stub, (_i, state) => ({
    sum: state.storage.sql.exec<{ s: number | null }>("SELECT SUM(amount) AS s FROM ledger").one().s ?? 0,
    captures: state.storage.sql.exec<{ amount: number }>("SELECT amount FROM ledger WHERE kind = 'capture' ORDER BY seq").toArray().map((r) => r.amount),
  }));
}

describe("a batch hold", () => {
  it("reserves only what the hold still covers, captures each row once, and releases the rest", async () => {
    const stub = account();
    await stub.credit({ amount: 2_000_000 });
    const hold = await stub.hold({ amount: 1_000_000, ttlSec: 600, ref: "eb_test" });
    if (!hold.ok) throw new Error("hold refused");
    const items = [1, 2, 3, 4].map((i) => ({ key: `row:${i}`, max: 330_000 }));
    const reserved = await stub.reserveFromHold({ holdId: hold.holdId, items });
    expect(reserved.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(reserved[3]).toMatchObject({ ok: false, code: "HOLD_SHORT" });

    const settle = [{ key: "row:1", charge: 330_000 }, { key: "row:2", charge: 0 }, { key: "row:3", charge: 330_000 }];
    const first = await stub.settleFromHold({ holdId: hold.holdId, items: settle, memo: "batch" });
    expect(first.map((s) => s.captured)).toEqual([330_000, 0, 330_000]);
    // Settled again (a redelivered chunk): the first answer, nothing taken twice.
    const again = await stub.settleFromHold({ holdId: hold.holdId, items: settle, memo: "batch" });
    expect(again.map((s) => s.captured)).toEqual([330_000, 0, 330_000]);
    // A row reserved after others settled gets the room they gave back.
    expect((await stub.reserveFromHold({ holdId: hold.holdId, items: [{ key: "row:4", max: 330_000 }] }))[0]).toMatchObject({ ok: true });
    // A row that already captured is reported, not reserved again.
    expect((await stub.reserveFromHold({ holdId: hold.holdId, items: [{ key: "row:1", max: 330_000 }] }))[0]).toEqual({ key: "row:1", ok: true, settled: 330_000 });

    expect(await stub.balance()).toEqual({ available: 1_000_000, held: 340_000 });
    expect(await stub.releaseHoldRest({ holdId: hold.holdId, memo: "end" })).toEqual({ captured: 660_000, released: 340_000 });
    expect(await stub.releaseHoldRest({ holdId: hold.holdId, memo: "end" })).toEqual({ captured: 660_000, released: 0 });
    expect(await stub.balance()).toEqual({ available: 1_340_000, held: 0 });
    // Settling after the end takes nothing.
    expect((await stub.settleFromHold({ holdId: hold.holdId, items: [{ key: "row:4", charge: 330_000 }], memo: "late" }))[0]!.captured).toBe(0);
    const { sum, captures } = await ledger(stub);
    expect(sum).toBe(1_340_000);
    expect(captures).toEqual([-330_000, -330_000]);
  });

  it("a capture that takes the whole remaining hold closes it", async () => {
    const stub = account();
    await stub.credit({ amount: 1_000_000 });
    const hold = await stub.hold({ amount: 330_000, ttlSec: 600 });
    if (!hold.ok) throw new Error("hold refused");
    await stub.reserveFromHold({ holdId: hold.holdId, items: [{ key: "row:1", max: 330_000 }] });
    expect((await stub.settleFromHold({ holdId: hold.holdId, items: [{ key: "row:1", charge: 330_000 }], memo: "batch" }))[0]!.captured).toBe(330_000);
    expect(await stub.releaseHoldRest({ holdId: hold.holdId, memo: "end" })).toEqual({ captured: 330_000, released: 0 });
    expect(await stub.balance()).toEqual({ available: 670_000, held: 0 });
  });
});
