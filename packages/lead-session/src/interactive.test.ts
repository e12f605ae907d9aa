import { describe, expect, it } from "vitest";
import {
  applyFollowUp, continueSession, createSession, digDeeper, parsePrompt, planCandidates, runSession, suggestedUserPrompts,
  toLeadEnrichmentV1, toolKey,
} from "./index.ts";
import { HANEY, MANNO, sandboxTools } from "./fixtures.test-helpers.ts";

const tools = sandboxTools();

describe("interactive mode", () => {
  it("returns dig_deeper steps and prompts that parse back into runnable hints", async () => {
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 2, mode: "interactive" }), tools);
    expect(s.status).toBe("awaiting_input");
    const r = toLeadEnrichmentV1(s);
    expect(r.dig_deeper?.length).toBeGreaterThan(0);
    expect(r.suggested_user_prompts?.length).toBeGreaterThan(0);
    for (const d of r.dig_deeper ?? []) {
      expect(d.estimated_cost_usd).toBeGreaterThan(0);
      expect(typeof d.prompt).toBe("string");
    }
    const steps = digDeeper(s);
    expect(steps.every((d) => !s.triedKeys.includes(toolKey(d.input)))).toBe(true);
    // auto mode leaves the interactive fields out
    const auto = toLeadEnrichmentV1({ ...s, mode: "auto" });
    expect(auto.dig_deeper).toBeUndefined();
    expect(auto.suggested_user_prompts).toBeUndefined();
  });

  it("a follow-up continues the same graph, with rounds and budget carried over", async () => {
    const first = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 2, mode: "interactive" }), tools);
    const dale = digDeeper(first).find((d) => d.description.startsWith("Dale Whitcomb")) ?? digDeeper(first, 20).find((d) => d.description.startsWith("Dale Whitcomb"));
    expect(dale).toBeDefined();
    const next = await continueSession(first, dale?.prompt ?? "", tools, { extraRounds: 1 });
    expect(next.roundsUsed).toBe(3);
    expect(next.maxRounds).toBe(3);
    expect(next.toolLog.slice(0, 2)).toEqual(first.toolLog);
    expect(next.toolLog[2]).toMatchObject({ tool: "person_by_name", round: 3 });
    expect(next.toolLog[2]?.input).toMatchObject({ query: { name: "Dale Whitcomb" } });
    expect(next.cogs).toBe(first.cogs + (next.toolLog[2]?.cost_micro_usd ?? 0));
    expect(next.budget).toBe(first.budget);
    expect(next.graph.entities).toEqual(first.graph.entities);
    expect(next.prompts.map((p) => p.prompt)).toEqual([dale?.prompt]);
    expect(toLeadEnrichmentV1(next).prompts).toEqual([dale?.prompt]);
  });

  it("'reverse <number>' runs that reverse lookup next", async () => {
    const first = await runSession(createSession({ lead: { ...MANNO, company: "Joseph B Manno", street: undefined }, budget: 2_000_000, maxRounds: 1, mode: "interactive" }), tools);
    expect(first.toolLog[0]?.tool).toBe("person_by_name");
    const next = await continueSession(first, "reverse (814) 423-0771 please", tools, { extraRounds: 1 });
    expect(next.toolLog[1]).toMatchObject({ tool: "reverse_phone", input: { phone: "+18144230771" }, outcome: "match" });
  });

  it("interprets keywords, names and numbers", async () => {
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 1, mode: "interactive" }), tools);
    expect(parsePrompt("Who owns this business?", s)).toContainEqual({ kind: "focus", focus: "owner" });
    expect(parsePrompt("find an email", s)).toContainEqual({ kind: "focus", focus: "email" });
    expect(parsePrompt("who else lives at the address", s)).toContainEqual({ kind: "focus", focus: "address" });
    expect(parsePrompt("get me a mobile phone for marjorie haney", s)).toEqual(
      expect.arrayContaining([{ kind: "person", name: "Marjorie Haney" }, { kind: "focus", focus: "phone" }]),
    );
    expect(parsePrompt("Look up Sandra Oakes", s)).toContainEqual({ kind: "person", name: "Sandra Oakes" });
    expect(parsePrompt("reverse 724-206-0094", s)).toContainEqual({ kind: "reverse_phone", phone: "+17242060094" });
    // an owner focus puts the decision maker first
    const owner = applyFollowUp(s, "who is the owner?");
    expect(owner.status).toBe("running");
    expect(planCandidates(owner)[0]?.target).toBe("decision_maker");
    expect(owner.maxRounds).toBe(s.roundsUsed + 2);
    for (const p of suggestedUserPrompts(s)) expect(parsePrompt(p, s).length).toBeGreaterThan(0);
  });

  it("rejects an out-of-range extra rounds count", async () => {
    const s = createSession({ lead: HANEY, budget: 2_000_000, mode: "interactive" });
    expect(() => applyFollowUp(s, "phone", { extraRounds: 0 })).toThrow(RangeError);
    expect(() => applyFollowUp(s, "phone", { extraRounds: 11 })).toThrow(RangeError);
  });
});
