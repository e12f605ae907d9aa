import { z } from "zod";
import { toUsd } from "@411data/core";
import { chargeBreakdown } from "./billing.ts";
import { graphFound, graphMatched } from "./graph.ts";
import { ContactNode, EntityNode, PhoneNode, ToolName } from "./graph-schema.ts";
import { digDeeper, suggestedUserPrompts } from "./interactive.ts";
import { NormalizedLead } from "./lead.ts";
import type { LeadSessionState } from "./state.ts";
import { describeInput } from "./tools.ts";

// What POST /api/v1/enrich/lead-session returns (and a lead-session job's `result`). USD amounts
// are display numbers derived from the µUSD integers the state keeps.

const Usd = z.number().describe("USD, for display; computed from integer micro-USD");

export const ToolRun = z.object({
  round: z.number().int(),
  tool: ToolName,
  input: z.string(),
  reason: z.string(),
  outcome: z.enum(["match", "miss", "error"]),
  cost_usd: Usd,
  latency_ms: z.number(),
  vendor: z.string().nullable(),
  nodes_added: z.number().int(),
  error: z.object({ kind: z.string(), reason: z.string(), message: z.string() }).optional(),
});

export const DigDeeperItem = z.object({
  tool: ToolName,
  input: z.string(),
  reason: z.string(),
  estimated_cost_usd: Usd,
  affordable: z.boolean(),
  prompt: z.string().describe("Send this as a follow-up prompt to run the step"),
});

export const LeadEnrichmentV1 = z.object({
  schema: z.literal("lead_enrichment_v1"),
  session_id: z.string(),
  matched: z.boolean(),
  status: z.enum(["running", "awaiting_input", "completed"]),
  mode: z.enum(["auto", "interactive"]),
  lead: NormalizedLead,
  graph: z.object({
    phones: z.array(PhoneNode),
    contacts: z.array(ContactNode),
    entities: z.array(EntityNode),
    summary_markdown: z.string(),
  }),
  rounds_used: z.number().int(),
  max_rounds: z.number().int(),
  tools_run: z.array(ToolRun),
  stop_reason: z.enum(["max_rounds", "budget", "exhausted", "time_limit", "aborted"]).nullable(),
  warm_seeded: z.boolean(),
  warm_seed_at: z.string().nullable(),
  cost: z.object({
    cogs_usd: Usd,
    summary_cogs_usd: Usd,
    base_usd: Usd,
    margin: z.number().describe("markup on COGS, e.g. 1.3"),
    budget_usd: Usd,
    charge_usd: Usd.describe("what the session bills: max(base, COGS × margin), capped at budget; 0 when the session found nothing of its own (no match, or a warm re-run that added nothing)"),
    true_up_usd: Usd,
    capped_by_budget: z.boolean(),
  }),
  dig_deeper: z.array(DigDeeperItem).optional(),
  suggested_user_prompts: z.array(z.string()).optional(),
  prompts: z.array(z.string()).optional(),
});
export type LeadEnrichmentV1 = z.infer<typeof LeadEnrichmentV1>;

export function toLeadEnrichmentV1(state: LeadSessionState): LeadEnrichmentV1 {
  const matched = graphMatched(state.graph);
  const p = state.pricing;
  const bill = chargeBreakdown(state.cogs, { base: p.base, marginBps: p.marginBps, budget: state.budget, matched: graphFound(state.graph) });
  const out: LeadEnrichmentV1 = {
    schema: "lead_enrichment_v1",
    session_id: state.sessionId,
    matched,
    status: state.status,
    mode: state.mode,
    lead: state.lead,
    graph: state.graph,
    rounds_used: state.roundsUsed,
    max_rounds: state.maxRounds,
    tools_run: state.toolLog.map((t) => ({
      round: t.round, tool: t.tool, input: describeInput(t.input), reason: t.reason, outcome: t.outcome,
      cost_usd: toUsd(t.cost_micro_usd), latency_ms: t.latency_ms, vendor: t.vendor, nodes_added: t.nodes_added,
      ...(t.error ? { error: { kind: t.error.kind, reason: t.error.reason, message: t.error.message } } : {}),
    })),
    stop_reason: state.stopReason,
    warm_seeded: state.warmSeeded,
    warm_seed_at: state.warmSeed?.at ?? null,
    cost: {
      cogs_usd: toUsd(state.cogs),
      summary_cogs_usd: toUsd(state.summaryCogs),
      base_usd: toUsd(p.base),
      margin: p.marginBps / 10_000,
      budget_usd: toUsd(state.budget),
      charge_usd: toUsd(bill.charge),
      true_up_usd: toUsd(bill.true_up),
      capped_by_budget: bill.capped_by_budget,
    },
  };
  if (state.mode === "interactive") {
    out.dig_deeper = digDeeper(state).map((d) => ({
      tool: d.tool, input: d.description, reason: d.reason, estimated_cost_usd: d.estimated_cost_usd, affordable: d.affordable, prompt: d.prompt,
    }));
    out.suggested_user_prompts = suggestedUserPrompts(state);
    out.prompts = state.prompts.map((x) => x.prompt);
  }
  return out;
}

/** The integer charge the DO captures for this session (same rule as the cost block). */
export function sessionChargeMicros(state: LeadSessionState): number {
  return chargeBreakdown(state.cogs, {
    base: state.pricing.base, marginBps: state.pricing.marginBps, budget: state.budget, matched: graphFound(state.graph),
  }).charge;
}
