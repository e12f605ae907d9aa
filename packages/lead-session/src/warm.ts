import { graphInputKeys } from "./graph.ts";
import { LeadGraph, type NodeProvenance } from "./graph-schema.ts";
import type { LeadSessionState } from "./state.ts";

// agent_cache (SPEC §5): a recent hunt of the same lead (same leadIdentityKey) seeds the session,
// so the planner starts from what is known and skips the inputs already paid for.

export type WarmSeedOptions = {
  /** toolKey()s the earlier session ran, including misses (which left no node behind). */
  triedKeys?: string[];
  /** Ignore a prior result older than this. */
  maxAgeMs?: number;
  now?: Date;
};

function reseed(p: NodeProvenance): NodeProvenance {
  return {
    tool: "warm_seed", round: 0, source: p.source, observed_at: p.observed_at, confidence: p.confidence,
    input_key: p.input_key, seeded_from: p.tool === "warm_seed" ? (p.seeded_from ?? null) : p.tool,
  };
}

function dedupe(list: NodeProvenance[]): NodeProvenance[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = JSON.stringify([p.seeded_from, p.source, p.input_key, p.observed_at]);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * Seeds a fresh session from an earlier graph. A graph that is stale or not a valid
 * lead_enrichment_v1 graph (an old stored shape) is a cache miss: the state comes back unchanged.
 */
export function warmSeed(state: LeadSessionState, priorGraph: unknown, priorAt: string | Date, opts: WarmSeedOptions = {}): LeadSessionState {
  if (state.roundsUsed > 0) throw new Error("warmSeed must run before the first round");
  const at = typeof priorAt === "string" ? new Date(priorAt) : priorAt;
  if (Number.isNaN(at.getTime())) return state;
  if (opts.maxAgeMs !== undefined && (opts.now ?? new Date()).getTime() - at.getTime() > opts.maxAgeMs) return state;
  const parsed = LeadGraph.safeParse(priorGraph);
  if (!parsed.success) return state;
  const prior = parsed.data;

  const s = structuredClone(state);
  const lead = s.lead;
  s.graph = {
    phones: prior.phones.map((p) => ({
      ...p, from_lead: p.e164 === lead.phone || lead.other_phones.includes(p.e164), provenance: dedupe(p.provenance.map(reseed)),
    })),
    contacts: prior.contacts.map((c) => ({ ...c, provenance: dedupe(c.provenance.map(reseed)) })),
    entities: prior.entities.map((e) => ({ ...e, provenance: dedupe(e.provenance.map(reseed)) })),
    summary_markdown: "",
  };
  const keys = new Set([...s.triedKeys, ...graphInputKeys(prior), ...(opts.triedKeys ?? [])]);
  s.triedKeys = [...keys];
  s.warmSeeded = true;
  s.warmSeed = {
    at: at.toISOString(),
    node_count: prior.phones.length + prior.contacts.length + prior.entities.length,
    input_keys: keys.size,
  };
  return s;
}
