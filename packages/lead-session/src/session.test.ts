import { describe, expect, it } from "vitest";
import { mulBps } from "@411data/core";
import { RESERVED_NAMES, RESERVED_PHONES } from "@411data/vendors";
import {
  createSession, LeadEnrichmentV1, nextStep, nextSteps, planCandidates, runRound, runSession, runWave, sessionChargeMicros, toLeadEnrichmentV1,
  type LeadSessionState, type Tools,
} from "./index.ts";
import { HANEY, MANNO, sandboxTools } from "./fixtures.test-helpers.ts";

const tools = sandboxTools();

function allNodes(s: LeadSessionState) {
  return [...s.graph.phones, ...s.graph.contacts, ...s.graph.entities];
}

describe("seed leads through the real adapters (sandbox)", () => {
  it("JOSEPH B MANNO: hunts the person, dedupes phones and contacts, keeps provenance", async () => {
    const s = await runSession(createSession({ lead: MANNO, budget: 2_000_000, sessionId: "ls_manno" }), tools);
    const r = LeadEnrichmentV1.parse(toLeadEnrichmentV1(s));
    expect(r.matched).toBe(true);
    expect(r.tools_run[0]).toMatchObject({ tool: "person_by_name", outcome: "match" });
    expect(r.tools_run.some((t) => t.tool === "websearch")).toBe(false); // a person's name is not a business

    const joseph = r.graph.contacts.find((c) => c.full_name === "Joseph B Manno");
    expect(joseph?.is_lead_person).toBe(true);
    expect(joseph?.vendor_ids).toEqual([{ vendor: "whitepages", id: "PSX0000010" }]);
    expect(joseph?.emails.map((e) => e.email)).toContain("jbmanno@example.com");
    // found by several rounds, still one node each
    expect(r.graph.contacts.filter((c) => c.full_name === "Joseph B Manno")).toHaveLength(1);
    expect(new Set(r.graph.phones.map((p) => p.e164)).size).toBe(r.graph.phones.length);
    expect(joseph?.provenance.length).toBeGreaterThan(1);
    const leadPhone = r.graph.phones.find((p) => p.e164 === "+18147761310");
    expect(leadPhone).toMatchObject({ from_lead: true, line_type: "landline" });
    expect(leadPhone?.contact_ids).toContain(joseph?.id);

    for (const n of allNodes(s)) {
      expect(n.provenance.length).toBeGreaterThan(0);
      for (const p of n.provenance) {
        expect(p.round).toBeGreaterThanOrEqual(1);
        expect(p.round).toBeLessThanOrEqual(s.roundsUsed);
        expect(p.source).not.toBe("");
        expect(p.input_key).toBeTruthy();
      }
    }
    expect(s.triedKeys.length).toBe(new Set(s.triedKeys).size); // no tool+input twice
    expect(r.graph.summary_markdown).toContain("Joseph B Manno");
    expect(r.graph.summary_markdown).toContain("(814) 776-1310");
    expect(r.cost.charge_usd).toBe(1.5);
    expect(sessionChargeMicros(s)).toBe(1_500_000);
  });

  it("Haney Furniture Co: researches the business and links the lead's phone to it", async () => {
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000 }), tools);
    const r = toLeadEnrichmentV1(s);
    expect(r.matched).toBe(true);
    expect(r.tools_run[0]).toMatchObject({ tool: "websearch", outcome: "match", vendor: "openai" });
    const entity = r.graph.entities[0];
    expect(r.graph.entities).toHaveLength(1);
    expect(entity).toMatchObject({ name: "Haney Furniture Co", state: "PA" });
    expect(entity?.sources.length).toBeGreaterThan(0);
    const phone = r.graph.phones.find((p) => p.e164 === "+17246547732");
    expect(phone?.entity_ids).toEqual([entity?.id]);
    expect(phone?.from_lead).toBe(true);
    // Gordon P Haney is both on the website and in the filings: one contact, two sources.
    const gordon = r.graph.contacts.filter((c) => c.full_name === "Gordon P Haney");
    expect(gordon).toHaveLength(1);
    expect(new Set(gordon[0]?.provenance.map((p) => p.source)).size).toBe(2);
    expect(r.graph.contacts.some((c) => c.full_name.includes("Registered Agents"))).toBe(false);
    // the decision maker is hunted by name
    expect(r.tools_run.some((t) => t.tool === "person_by_name" && t.input.startsWith("Gordon P Haney"))).toBe(true);
    expect(r.graph.summary_markdown).toMatch(/Haney Furniture Co/);
    expect(r.graph.summary_markdown).toMatch(/Best phone/);
  });
});

