import { env } from "cloudflare:workers";
import { verifyCallbackSignature } from "@411data/core";
import { describe, expect, it, vi } from "vitest";
import { LeadEnrichmentV1, sessionCharge } from "@411data/lead-session";
import { RESERVED_NAMES } from "@411data/vendors";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";
import { newWallet } from "./support/wallets.ts";

// Seed 001's example rows (synthetic people and businesses in the sandbox dataset).
const MANNO = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };
const HANEY = { contact_id: 81555753, company: "Haney Furniture Co", street: "30 N Beaver St", city: "New Castle", state: "PA", zip: "16101", number1: "7246547732" };
const NOBODY = { company: `Nobody ${RESERVED_NAMES.no_match}`, city: "Nowhere", state: "PA" };

const micros = (usd: number) => Math.round(usd * 1_000_000);

type Result = LeadEnrichmentV1 & {
  billing: { price_usd: number; charged_usd: number; refunded_usd: number; balance_after_usd: number | null; mode: string; matched: boolean; x402_transaction: string | null };
};

async function session(body: unknown, auth: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await postJson("/api/v1/enrich/lead-session", body, { ...auth, ...headers });
  if (res.status !== 200) throw new Error(`lead-session ${res.status}: ${await res.text()}`);
  return { res, body: (await res.json()) as Result };
}

describe("lead session on the seed leads", () => {
  it("JOSEPH B MANNO in Ridgway PA: a graph with provenance, a summary, rounds and billing", async () => {
    const agent = await fundedAgent(5);
    const { res, body } = await session({ lead: MANNO, budget_usd: 2.0, max_rounds: 5, mode: "auto" }, agent.auth);
    expect(LeadEnrichmentV1.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ schema: "lead_enrichment_v1", matched: true, status: "completed", mode: "auto", warm_seeded: false });
    expect(body.session_id).toMatch(/^ls_/);
    const joseph = body.graph.contacts.find((c) => c.full_name === "Joseph B Manno");
    expect(joseph?.is_lead_person).toBe(true);
    expect(body.graph.phones.find((p) => p.e164 === "+18147761310")?.contact_ids).toContain(joseph?.id);
    for (const node of [...body.graph.phones, ...body.graph.contacts, ...body.graph.entities]) {
      expect(node.provenance.length).toBeGreaterThan(0);
      for (const p of node.provenance) {
        expect(p.round).toBeGreaterThanOrEqual(1);
        expect(p.round).toBeLessThanOrEqual(body.rounds_used);
        expect(body.tools_run.map((t) => t.tool)).toContain(p.tool);
      }
    }
    expect(body.graph.summary_markdown).toContain("Joseph B Manno");
    expect(body.rounds_used).toBe(body.tools_run.length);
    expect(body.rounds_used).toBeGreaterThan(0);
    expect(body.rounds_used).toBeLessThanOrEqual(5);

    // What the session bills follows from its own COGS: max($1.50, COGS × 1.30), within the budget.
    const expected = sessionCharge(micros(body.cost.cogs_usd), { base: 1_500_000, marginBps: 13_000, budget: 2_000_000, matched: true });
    expect(micros(body.cost.charge_usd)).toBe(expected);
    expect(body.billing).toMatchObject({ price_usd: 1.5, charged_usd: body.cost.charge_usd, mode: "virtual_balance", matched: true });
    expect(micros(body.billing.refunded_usd)).toBe(2_000_000 - expected);
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: (5_000_000 - expected) / 1e6, held_usd: 0 }));
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ agent_id: agent.agentId, route: "/api/v1/enrich/lead-session", charged_micros: expected });
  });

  it("Haney Furniture Co in New Castle PA: researches the business and links the lead's phone", async () => {
    const agent = await fundedAgent(5);
    const { body } = await session({ lead: HANEY }, agent.auth);
    expect(body.matched).toBe(true);
    expect(body.tools_run[0]).toMatchObject({ tool: "websearch", outcome: "match" });
    const entity = body.graph.entities.find((e) => e.name === "Haney Furniture Co");
    expect(entity?.sources.length).toBeGreaterThan(0);
    expect(body.graph.phones.find((p) => p.e164 === "+17246547732")?.entity_ids).toContain(entity?.id);
    expect(body.billing.charged_usd).toBeGreaterThanOrEqual(1.5);
    expect(body.billing.charged_usd).toBeLessThanOrEqual(2);
  });

  it("free-form keys in odd casing are understood, extras ignored", async () => {
    const agent = await fundedAgent(5);
    const { body } = await session({ lead: { "COMPANY ": "Haney Furniture Co", City: "New Castle", STATE: "pa", "Zip Code": "16101", favourite_color: "teal" }, max_rounds: 1 }, agent.auth);
    expect(body.lead).toMatchObject({ business_name: "Haney Furniture Co", city: "New Castle", state: "PA", zip: "16101" });
    expect(body.matched).toBe(true);
  });
});

