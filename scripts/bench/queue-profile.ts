// `node scripts/bench/queue-profile.ts`: where the queued-jobs time goes. Starts the product as
// the benchmark does (vendors at 0 ms), takes a V8 CPU profile of the Worker through its inspector
// while BENCH_JOBS websearch jobs (default 300) are submitted and run, and prints self time by
// source file and by function. Pass a path as the first argument to also keep the .cpuprofile.
import { writeFileSync } from "node:fs";
import { startProduct } from "../lib/product.ts";
import { mintFundedAgent } from "./agents.ts";
import { queueBench } from "./jobs.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const JOBS = Number(process.env.BENCH_JOBS ?? 300);

/** Node's (undici's) WebSocket, as far as used here; the project's types are the Workers' one. */
interface NodeSocket {
  onopen: (e: unknown) => void;
  onerror: (e: unknown) => void;
  onmessage: (e: { data: unknown }) => void;
  send(data: string): void;
  close(): void;
}

/** One DevTools-protocol session on the Worker's inspector (wrangler dev proxies workerd's). */
async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  // The inspector proxy refuses a client without an allowed Origin (undici takes extra headers here).
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl, { headers: { origin: "http://localhost" } } as unknown as string[]) as unknown as NodeSocket;
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.onmessage = (e) => {
    const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? f.url.replace(/^.*?(workers\/|packages\/|node_modules\/)/, "$1").slice(0, 90) : `(${f.functionName || "native"})`;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  const wall = (profile.endTime - profile.startTime) / 1000;
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, us]) => a + us, 0);
  console.log(`\nprofile: ${(wall / 1000).toFixed(1)} s, busy ${((total - idle) / 1000).toFixed(0)} ms (${((100 * (total - idle)) / total).toFixed(0)} %), ${(((total - idle) / 1000) / JOBS).toFixed(2)} ms of Worker CPU per job`);
  console.log("\nself time by file:\n" + top(byFile, 25).join("\n"));
  console.log("\nself time by function:\n" + top(byFn, 40).join("\n"));
}

async function main() {
  // The per-agent quota (600/min by default) would turn the run into a 429 test.
  const product = await startProduct({ name: "411data-queue-profile", vars: { SANDBOX_LATENCY_MS: "0", AGENT_QUOTA_PER_MIN: "1000000" } });
  try {
    const agent = await mintFundedAgent(product.base, product.chain, product.operatorSecret, "100000", 0);
    await queueBench(product.base, agent.token, 50, 120);
    const session = await inspector(product.inspectorPort);
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 200 });
    await session.send("Profiler.start");
    const result = await queueBench(product.base, agent.token, JOBS, 300);
    const { profile } = (await session.send("Profiler.stop")) as { profile: Profile };
    session.close();
    if (result.available) console.log(`${result.jobs} jobs: ${result.jobsPerSec.toFixed(1)} jobs/s, per job p50 ${result.perJob.p50.toFixed(0)} ms, queue wait p50 ${result.queueWait.p50.toFixed(0)} ms`);
    if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(profile));
    summarize(profile);
  } finally {
    await product.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
