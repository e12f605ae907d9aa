import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { balanceOf, mintAgent } from "./support/agents.ts";

// The allowance's `drawn` counts each x402 payment once, by its payment lock: a repeated draw or a
// give-back repeated by a retry, a redelivery or a second refund path changes nothing, and `drawn`
// never goes below zero.

describe("draw / undraw by payment ref", () => {
  it("a draw repeated for the same ref counts once; a repeated give-back returns once", async () => {
    const agent = await mintAgent({ allowanceUsd: "10" });
    const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
    expect(await stub.draw({ ref: "0xpayer:1", amount: 1_500_000 })).toMatchObject({ ok: true, drawn: 1_500_000 });
    expect(await stub.draw({ ref: "0xpayer:1", amount: 1_500_000 })).toMatchObject({ ok: true, drawn: 1_500_000 });
    expect(await stub.draw({ ref: "0xpayer:2", amount: 330_000 })).toMatchObject({ ok: true, drawn: 1_830_000 });

    // The job under ref 1 settled $0.40 of its $1.50 ceiling; then a redelivery says so again and a
    // stray refund path claims it took nothing: the first outcome stands.
    await stub.undraw({ ref: "0xpayer:1", kept: 400_000 });
    await stub.undraw({ ref: "0xpayer:1", kept: 400_000 });
    await stub.undraw({ ref: "0xpayer:1", kept: 0 });
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0.73);
  });

  it("never below zero: a give-back for a ref never drawn, or a negative draw, moves nothing", async () => {
    const agent = await mintAgent({ allowanceUsd: "10" });
    const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
    await stub.undraw({ ref: "0xpayer:unknown", kept: 0 });
    expect(await stub.draw({ ref: "0xpayer:3", amount: -1_000_000 })).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0);
  });

  it("a draw past the allowance is refused and counts nothing", async () => {
    const agent = await mintAgent({ allowanceUsd: "1" });
    const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
    expect(await stub.draw({ ref: "0xpayer:4", amount: 1_500_000 })).toMatchObject({ ok: false, code: "ALLOWANCE_EXCEEDED" });
    expect((await balanceOf(agent.auth)).drawn_usd).toBe(0);
  });
});

describe("subscribed_events inside the AgentAccount", () => {
  it("a delete's refresh racing a create does not switch off the event the create just added", async () => {
    const agent = await mintAgent();
    const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
    // The create adds its event type to the object, then the delete refreshes from a D1 read made
    // before the create's row landed.
    await stub.subscribeEvents(["enrich.completed"]);
    await stub.setSubscribedEvents([]);
    const events = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec<{ event: string }>("SELECT event FROM subscribed_events").toArray().map((r) => r.event),
    );
    expect(events).toEqual(["enrich.completed"]);
  });
});
