// `pnpm bench`: starts the product as `pnpm dev` does (local chain, D1 migrations, `wrangler dev`
// with sandbox vendors), but on free ports with its own throwaway state, so a running dev server is
// never disturbed. It mints and funds agents like a client, drives load from this process with
// autocannon (a fixed number of requests over a fixed number of connections), then prints one
// table and writes it to bench/results/latest.json. Absolute numbers on a shared machine are
// noise; the ratios between runs of one invocation are the result.
//
// The x402 side by side (scripts/bench/x402-compare.ts) has its own BENCH_X402_* sizes.
// Sizes: BENCH_REQUESTS (2000 per load run), BENCH_CONNECTIONS (50), BENCH_SEQUENTIAL (300),
// BENCH_LATENCY_REQUESTS (200), BENCH_SLOW_SEQUENTIAL (20), BENCH_JOBS (1000), BENCH_JOBS_TIMEOUT_SEC (150),
// BENCH_BATCH_ROWS (10000). BENCH_ONLY=batch runs only the CSV batch; BENCH_ONLY=hotpath only the
// bare/paid runs (latency, load, the slow vendor's share), the figures a hot-path change moves;
// BENCH_ONLY=queue only the queued websearch jobs (and a lead-session job behind them). BENCH_KEEP_STATE=1
// keeps the state directory (Worker logs, local D1) for a look afterwards.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BenchAgent, mintFundedAgent } from "./bench/agents.ts";
import { batchBench, type BatchBenchResult, printBatch } from "./bench/batch.ts";
import { laneBench, printQueue, queueBench } from "./bench/jobs.ts";
import { leadSessionBench } from "./bench/lead-session.ts";
import { load, type LoadResult, sequential } from "./bench/load.ts";
import { mcpVsRest } from "./bench/mcp.ts";
import { applyMigrations, type ChainInfo, freePort, root, startChain, startWorker, stop, workerdMemory } from "./bench/processes.ts";
import { printReport, type Report } from "./bench/report.ts";
import { x402Compare } from "./bench/x402-compare.ts";

const size = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};
const REQUESTS = size("BENCH_REQUESTS", 2000);
const CONNECTIONS = size("BENCH_CONNECTIONS", 50);
const SEQUENTIAL = size("BENCH_SEQUENTIAL", 300);
const LATENCY_REQUESTS = size("BENCH_LATENCY_REQUESTS", 200);
const SLOW_SEQUENTIAL = size("BENCH_SLOW_SEQUENTIAL", 20);
const JOBS = size("BENCH_JOBS", 1000);
const JOBS_TIMEOUT_SEC = size("BENCH_JOBS_TIMEOUT_SEC", 150);
const BATCH_ROWS = size("BENCH_BATCH_ROWS", 10_000);
const BATCH_TIMEOUT_SEC = 300;
const SPREAD_AGENTS = 50;
const VENDOR_LATENCY_MS = 1000;

const PHONE = { phone: "+17242060094" }; // a sandbox number that always matches
const WEBSEARCH = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };

const state = mkdtempSync(path.join(os.tmpdir(), "411data-bench-"));
const persistDir = path.join(state, "wrangler-state");
const running = new Set<ChildProcess>();
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of [...running].reverse()) await stop(child);
    running.clear();
    if (process.env.BENCH_KEEP_STATE === "1") log(`state kept in ${state}`);
    else rmSync(state, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's processes`);
    void cleanup().then(() => process.exit(130));
  });
}

const log = (msg: string) => console.log(`[bench] ${msg}`);

/** The Worker's vars and secrets for one instance, replacing the developer's `.dev.vars`. */
function envFile(name: string, chain: ChainInfo, port: number, operatorSecret: string, vendorLatencyMs: number): string {
  const file = path.join(state, `${name}.env`);
  const vars = {
    PUBLIC_BASE_URL: `http://localhost:${port}`,
    CHAIN_RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(chain.chainId),
    USDC_ADDRESS: chain.usdc,
    PAY_TO_ADDRESS: chain.payTo,
    // anvil's published dev key: the in-process facilitator's gas payer on this throwaway chain.
    FACILITATOR_PRIVATE_KEY: chain.facilitator.privateKey,
    OPERATOR_SECRET: operatorSecret,
    SANDBOX_LATENCY_MS: String(vendorLatencyMs),
    // The per-agent quota (600/min by default) would turn a load test on one agent into a 429 test.
    AGENT_QUOTA_PER_MIN: "1000000",
  };
  writeFileSync(file, Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
  return file;
}

async function worker(name: string, chain: ChainInfo, operatorSecret: string, vendorLatencyMs: number) {
  const port = await freePort();
  const child = await startWorker({
    port,
    inspectorPort: await freePort(),
    persistDir,
    envFile: envFile(name, chain, port, operatorSecret, vendorLatencyMs),
    logFile: path.join(state, `${name}.log`),
  });
  running.add(child);
  return { child, base: `http://127.0.0.1:${port}` };
}

async function inBatches<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += width) out.push(...(await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => make(i + j)))));
  return out;
}