describe("stop conditions", () => {
  it("stops at max_rounds", async () => {
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 2 }), tools);
    expect(s.roundsUsed).toBe(2);
    expect(s.stopReason).toBe("max_rounds");
    expect(s.toolLog).toHaveLength(2);
    expect(planCandidates(s).length).toBeGreaterThan(0); // there was more to do
  });

  it("stops when the budget cannot pay the next tool, and the charge respects the budget", async () => {
    const big = 1_400_000;
    const state = createSession({
      lead: HANEY, budget: 2_000_000, maxRounds: 10,
      pricing: { tools: { reverse_phone: big, person_by_name: big, person_by_address: big, person_by_email: big } },
    });
    const s = await runSession(state, tools);
    expect(s.stopReason).toBe("budget");
    expect(s.roundsUsed).toBeLessThan(10);
    const next = planCandidates(s)[0];
    expect(next).toBeDefined();
    expect(mulBps(s.cogs + (next?.estimated_cost_micro_usd ?? 0), 13_000)).toBeGreaterThan(2_000_000);
    expect(sessionChargeMicros(s)).toBeLessThanOrEqual(2_000_000);
  });

  it("does not start a tool a tiny budget cannot pay; no match → no charge", async () => {
    const s = await runSession(createSession({ lead: HANEY, budget: 100_000 }), tools);
    expect(s.roundsUsed).toBe(0);
    expect(s.stopReason).toBe("budget");
    expect(toLeadEnrichmentV1(s)).toMatchObject({ matched: false, cost: { charge_usd: 0 } });
  });

  it("stops when nothing useful is left (and a no-match session charges nothing)", async () => {
    const s = await runSession(createSession({ lead: { number1: RESERVED_PHONES.no_match }, budget: 2_000_000 }), tools);
    expect(s.stopReason).toBe("exhausted");
    expect(s.roundsUsed).toBe(1);
    expect(s.toolLog[0]).toMatchObject({ tool: "reverse_phone", outcome: "miss" });
    const r = toLeadEnrichmentV1(s);
    expect(r.matched).toBe(false);
    expect(r.cost.cogs_usd).toBe(0.1); // the vendor bills misses…
    expect(r.cost.charge_usd).toBe(0); // …the caller does not pay for them
    expect(r.graph.summary_markdown).toMatch(/No match/);
  });

  it("counts a vendor fault as an error round with zero cost and carries on", async () => {
    const lead = { company: `Acme ${RESERVED_NAMES.server_error} Corp`, number1: RESERVED_PHONES.unavailable, street: `${RESERVED_NAMES.rate_limited} Main St`, city: "Tampa", state: "FL" };
    const s = await runSession(createSession({ lead, budget: 2_000_000 }), tools);
    expect(s.toolLog.length).toBe(3);
    for (const t of s.toolLog) {
      expect(t.outcome).toBe("error");
      expect(t.cost_micro_usd).toBe(0);
      expect(t.error?.kind).toBeTruthy();
    }
    expect(s.toolLog.map((t) => t.error?.reason).sort()).toEqual(["server_error", "server_error", "throttled"]);
    expect(s.cogs).toBe(0);
    expect(s.stopReason).toBe("exhausted");
    const r = toLeadEnrichmentV1(s);
    expect(r).toMatchObject({ matched: false, rounds_used: 3, cost: { charge_usd: 0 } });
    expect(r.graph.summary_markdown).toMatch(/failed/);
  });

  it("a fault in one round does not spoil the others", async () => {
    const s = await runSession(createSession({ lead: { ...MANNO, number2: RESERVED_PHONES.server_error }, budget: 2_000_000, maxRounds: 10 }), tools);
    expect(s.toolLog.some((t) => t.outcome === "error")).toBe(true);
    expect(toLeadEnrichmentV1(s).matched).toBe(true);
  });
});

