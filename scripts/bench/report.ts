// One table for a benchmark run, and the derived ratios next to the targets in issue #21.
import type { BatchBenchResult } from "./batch.ts";
import type { QueueResult } from "./jobs.ts";
import type { LeadSessionBench } from "./lead-session.ts";
import type { LoadResult } from "./load.ts";
import { mcpRatio } from "./mcp.ts";
import { table } from "./table.ts";
import { printX402, type X402Compare, x402Targets } from "./x402-compare.ts";

export interface Report {
  at: string;
  machine: { cpus: number; node: string };
  sizes: Record<string, number>;
  runs: Record<string, LoadResult>;
  queue: QueueResult;
  batches?: BatchBenchResult[];
  memory: Record<string, { pid: number; peakKb: number; rssKb: number }[]>;
  leadSession?: LeadSessionBench;
  x402?: X402Compare;
  durationSec: number;
  derived?: Derived[];
}

interface Derived {
  metric: string;
  value: string;
  target: string;
  met: boolean | null;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : "—");
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

const LABELS: Record<string, string> = {
  bareSequential: "GET /healthz (bare), 1 connection",
  authSequential: "GET /agents/balance (bearer, 1 DO call), 1 connection",
  paidSequential: "POST /enrich/phone, 1 agent, 1 connection",
  bare: "GET /healthz (bare)",
  paidOneAgent: "POST /enrich/phone, 1 agent",
  paidSpread: "POST /enrich/phone, 50 agents",
  websearchSequential: "POST /enrich/websearch, 1 connection",
  paidSlowVendor: "POST /enrich/phone, vendor at 1000 ms",
  paidSlowSequential: "POST /enrich/phone, vendor at 1000 ms, 1 connection",
  restToolSequential: "POST /enrich/phone (fetch), alternating with MCP, 1 connection",
  mcpToolSequential: "MCP tools/call enrich_phone (SDK client), 1 connection",
};

export function derive(r: Report): Derived[] {
  const { runs, queue } = r;
  const out: Derived[] = [];
  const add = (metric: string, value: string, target: string, met: boolean | null) => out.push({ metric, value, target, met });
  const tput1 = runs.paidOneAgent!.rps / runs.bare!.rps;
  const tput50 = runs.paidSpread!.rps / runs.bare!.rps;
  add("paid/bare throughput, 1 agent", pct(tput1), "≥ 70 %", tput1 >= 0.7);
  add("paid/bare throughput, 50 agents", pct(tput50), "≥ 70 %", tput50 >= 0.7);
  const added = runs.paidSequential!.p50 - runs.bareSequential!.p50;
  add("p50 added by a paid call (1 connection)", ms(added), "≤ 3 ms", added <= 3);
  const vendorShare = runs.paidSequential!.vendorP50;
  if (vendorShare !== undefined) add("  of which the sandbox vendor itself (metadata.latency_ms p50)", ms(vendorShare), "(informative)", null);
  add("p50 added under load, 1 agent", ms(runs.paidOneAgent!.p50 - runs.bare!.p50), "(informative)", null);
  add("p50 added under load, 50 agents", ms(runs.paidSpread!.p50 - runs.bare!.p50), "(informative)", null);
  const vendor = r.sizes.vendorLatencyMs!;
  const shareOf = (run: LoadResult) => (run.p50 - vendor) / run.p50;
  const one = runs.paidSlowSequential!;
  add(`platform share of a ${vendor} ms vendor call (p50, 1 connection)`, `${pct(shareOf(one))} (${ms(one.p50 - vendor)} of ${ms(one.p50)})`, "≤ 0.5 %", shareOf(one) <= 0.005);
  const busy = runs.paidSlowVendor!;
  add(`  the same with 10 calls at once on one agent`, `${pct(shareOf(busy))} (${ms(busy.p50 - vendor)} of ${ms(busy.p50)})`, "(informative)", null);
  if (queue.available) {
    // N jobs submitted at once form a backlog, so one job's latency is mostly its place in line;
    // the queue's own cost is its time per job against the sync route's, one call at a time.
    const perJob = (queue.wallSec * 1000) / queue.jobs;
    const sync = 1000 / runs.websearchSequential!.rps;
    add("queue time per job, in all (wall ÷ jobs)", ms(perJob), "(informative)", null);
    add("queue overhead per job (wall ÷ jobs − sync websearch per call)", ms(perJob - sync), "≤ 50 ms", perJob - sync <= 50);
    add("one job's submit → completed behind the backlog (p50)", ms(queue.perJob.p50), "(informative)", null);
    add(`queued websearch jobs per second (${queue.jobs} at once)`, queue.jobsPerSec.toFixed(1), "≥ 200", queue.jobsPerSec >= 200);
  } else {
    add("queue overhead per job", "not available", "≤ 50 ms", null);
  }
  if (r.leadSession) {
    const l = r.leadSession;
    add(`lead session wall ÷ critical path (seed lead, ${l.rounds} rounds, vendors 1.5 s / websearch 8 s)`, `${l.waves_over_critical_path}× (${(l.waves_ms / 1000).toFixed(1)} s of ${(l.critical_path_ms / 1000).toFixed(1)} s)`, "≤ 1.3×", l.waves_over_critical_path <= 1.3);
    add("  the same one lookup at a time (before waves)", `${l.sequential_over_critical_path}× (${(l.sequential_ms / 1000).toFixed(1)} s)`, "(informative)", null);
  }
  const viaMcp = mcpRatio(runs);
  if (viaMcp) add("MCP tool call / the same REST call (p50, 1 connection)", `${viaMcp.ratio.toFixed(2)}× (+${ms(viaMcp.addedMs)})`, "(informative)", null);
  if (r.x402?.available) for (const t of x402Targets(r.x402)) add(t.metric, t.value, t.target, t.met);
  else if (r.x402) add("x402 side by side", `not available: ${r.x402.reason}`, "", null);
  const peak = Math.max(0, ...Object.values(r.memory).map((list) => list.reduce((s, p) => s + p.peakKb, 0)));
  add("peak resident memory of workerd", `${(peak / 1024).toFixed(0)} MiB`, "(informative)", null);
  return out;
}