describe("stops", () => {
  it("max_rounds bounds the paid tool runs", async () => {
    const agent = await fundedAgent(5);
    const { body } = await session({ lead: MANNO, max_rounds: 1 }, agent.auth);
    expect(body.rounds_used).toBe(1);
    expect(body.tools_run).toHaveLength(1);
    expect(body.stop_reason).toBe("max_rounds");
  });

  it("a session that matched nothing is refunded in full", async () => {
    const agent = await fundedAgent(3);
    const { body } = await session({ lead: NOBODY }, agent.auth);
    expect(body.matched).toBe(false);
    expect(body.billing).toMatchObject({ charged_usd: 0, refunded_usd: 2, matched: false });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 3, held_usd: 0 });
  });
});

describe("budget rules (free 400s)", () => {
  it.each([
    ["above the sync cap", { budget_usd: 20.01 }, {}],
    ["below the base", { budget_usd: 1.49 }, {}],
    ["not money", { budget_usd: "lots" }, {}],
    ["header above $50", {}, { "x-session-budget-usd": "50.01" }],
    ["max_rounds 11", { max_rounds: 11 }, {}],
    ["max_rounds 0", { max_rounds: 0 }, {}],
    ["unknown mode", { mode: "turbo" }, {}],
  ])("%s → 400, nothing held or charged", async (_name, extra, headers) => {
    const agent = await fundedAgent(2);
    const res = await postJson("/api/v1/enrich/lead-session", { lead: MANNO, ...extra }, { ...agent.auth, ...headers });
    await expectEnvelope(res, 400, "VALIDATION_FAILED");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 2, held_usd: 0 });
  });

  it.each([
    ["no lead", {}],
    ["a lead that is not an object", { lead: ["x"] }],
    ["a lead with nothing to look up", { lead: { favourite_color: "teal" } }],
    ["a prompt without a session", { lead: MANNO, prompt: "dig" }],
    ["a malformed session id", { session_id: "ls_short", prompt: "dig" }],
  ])("%s → 400", async (_name, body) => {
    const agent = await fundedAgent(2);
    await expectEnvelope(await postJson("/api/v1/enrich/lead-session", body, agent.auth), 400, "VALIDATION_FAILED");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 2, held_usd: 0 });
  });

  it("the session budget header lifts the budget above $20, up to $50", async () => {
    const agent = await fundedAgent(40);
    const { body } = await session({ lead: HANEY, max_rounds: 1 }, agent.auth, { "x-session-budget-usd": "35" });
    expect(body.cost.budget_usd).toBe(35);
    expect(body.billing.charged_usd + body.billing.refunded_usd).toBe(35);
  });

  it("without a bearer: 402 with x402 accepts for the base price", async () => {
    const res = await postJson("/api/v1/enrich/lead-session", { lead: MANNO });
    const body = (await expectEnvelope(res, 402, "AGENT_TOKEN_REQUIRED")) as unknown as { accepts: { amount: string; scheme: string }[] };
    expect(body.accepts.find((a) => a.scheme === "exact")?.amount).toBe("1500000");
  });
});

