// Lead-session wall time against its critical path, on the package itself with the sandbox
// vendors at realistic latencies (person and phone lookups 1.5 s, web research 8 s). The same lead
// runs twice: one lookup at a time (waves of one, what sessions did before) and in waves (the
// default). The critical path is the longest chain of lookups where each needed an earlier one's
// answer (a phone or name first seen in that round's results); no schedule can beat it.
import { createSession, runSession, toolsFromVendors, type LeadSessionState, type Tools } from "@411data/lead-session";
import { createVendors } from "@411data/vendors";

const LATENCY_MS: Record<string, number> = { phone: 1500, personByName: 1500, personByAddress: 1500, personByEmail: 1500, websearch: 8000, company: 1500 };
const TOOL_LATENCY: Record<string, number> = { reverse_phone: 1500, person_by_name: 1500, person_by_address: 1500, person_by_email: 1500, websearch: 8000, company: 1500 };

/** The seed lead of the README (a business with a phone and an address). */
const SEED_LEAD = { contact_id: 81555753, company: "Haney Furniture Co", street: "30 N Beaver St", city: "New Castle", state: "PA", zip: "16101", number1: "7246547732" };

function delayed(base: Tools): Tools {
  const wrap = (name: string, f: ((...a: any[]) => Promise<any>) | undefined) =>
    f && (async (...a: any[]) => {
      await new Promise((r) => setTimeout(r, LATENCY_MS[name]));
      return f(...a);
    });
  return Object.fromEntries(Object.entries(base).map(([k, f]) => [k, wrap(k, (f as any)?.bind(base))])) as unknown as Tools;
}

/** Longest dependency chain (ms): a step waits for the round whose answer first held its input. */
export function criticalPathMs(s: LeadSessionState): number {
  const firstRound = (needle: string): number => {
    let best = Number.POSITIVE_INFINITY;
    for (const node of [...s.graph.phones, ...s.graph.contacts, ...s.graph.entities] as { provenance: { round: number }[] }[]) {
      if (!JSON.stringify(node).includes(needle)) continue;
      for (const p of node.provenance) if (p.round > 0) best = Math.min(best, p.round);
    }
    return best;
  };
  const leadText = JSON.stringify(s.lead);
  const finish = new Map<number, number>();
  for (const t of s.toolLog) {
    const input = t.input as any;
    const needle: string = input.phone ?? input.email ?? input.query?.name ?? input.query?.street ?? input.query?.business_name ?? "";
    const fromLead = needle === "" || leadText.toLowerCase().includes(needle.replace(/^\+1/, "").toLowerCase());
    const dep = fromLead ? 0 : firstRound(needle);
    const start = dep > 0 && dep < t.round ? (finish.get(dep) ?? 0) : 0;
    finish.set(t.round, start + TOOL_LATENCY[t.tool]!);
  }
  return Math.max(0, ...finish.values());
}

export interface LeadSessionBench {
  rounds: number;
  sequential_ms: number;
  waves_ms: number;
  critical_path_ms: number;
  waves_over_critical_path: number;
  sequential_over_critical_path: number;
}

export async function leadSessionBench(): Promise<LeadSessionBench> {
  const tools = delayed(toolsFromVendors(createVendors({})));
  const run = async (waveSize: number) => {
    const started = performance.now();
    const s = await runSession(createSession({ lead: SEED_LEAD, budget: 20_000_000, maxRounds: 5, sessionId: "ls_bench" }), tools, { waveSize });
    return { ms: performance.now() - started, s };
  };
  const seq = await run(1);
  const waves = await run(4);
  const cp = criticalPathMs(waves.s);
  return {
    rounds: waves.s.roundsUsed,
    sequential_ms: Math.round(seq.ms),
    waves_ms: Math.round(waves.ms),
    critical_path_ms: cp,
    waves_over_critical_path: Number((waves.ms / cp).toFixed(2)),
    sequential_over_critical_path: Number((seq.ms / cp).toFixed(2)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await leadSessionBench(), null, 2));
}