export function printReport(r: Report): void {
  r.derived = derive(r);
  const runRows = Object.entries(r.runs).map(([key, run]) => [
    LABELS[key] ?? key,
    String(run.requests),
    String(run.connections),
    run.rps.toFixed(0),
    ms(run.p50),
    ms(run.p99),
    String(run.non2xx + run.errors),
  ]);
  const q = r.queue;
  const queueRows = q.available
    ? [[
        `${q.jobs} websearch jobs (queue)`,
        `${q.completed} done / ${q.failed} failed / ${q.unfinished} unfinished`,
        `${q.jobsPerSec.toFixed(1)} jobs/s, ${q.wallSec.toFixed(1)} s in all`,
        `per job p50 ${ms(q.perJob.p50)}, p99 ${ms(q.perJob.p99)}`,
        `queue wait p50 ${ms(q.queueWait.p50)}, p99 ${ms(q.queueWait.p99)}`,
      ]]
    : [[`websearch jobs (queue)`, "not available", q.reason, "", ""]];
  const memRows = Object.entries(r.memory).map(([name, list]) => [
    `workerd (${name})`,
    list.map((p) => `pid ${p.pid}: peak ${(p.peakKb / 1024).toFixed(0)} MiB, now ${(p.rssKb / 1024).toFixed(0)} MiB`).join("; ") || "not found",
  ]);

  console.log(`\n411data benchmark — ${r.at} — ${r.machine.cpus} CPUs, Node ${r.machine.node}, ${r.durationSec} s\n`);
  console.log(table(["run", "requests", "conns", "req/s", "p50", "p99", "non-2xx"], runRows));
  console.log();
  console.log(table(["queue", "jobs", "throughput", "submit → completed", "waiting in the queue"], queueRows));
  console.log();
  console.log(table(["memory", "resident"], memRows));
  console.log();
  if (r.x402) printX402(r.x402);
  console.log(table(["measure", "value", "target", "met"], r.derived.map((d) => [d.metric, d.value, d.target, d.met === null ? "" : d.met ? "yes" : "no"])));
  console.log();
}