describe("interactive mode", () => {
  it("offers dig_deeper and prompts; a follow-up continues the same graph with rounds and budget carried", async () => {
    const agent = await fundedAgent(10);
    const first = (await session({ lead: HANEY, mode: "interactive", max_rounds: 1, budget_usd: 5 }, agent.auth)).body;
    expect(first.status).toBe("awaiting_input");
    expect(first.dig_deeper?.length).toBeGreaterThan(0);
    expect(first.suggested_user_prompts?.length).toBeGreaterThan(0);
    const firstCharge = micros(first.billing.charged_usd);

    const prompt = first.dig_deeper![0]!.prompt;
    const second = (await session({ session_id: first.session_id, prompt, max_rounds: 2 }, agent.auth)).body;
    expect(second.session_id).toBe(first.session_id);
    expect(second.rounds_used).toBe(first.rounds_used + second.tools_run.length - first.tools_run.length);
    expect(second.rounds_used).toBeGreaterThan(first.rounds_used);
    expect(second.tools_run.slice(0, first.tools_run.length)).toEqual(first.tools_run);
    expect(second.prompts).toEqual([prompt]);
    // every node of the first turn is still there
    for (const p of first.graph.phones) expect(second.graph.phones.map((x) => x.e164)).toContain(p.e164);

    // The two turns together bill exactly the session's charge, once.
    expect(firstCharge + micros(second.billing.charged_usd)).toBe(micros(second.cost.charge_usd));
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe((10_000_000 - micros(second.cost.charge_usd)) / 1e6);
  });

  it("a follow-up on an auto session, another agent's session or an unknown id is refused", async () => {
    const owner = await fundedAgent(5);
    const other = await fundedAgent(5);
    const auto = (await session({ lead: HANEY, max_rounds: 1 }, owner.auth)).body;
    await expectEnvelope(await postJson("/api/v1/enrich/lead-session", { session_id: auto.session_id, prompt: "more" }, owner.auth), 400, "VALIDATION_FAILED");
    const interactive = (await session({ lead: HANEY, max_rounds: 1, mode: "interactive" }, owner.auth)).body;
    await expectEnvelope(await postJson("/api/v1/enrich/lead-session", { session_id: interactive.session_id, prompt: "more" }, other.auth), 404, "NOT_FOUND");
    await expectEnvelope(await postJson("/api/v1/enrich/lead-session", { session_id: "ls_000000000000000000000000", prompt: "more" }, owner.auth), 404, "NOT_FOUND");
    expect(await balanceOf(other.auth)).toMatchObject({ virtual_balance_usd: 5, held_usd: 0 });
  });

  it("two concurrent follow-ups on one session run one after the other, never interleaved or billed twice", async () => {
    const agent = await fundedAgent(20);
    const first = (await session({ lead: MANNO, mode: "interactive", max_rounds: 1, budget_usd: 10 }, agent.auth)).body;
    const [a, b] = await Promise.all([
      session({ session_id: first.session_id, prompt: first.suggested_user_prompts![0]!, max_rounds: 1 }, agent.auth),
      session({ session_id: first.session_id, prompt: "Who else lives there?", max_rounds: 1 }, agent.auth),
    ]);
    const [early, late] = a.body.rounds_used < b.body.rounds_used ? [a.body, b.body] : [b.body, a.body];
    // Each turn added its own round on top of the one before it.
    expect(early.rounds_used).toBe(first.rounds_used + 1);
    expect(late.rounds_used).toBe(early.rounds_used + 1);
    expect(late.tools_run.slice(0, early.tools_run.length)).toEqual(early.tools_run);
    expect(late.prompts).toHaveLength(2);
    const billed = micros(first.billing.charged_usd) + micros(a.body.billing.charged_usd) + micros(b.body.billing.charged_usd);
    expect(billed).toBe(micros(late.cost.charge_usd));
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe((20_000_000 - billed) / 1e6);
  });
});

describe("warm seed", () => {
  it("a recent hunt of the same lead seeds the graph, so the re-run needs fewer rounds", async () => {
    const agent = await fundedAgent(10);
    const cold = (await session({ lead: MANNO }, agent.auth)).body;
    expect(cold.warm_seeded).toBe(false);
    // Same lead, different spelling of the row.
    const warm = (await session({ lead: { ...MANNO, company: "Joseph B. Manno", city: "Ridgway" } }, agent.auth)).body;
    expect(warm.warm_seeded).toBe(true);
    expect(warm.warm_seed_at).not.toBeNull();
    expect(warm.rounds_used).toBeLessThan(cold.rounds_used);
    const seeded = warm.graph.contacts.find((c) => c.full_name === "Joseph B Manno");
    expect(seeded?.provenance.some((p) => p.tool === "warm_seed")).toBe(true);
    // Another agent's hunt never seeds this one.
    const stranger = await fundedAgent(5);
    expect((await session({ lead: MANNO }, stranger.auth)).body.warm_seeded).toBe(false);
  });
});