async function main() {
  const began = Date.now();
  log(`state in ${state}`);
  const chain = await startChain(await freePort());
  running.add(chain.child);
  log(`local chain ${chain.info.rpcUrl}`);
  applyMigrations(persistDir);

  const operatorSecret = randomBytes(24).toString("hex");
  if (process.env.BENCH_ONLY === "batch") return batchOnly(chain.info, operatorSecret, began);
  if (process.env.BENCH_ONLY === "hotpath") return hotpathOnly(chain.info, operatorSecret, began);
  if (process.env.BENCH_ONLY === "queue") return queueOnly(chain.info, operatorSecret, began);
  const fast = await worker("vendors-0ms", chain.info, operatorSecret, 0);
  log(`wrangler dev (sandbox vendors at 0 ms) on ${fast.base}`);

  // Agent 0 carries the single-agent runs, 1…50 the spread run, the last one the jobs.
  const agents: BenchAgent[] = await inBatches(SPREAD_AGENTS + 2, 8, (i) => mintFundedAgent(fast.base, chain.info, operatorSecret, "100000", i));
  const [one, ...rest] = agents;
  const spread = rest.slice(0, SPREAD_AGENTS);
  const jobsAgent = rest[SPREAD_AGENTS]!;
  log(`minted and funded ${agents.length} agents`);

  const runs = await hotPathRuns(fast.base, one!.token, spread.map((a) => a.token));
  Object.assign(runs, await mcpVsRest(fast.base, one!.token, SEQUENTIAL));
  runs.websearchSequential = await sequential({ url: `${fast.base}/api/v1/enrich/websearch`, method: "POST", body: WEBSEARCH, bearers: [one!.token], requests: 50 });

  log("x402: 411data side by side with the @x402/hono reference on Node and in workerd");
  const x402 = await x402Compare(fast.base, chain.info, log);

  log(`queue: ${JOBS} websearch jobs`);
  const queue = await queueBench(fast.base, jobsAgent.token, JOBS, JOBS_TIMEOUT_SEC);
  log(`batch: ${BATCH_ROWS} phone rows`);
  const batches = [await batchBench(fast.base, jobsAgent.token, BATCH_ROWS, 0, BATCH_TIMEOUT_SEC)];
  const memoryFast = workerdMemory(fast.child.pid!);
  await stop(fast.child);
  running.delete(fast.child);

  const slow = await worker(`vendors-${VENDOR_LATENCY_MS}ms`, chain.info, operatorSecret, VENDOR_LATENCY_MS);
  log(`wrangler dev (sandbox vendors at ${VENDOR_LATENCY_MS} ms) on ${slow.base}`);
  Object.assign(runs, await slowVendorRuns(slow.base, one!.token));
  batches.push(await batchBench(slow.base, jobsAgent.token, BATCH_ROWS, VENDOR_LATENCY_MS, BATCH_TIMEOUT_SEC));
  const memorySlow = workerdMemory(slow.child.pid!);
  log("lead session: the seed lead, vendors at realistic latencies, one lookup at a time vs in waves");
  const leadSession = await leadSessionBench();

  const report: Report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    sizes: { requests: REQUESTS, connections: CONNECTIONS, sequential: SEQUENTIAL, latencyRequests: LATENCY_REQUESTS, jobs: JOBS, spreadAgents: SPREAD_AGENTS, vendorLatencyMs: VENDOR_LATENCY_MS },
    runs,
    queue,
    batches,
    memory: { vendors0ms: memoryFast, [`vendors${VENDOR_LATENCY_MS}ms`]: memorySlow },
    leadSession,
    x402,
    durationSec: 0,
  };
  await cleanup();
  report.durationSec = Math.round((Date.now() - began) / 1000);
  printReport(report);
  printBatch(batches);
  writeResult("latest.json", report);
  log(`written to bench/results/latest.json (${report.durationSec} s)`);
}

/** Writes one result file under bench/results/, where a script can check it. */
function writeResult(name: string, result: unknown): void {
  const out = path.join(root, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, name), JSON.stringify(result, null, 2) + "\n");
}

/** Bare route against a paid one: one call at a time, then under load on one agent and on many. */
async function hotPathRuns(base: string, bearer: string, spread: string[]): Promise<Record<string, LoadResult>> {
  const health = { url: `${base}/healthz` };
  const phone = { url: `${base}/api/v1/enrich/phone`, method: "POST" as const, body: PHONE };
  // Warm-up: compile paths and open connections before anything is measured.
  await load({ ...health, requests: 500, connections: 10 });
  await load({ ...phone, bearers: [bearer], requests: 300, connections: 10 });

  const runs: Record<string, LoadResult> = {};
  log("sequential latency (1 connection)");
  runs.bareSequential = await sequential({ ...health, requests: SEQUENTIAL });
  // Between the two: bearer auth and one AgentAccount call, no money moved, no vendor.
  runs.authSequential = await sequential({ url: `${base}/api/v1/agents/balance`, bearers: [bearer], requests: SEQUENTIAL });
  runs.paidSequential = await sequential({ ...phone, bearers: [bearer], requests: SEQUENTIAL });
  log(`load: ${REQUESTS} requests over ${CONNECTIONS} connections each`);
  runs.bare = await load({ ...health, requests: REQUESTS, connections: CONNECTIONS });
  runs.paidOneAgent = await load({ ...phone, bearers: [bearer], requests: REQUESTS, connections: CONNECTIONS });
  runs.paidSpread = await load({ ...phone, bearers: spread, requests: REQUESTS, connections: CONNECTIONS });
  return runs;
}

