import { describe, expect, it } from "vitest";
import { createSession, leadIdentityKey, runSession, toLeadEnrichmentV1, warmSeed } from "./index.ts";
import { HANEY, MANNO, sandboxTools } from "./fixtures.test-helpers.ts";

const tools = sandboxTools();

describe("warm seed", () => {
  it("re-running a recent lead costs fewer rounds and reuses the graph", async () => {
    const cold = await runSession(createSession({ lead: MANNO, budget: 2_000_000 }), tools);
    const again = { Company: "joseph b manno", Street: "5 Tannery Road", City: "Ridgway", State: "pa", Zip: "15853", Number1: "814-776-1310" };
    const fresh = createSession({ lead: again, budget: 2_000_000 });
    expect(leadIdentityKey(fresh.lead)).toBe(leadIdentityKey(cold.lead));

    const seeded = warmSeed(fresh, JSON.parse(JSON.stringify(cold.graph)), cold.createdAt, { triedKeys: cold.triedKeys });
    expect(seeded.warmSeeded).toBe(true);
    const warm = await runSession(seeded, tools);
    expect(warm.roundsUsed).toBeLessThan(cold.roundsUsed);
    expect(warm.cogs).toBeLessThan(cold.cogs);
    const r = toLeadEnrichmentV1(warm);
    expect(r).toMatchObject({ warm_seeded: true, matched: true });
    expect(r.graph.contacts.map((c) => c.id).sort()).toEqual(cold.graph.contacts.map((c) => c.id).sort());
    for (const c of r.graph.contacts) {
      for (const p of c.provenance.filter((x) => x.round === 0)) expect(p).toMatchObject({ tool: "warm_seed" });
      expect(c.provenance.some((p) => p.tool === "warm_seed" && p.seeded_from)).toBe(true);
    }
    expect(r.graph.summary_markdown).toMatch(/cached/);
  });

  it("skips inputs found in the prior graph even without the prior tried list", async () => {
    const cold = await runSession(createSession({ lead: HANEY, budget: 2_000_000 }), tools);
    const warm = await runSession(warmSeed(createSession({ lead: HANEY, budget: 2_000_000 }), cold.graph, new Date(cold.createdAt)), tools);
    expect(warm.toolLog.some((t) => t.tool === "websearch")).toBe(false);
    expect(warm.graph.entities).toHaveLength(1);
  });

  it("treats a stale or malformed prior graph as a cache miss", async () => {
    const s = createSession({ lead: HANEY, budget: 2_000_000 });
    expect(warmSeed(s, { phones: "nope" }, new Date())).toBe(s);
    const old = new Date(Date.now() - 40 * 86_400_000);
    expect(warmSeed(s, { phones: [], contacts: [], entities: [], summary_markdown: "" }, old, { maxAgeMs: 30 * 86_400_000 })).toBe(s);
  });
});