describe("x402 path", () => {
  it("an anonymous exact payment of the base runs a session capped at the base and settles on match", async () => {
    const payer = await newWallet(5);
    const before = await usdcOf(payer.address);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/lead-session", { lead: HANEY, budget_usd: 5 });
    expect(res.status).toBe(200);
    const result = (await res.json()) as Result;
    expect(result.matched).toBe(true);
    expect(result.billing).toMatchObject({ mode: "x402_exact", charged_usd: 1.5, matched: true });
    expect(result.billing.x402_transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.cost.budget_usd).toBe(1.5);
    expect(before - (await usdcOf(payer.address))).toBe(1_500_000n);
  });

  it("a no-match paid by x402 never settles", async () => {
    const payer = await newWallet(5);
    const before = await usdcOf(payer.address);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/lead-session", { lead: NOBODY });
    expect(((await res.json()) as Result).billing).toMatchObject({ mode: "x402_exact", charged_usd: 0, matched: false, x402_transaction: null });
    expect(await usdcOf(payer.address)).toBe(before);
  });
});

describe("lead.session_completed", () => {
  it("the owner's subscribers receive each finished turn, signed, with the graph and billing", async () => {
    const agent = await fundedAgent(5);
    const receiver = `http://127.0.0.1:${env.CALLBACKS_LOOPBACK_PORTS}`;
    const inbox = `ls${crypto.randomUUID().replaceAll("-", "")}`;
    const created = await postJson("/api/v1/agents/callbacks", { url: `${receiver}/hook/${inbox}/ok`, events: ["lead.session_completed"] }, agent.auth);
    expect(created.status).toBe(201);
    const { signing_secret } = (await created.json()) as { signing_secret: string };

    const { body } = await session({ lead: HANEY, max_rounds: 1 }, agent.auth);
    const [got] = await vi.waitUntil(
      async () => {
        const list = (await (await fetch(`${receiver}/inbox/${inbox}`)).json()) as { headers: Record<string, string>; body: string }[];
        return list.length > 0 ? list : false;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(await verifyCallbackSignature(signing_secret, got!.headers["x-411-signature"] ?? null, got!.body)).toBe(true);
    const event = JSON.parse(got!.body) as { type: string; agent_id: string; data: Result & { turn: number } };
    expect(event).toMatchObject({ type: "lead.session_completed", agent_id: agent.agentId });
    expect(event.data).toMatchObject({ session_id: body.session_id, turn: 1, matched: true, billing: body.billing });
    expect(event.data.graph).toEqual(body.graph);
  });
});

describe("catalog tier", () => {
  const SWITCH = "/api/v1/operator/catalog-routes";
  const OPERATOR = { "x-operator-secret": "test-operator-secret" };

  it("with enrich/company switched on, a session adds firmographics to the business", async () => {
    const agent = await fundedAgent(5);
    const off = (await session({ lead: HANEY, max_rounds: 10 }, agent.auth)).body;
    expect(off.tools_run.map((t) => t.tool)).not.toContain("company");
    expect((await postJson(SWITCH, { routes: ["enrich.company"], enabled: true, memo: "lead-session test" }, OPERATOR)).status).toBe(200);
    try {
      const other = await fundedAgent(5); // no warm seed from the first run
      const on = (await session({ lead: HANEY, max_rounds: 10 }, other.auth)).body;
      const run = on.tools_run.find((t) => t.tool === "company");
      expect(run).toMatchObject({ outcome: "match", vendor: "peopledatalabs" });
      const entity = on.graph.entities.find((e) => e.name === "Haney Furniture Co");
      expect(entity?.provenance.some((p) => p.tool === "company")).toBe(true);
      expect(entity?.addresses.length).toBeGreaterThan(0);
    } finally {
      await postJson(SWITCH, { routes: ["enrich.company"], enabled: null, memo: "lead-session test done" }, OPERATOR);
    }
  });
});