describe("state", () => {
  it("is plain JSON: a session survives a storage round-trip between waves", async () => {
    let s = createSession({ lead: MANNO, budget: 2_000_000, sessionId: "ls_json" });
    while (s.status === "running") {
      s = JSON.parse(JSON.stringify(await runWave(s, tools))) as LeadSessionState;
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
    const direct = await runSession(createSession({ lead: MANNO, budget: 2_000_000, sessionId: "ls_json" }), tools);
    expect(s.toolLog.map((t) => t.input_key)).toEqual(direct.toolLog.map((t) => t.input_key));
  });

  it("runRound does not mutate its input, and nextStep explains a stop", async () => {
    const s0 = createSession({ lead: MANNO, budget: 2_000_000, maxRounds: 1 });
    const copy = structuredClone(s0);
    const s1 = await runRound(s0, tools);
    expect(s0).toEqual(copy);
    expect(s1.roundsUsed).toBe(1);
    expect(nextStep(s1)).toEqual({ stop: "max_rounds" });
  });

  it("rejects max_rounds outside 1–10", () => {
    expect(() => createSession({ lead: MANNO, budget: 2_000_000, maxRounds: 0 })).toThrow(RangeError);
    expect(() => createSession({ lead: MANNO, budget: 2_000_000, maxRounds: 11 })).toThrow(RangeError);
  });
});

/** The sandbox tools, each answer delayed (per call) and the calls in flight counted. */
function slowTools(delayMs: (name: string, n: number) => number) {
  const base = sandboxTools();
  const seen = { inFlight: 0, max: 0, calls: 0 };
  const wrap = <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    const n = seen.calls++;
    seen.inFlight++;
    seen.max = Math.max(seen.max, seen.inFlight);
    try {
      await new Promise((r) => setTimeout(r, delayMs(name, n)));
      return await f(...a);
    } finally {
      seen.inFlight--;
    }
  };
  const t: Tools = {
    phone: wrap("phone", base.phone.bind(base)),
    personByName: wrap("personByName", base.personByName.bind(base)),
    personByAddress: wrap("personByAddress", base.personByAddress.bind(base)),
    websearch: wrap("websearch", base.websearch.bind(base)),
  };
  return { tools: t, seen };
}

describe("waves: lookups that do not depend on each other run at once", () => {
  it("the seed lead's first lookups are in flight together, each still its own round and COGS", async () => {
    const { tools: slow, seen } = slowTools(() => 40);
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 5 }), slow);
    expect(seen.max).toBeGreaterThan(1);
    expect(s.roundsUsed).toBe(s.toolLog.length);
    expect(s.toolLog.map((t) => t.round)).toEqual(s.toolLog.map((_, i) => i + 1));
    const toolCogs = s.toolLog.reduce((sum, t) => sum + t.cost_micro_usd, 0);
    expect(s.cogs).toBe(toolCogs + s.summaryCogs);
  });

  it("the graph does not depend on which vendor answers first", async () => {
    const fastFirst = await runSession(createSession({ lead: MANNO, budget: 2_000_000, sessionId: "ls_order" }), slowTools((_n, i) => 5 + i * 15).tools);
    const slowFirst = await runSession(createSession({ lead: MANNO, budget: 2_000_000, sessionId: "ls_order" }), slowTools((_n, i) => 80 - i * 15).tools);
    const shape = (x: LeadSessionState) => ({ keys: x.toolLog.map((t) => t.input_key), graph: { ...x.graph, summary_markdown: "" } });
    const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, val) => (k === "observed_at" || k === "started_at" || k === "latency_ms" ? undefined : val)));
    expect(strip(shape(slowFirst))).toEqual(strip(shape(fastFirst)));
  });

  it("a wave never passes max_rounds or the budget", async () => {
    const two = nextSteps(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 2 }));
    expect("steps" in two && two.steps.length).toBe(2);
    const s = createSession({ lead: HANEY, budget: 2_000_000 });
    const wave = nextSteps(s);
    if (!("steps" in wave)) throw new Error("expected steps");
    const estimate = wave.steps.reduce((sum, st) => sum + st.estimated_cost_micro_usd, 0);
    expect(mulBps(estimate + s.pricing.summary, s.pricing.marginBps)).toBeLessThanOrEqual(s.budget);
    // A budget that pays for one lookup runs a wave of one.
    const tight = createSession({ lead: HANEY, budget: mulBps(planCandidates(s)[0]!.estimated_cost_micro_usd, s.pricing.marginBps) });
    const one = nextSteps(tight);
    expect("steps" in one && one.steps.length).toBe(1);
  });

  it("runRound is a wave of one: exactly the step nextStep names", async () => {
    const s0 = createSession({ lead: HANEY, budget: 2_000_000 });
    const planned = nextStep(s0);
    const s1 = await runRound(s0, tools);
    expect(s1.toolLog.map((t) => t.input_key)).toEqual(["step" in planned ? planned.step.key : "none"]);
  });
});