/** What the platform adds to a slow vendor call, with 10 calls at once and one at a time. */
async function slowVendorRuns(base: string, bearer: string): Promise<Record<string, LoadResult>> {
  const slowPhone = { url: `${base}/api/v1/enrich/phone`, method: "POST" as const, body: PHONE, bearers: [bearer] };
  await load({ ...slowPhone, requests: 20, connections: 10 });
  return {
    paidSlowVendor: await load({ ...slowPhone, requests: LATENCY_REQUESTS, connections: 10 }),
    // One call at a time: the platform's share without queueing behind others.
    paidSlowSequential: await load({ ...slowPhone, requests: SLOW_SEQUENTIAL, connections: 1 }),
  };
}

/** BENCH_ONLY=hotpath: the bare and paid runs alone (both vendor latencies), with their targets. */
async function hotpathOnly(chain: ChainInfo, operatorSecret: string, began: number) {
  const fast = await worker("vendors-0ms", chain, operatorSecret, 0);
  const agents = await inBatches(SPREAD_AGENTS + 1, 8, (i) => mintFundedAgent(fast.base, chain, operatorSecret, "100000", i));
  const [one, ...spread] = agents;
  log(`minted and funded ${agents.length} agents`);
  const runs = await hotPathRuns(fast.base, one!.token, spread.map((a) => a.token));
  const memoryFast = workerdMemory(fast.child.pid!);
  await stop(fast.child);
  running.delete(fast.child);
  const slow = await worker(`vendors-${VENDOR_LATENCY_MS}ms`, chain, operatorSecret, VENDOR_LATENCY_MS);
  Object.assign(runs, await slowVendorRuns(slow.base, one!.token));
  const report: Report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    sizes: { requests: REQUESTS, connections: CONNECTIONS, sequential: SEQUENTIAL, latencyRequests: LATENCY_REQUESTS, spreadAgents: SPREAD_AGENTS, vendorLatencyMs: VENDOR_LATENCY_MS },
    runs,
    queue: { available: false, reason: "not run (BENCH_ONLY=hotpath)" },
    memory: { vendors0ms: memoryFast, [`vendors${VENDOR_LATENCY_MS}ms`]: workerdMemory(slow.child.pid!) },
    durationSec: 0,
  };
  await cleanup();
  report.durationSec = Math.round((Date.now() - began) / 1000);
  printReport(report);
  writeResult("hotpath.json", report);
  log(`written to bench/results/hotpath.json (${report.durationSec} s)`);
}

/** BENCH_ONLY=batch: the CSV batch alone, at 0 ms and at the slow vendor latency. */
async function batchOnly(chain: ChainInfo, operatorSecret: string, began: number) {
  const results: BatchBenchResult[] = [];
  for (const latency of [0, VENDOR_LATENCY_MS]) {
    const w = await worker(`vendors-${latency}ms`, chain, operatorSecret, latency);
    const agent = await mintFundedAgent(w.base, chain, operatorSecret, "100000", latency);
    log(`batch: ${BATCH_ROWS} phone rows, vendors at ${latency} ms`);
    results.push(await batchBench(w.base, agent.token, BATCH_ROWS, latency, BATCH_TIMEOUT_SEC));
    await stop(w.child);
    running.delete(w.child);
  }
  await cleanup();
  printBatch(results);
  writeResult("batch.json", { at: new Date().toISOString(), cpus: os.cpus().length, results });
  log(`written to bench/results/batch.json (${Math.round((Date.now() - began) / 1000)} s)`);
}

/**
 * BENCH_ONLY=queue: the queued websearch jobs alone (vendors at 0 ms), then the same backlog with a
 * lead-session job submitted behind it, to see what the backlog costs the other lane.
 */
async function queueOnly(chain: ChainInfo, operatorSecret: string, began: number) {
  const w = await worker("vendors-0ms", chain, operatorSecret, 0);
  const agent = await mintFundedAgent(w.base, chain, operatorSecret, "100000", 0);
  // Warm-up: compile the job paths before anything is measured.
  await queueBench(w.base, agent.token, 50, JOBS_TIMEOUT_SEC);
  log(`queue: ${JOBS} websearch jobs`);
  const queue = await queueBench(w.base, agent.token, JOBS, JOBS_TIMEOUT_SEC);
  log(`queue: ${JOBS} websearch jobs, then a lead-session job behind them`);
  const lane = await laneBench(w.base, agent.token, JOBS, JOBS_TIMEOUT_SEC);
  await cleanup();
  printQueue(queue, lane);
  writeResult("queue.json", { at: new Date().toISOString(), cpus: os.cpus().length, queue, lane });
  log(`written to bench/results/queue.json (${Math.round((Date.now() - began) / 1000)} s)`);
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  await cleanup();
  process.exit(1);
});
