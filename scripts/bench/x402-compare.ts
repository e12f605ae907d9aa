// Anonymous x402 `exact`, side by side: 411data against the reference server built from the
// official packages (x402-reference.ts) on Node and inside workerd, on the same local chain, token
// and prices ($0.01 = the support ticket route, $0.33 = enrich/phone), paid by the official
// `@x402/fetch` client with fresh funded wallets.
//
// Sequential latency runs in rounds, targets interleaved within each round, so a noisy neighbour on
// the shared machine hits every target alike. Then 10 payers at once per target: settled calls per
// second, failed and unanswered payments, and the payments the chain shows against the answers the
// clients got (a payment settled without its client getting an answer is a failure too). The
// references run with viem's nonce manager, as the issue's fair comparison asks; without it the
// minimal example loses payments to nonce races and there is nothing to compare.
//
// Alone (starts its own chain and product):  node scripts/bench/x402-compare.ts
// Sizes: BENCH_X402_ROUNDS (5), BENCH_X402_CALLS (20 per target and price per round; issue #21 used 30),
// BENCH_X402_PAYERS (10), BENCH_X402_PAYER_CALLS (10 each), BENCH_X402_CONCURRENT_ROUNDS (2).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { x402Client } from "@x402/core/client";
import { decodePaymentResponseHeader } from "@x402/core/http";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { type Address, hexToBigInt, numberToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { startProduct } from "../lib/product.ts";
import { rpc } from "./agents.ts";
import { percentile } from "./load.ts";
import { type ChainInfo, freePort, root, startWorker, stop } from "./processes.ts";
import { table } from "./table.ts";

const size = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

export const TARGETS = ["product", "refWorkerd", "refNode"] as const;
export type TargetName = (typeof TARGETS)[number];
export const TARGET_LABELS: Record<TargetName, string> = { product: "411data", refWorkerd: "reference in workerd", refNode: "reference on Node" };

const ROUTES = {
  cheap: { path: "/api/v1/support/tickets", micros: 10_000n, body: { category: "other", subject: "bench", body: "a benchmark ticket" } },
  phone: { path: "/api/v1/enrich/phone", micros: 330_000n, body: { phone: "+17242060094" } },
} as const;
type RouteName = keyof typeof ROUTES;

interface Target {
  name: TargetName;
  base: string;
  payTo: Address;
}

export interface Latency {
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  sampleError?: string;
}

export interface Concurrent {
  calls: number;
  settled: number;
  failed: number;
  unanswered: number;
  /** Payments the chain shows (payTo's balance change ÷ price). */
  onChain: number;
  /** Settled on chain without the client getting a settled answer. */
  settledUnanswered: number;
  wallSec: number;
  callsPerSec: number;
  sampleError?: string;
}

export type X402Compare =
  | {
      available: true;
      sizes: { rounds: number; calls: number; payers: number; payerCalls: number; concurrentRounds: number };
      paid: Record<TargetName, Record<RouteName, Latency>>;
      challenge: Record<TargetName, Latency>;
      /** One entry per concurrent round. */
      concurrent: Record<TargetName, Concurrent[]>;
      durationSec: number;
    }
  | { available: false; reason: string };

let clientAddress = 0;
/** Each wallet its own client address: the product limits anonymous callers per address. */
const nextClient = () => {
  const n = clientAddress++;
  return { "cf-connecting-ip": `198.19.${(n >> 8) & 255}.${n & 255}` };
};

async function usdcOf(chain: ChainInfo, who: Address): Promise<bigint> {
  const data = `0x70a08231${who.slice(2).toLowerCase().padStart(64, "0")}`;
  return hexToBigInt((await rpc(chain.rpcUrl, "eth_call", [{ to: chain.usdc, data }, "latest"])) as `0x${string}`);
}

async function payer(chain: ChainInfo, usd: number) {
  const account = privateKeyToAccount(generatePrivateKey());
  await rpc(chain.rpcUrl, "anvil_dealERC20", [account.address, chain.usdc, numberToHex(BigInt(usd) * 1_000_000n)]);
  const client = new x402Client()
    .register("eip155:*", new ExactEvmScheme(account))
    .setSpendControls({ allowedAssets: [{ network: `eip155:${chain.chainId}`, asset: chain.usdc }] });
  return { pay: wrapFetchWithPayment(timedFetch, client), headers: nextClient() };
}

/** Past this a call counts as unanswered. On each leg: the payment wrapper does not pass the caller's signal to its retry. */
const CALL_TIMEOUT_MS = 10_000;
const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });

type Outcome = { ms: number; settled: true } | { ms: number; settled: false; error: string; unanswered: boolean };

async function paidCall(pay: typeof fetch, headers: Record<string, string>, target: Target, route: RouteName): Promise<Outcome> {
  const { path: p, body } = ROUTES[route];
  const t0 = performance.now();
  try {
    const res = await pay(`${target.base}${p}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    const header = res.headers.get("payment-response");
    const settle = header ? decodePaymentResponseHeader(header) : null;
    if (res.ok && settle?.success) return { ms, settled: true };
    return { ms, settled: false, unanswered: false, error: `${res.status} ${settle?.errorReason ?? ""} ${text.slice(0, 200)}` };
  } catch (err) {
    return { ms: performance.now() - t0, settled: false, unanswered: true, error: err instanceof Error ? err.message : String(err) };
  }
}

function latency(times: number[], errors: string[]): Latency {
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    ok: times.length,
    failed: errors.length,
    ...(errors[0] ? { sampleError: errors[0] } : {}),
  };
}

/** The payee's balance once it stops moving: settlements that finish after their answers count too. */
async function settledBalance(chain: ChainInfo, who: Address): Promise<bigint> {
  let last = await usdcOf(chain, who);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await usdcOf(chain, who);
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function concurrent(chain: ChainInfo, target: Target, payers: number, perPayer: number): Promise<Concurrent> {
  const wallets = await Promise.all(Array.from({ length: payers }, () => payer(chain, 10)));
  const before = await usdcOf(chain, target.payTo);
  const t0 = performance.now();
  const outcomes = (
    await Promise.all(
      wallets.map(async (w) => {
        const out: Outcome[] = [];
        for (let i = 0; i < perPayer; i++) out.push(await paidCall(w.pay, w.headers, target, "cheap"));
        return out;
      }),
    )
  ).flat();
  const wallSec = (performance.now() - t0) / 1000;
  const onChain = Number((await settledBalance(chain, target.payTo)) - before) / Number(ROUTES.cheap.micros);
  const settled = outcomes.filter((o) => o.settled).length;
  const failures = outcomes.filter((o): o is Extract<Outcome, { settled: false }> => !o.settled);
  return {
    calls: outcomes.length,
    settled,
    failed: failures.filter((o) => !o.unanswered).length,
    unanswered: failures.filter((o) => o.unanswered).length,
    onChain,
    settledUnanswered: Math.max(0, onChain - settled),
    wallSec,
    callsPerSec: settled / wallSec,
    ...(failures[0] ? { sampleError: failures[0].error } : {}),
  };
}

/** The two reference servers next to a running product, on its chain; stopped by the returned stop(). */
async function startReferences(chain: ChainInfo, stateDir: string): Promise<{ targets: Target[]; stop: () => Promise<void> }> {
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    for (const child of children.reverse()) await stop(child);
  };
  try {
    const vars = (payTo: Address) => ({
      CHAIN_RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      USDC_ADDRESS: chain.usdc,
      PAY_TO_ADDRESS: payTo,
      // anvil's published dev key, as the product uses: the facilitator's gas payer on this chain.
      FACILITATOR_PRIVATE_KEY: chain.facilitator.privateKey,
      NONCE_MANAGER: "1",
    });
    // Each reference its own payee, so the chain tells whose payments settled.
    const workerdPayTo = privateKeyToAccount(generatePrivateKey()).address;
    const nodePayTo = privateKeyToAccount(generatePrivateKey()).address;

    const workerdPort = await freePort();
    const envFile = path.join(stateDir, "reference.env");
    writeFileSync(envFile, Object.entries(vars(workerdPayTo)).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
    children.push(
      await startWorker({
        port: workerdPort,
        inspectorPort: await freePort(),
        persistDir: path.join(stateDir, "reference-state"),
        envFile,
        logFile: path.join(stateDir, "reference-workerd.log"),
        config: path.join(root, "scripts/bench/x402-reference.wrangler.jsonc"),
      }),
    );

    const nodePort = await freePort();
    const node = spawn(process.execPath, [path.join(root, "scripts/bench/x402-reference-node.ts")], {
      cwd: root,
      env: { ...process.env, ...vars(nodePayTo), PORT: String(nodePort) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(node);
    await new Promise<void>((resolve, reject) => {
      node.stdout!.once("data", () => resolve());
      node.once("exit", (code) => reject(new Error(`reference on Node exited (${code})`)));
    });
    return {
      targets: [
        { name: "refWorkerd", base: `http://127.0.0.1:${workerdPort}`, payTo: workerdPayTo },
        { name: "refNode", base: `http://127.0.0.1:${nodePort}`, payTo: nodePayTo },
      ],
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export async function x402Compare(productBase: string, chain: ChainInfo, log: (msg: string) => void = () => undefined): Promise<X402Compare> {
  const began = Date.now();
  const sizes = {
    rounds: size("BENCH_X402_ROUNDS", 5),
    calls: size("BENCH_X402_CALLS", 20),
    payers: size("BENCH_X402_PAYERS", 10),
    payerCalls: size("BENCH_X402_PAYER_CALLS", 10),
    concurrentRounds: size("BENCH_X402_CONCURRENT_ROUNDS", 2),
  };
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "411data-x402-ref-"));
  let refs: Awaited<ReturnType<typeof startReferences>>;
  try {
    refs = await startReferences(chain, stateDir);
  } catch (err) {
    rmSync(stateDir, { recursive: true, force: true });
    return { available: false, reason: err instanceof Error ? err.message.split("\n")[0]! : String(err) };
  }
  try {
    const targets: Target[] = [{ name: "product", base: productBase, payTo: chain.payTo as Address }, ...refs.targets];
    log(`x402 references: ${refs.targets.map((t) => `${TARGET_LABELS[t.name]} ${t.base}`).join(", ")}`);
    const times = new Map<string, { ms: number[]; errors: string[] }>();
    const record = (key: string, o: Outcome) => {
      const entry = times.get(key) ?? { ms: [], errors: [] };
      if (o.settled) entry.ms.push(o.ms);
      else entry.errors.push(o.error);
      times.set(key, entry);
    };

    // Warm-up: compile every path on every target before anything is timed.
    for (const t of targets) {
      const w = await payer(chain, 10);
      for (const route of ["cheap", "phone"] as const) for (let i = 0; i < 3; i++) await paidCall(w.pay, w.headers, t, route);
    }

    log(`x402 sequential: ${sizes.rounds} rounds × ${sizes.calls} calls per target and price, interleaved`);
    for (let round = 0; round < sizes.rounds; round++) {
      for (const t of targets) {
        // The 402 alone: the unpaid request and its challenge.
        const headers = nextClient();
        for (let i = 0; i < sizes.calls; i++) {
          const t0 = performance.now();
          const res = await timedFetch(`${t.base}${ROUTES.cheap.path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(ROUTES.cheap.body) });
          await res.arrayBuffer();
          const ms = performance.now() - t0;
          record(`${t.name}:challenge`, res.status === 402 && res.headers.has("payment-required") ? { ms, settled: true } : { ms, settled: false, unanswered: false, error: `${res.status}` });
        }
        for (const route of ["cheap", "phone"] as const) {
          const w = await payer(chain, 20);
          for (let i = 0; i < sizes.calls; i++) record(`${t.name}:${route}`, await paidCall(w.pay, w.headers, t, route));
        }
      }
    }

    log(`x402 concurrent: ${sizes.payers} payers × ${sizes.payerCalls} calls at once, ${sizes.concurrentRounds} rounds`);
    const concurrentRuns = Object.fromEntries(TARGETS.map((n) => [n, [] as Concurrent[]])) as Record<TargetName, Concurrent[]>;
    for (let round = 0; round < sizes.concurrentRounds; round++) {
      for (const t of targets) {
        const run = await concurrent(chain, t, sizes.payers, sizes.payerCalls);
        concurrentRuns[t.name].push(run);
        log(`  ${TARGET_LABELS[t.name]}: ${run.callsPerSec.toFixed(1)} settled/s, ${run.failed} failed, ${run.unanswered} unanswered, ${run.onChain} on chain`);
      }
    }

    const of = (key: string) => latency(times.get(key)?.ms ?? [], times.get(key)?.errors ?? []);
    const byTarget = <T>(f: (n: TargetName) => T) => Object.fromEntries(TARGETS.map((n) => [n, f(n)])) as Record<TargetName, T>;
    return {
      available: true,
      sizes,
      paid: byTarget((n) => ({ cheap: of(`${n}:cheap`), phone: of(`${n}:phone`) })),
      challenge: byTarget((n) => of(`${n}:challenge`)),
      concurrent: concurrentRuns,
      durationSec: Math.round((Date.now() - began) / 1000),
    };
  } finally {
    await refs.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "—");
const range = (values: number[], digits = 1) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};

/** The side-by-side table: p50s per target, and the ratio 411data ÷ reference in workerd. */
export function x402Table(r: Extract<X402Compare, { available: true }>): string[][] {
  const row = (label: string, pick: (n: TargetName) => Latency) => [
    label,
    ...TARGETS.map((n) => ms(pick(n).p50) + (pick(n).failed ? ` (${pick(n).failed} failed)` : "")),
    `${(pick("product").p50 / pick("refWorkerd").p50).toFixed(2)}×`,
  ];
  const c = (n: TargetName) => r.concurrent[n];
  const concurrentCell = (n: TargetName) => {
    const runs = c(n);
    const bad = runs.reduce((s, x) => s + x.failed + x.unanswered, 0);
    const paid = runs.reduce((s, x) => s + x.settledUnanswered, 0);
    return `${range(runs.map((x) => x.callsPerSec))}/s, ${bad === 0 ? "all settled" : `${bad} failed/unanswered (${paid} of them paid on chain)`}`;
  };
  return [
    row("whole paid call, $0.01 route (p50)", (n) => r.paid[n].cheap),
    row("whole paid call, $0.33 route (p50)", (n) => r.paid[n].phone),
    row("the 402 round trip (p50)", (n) => r.challenge[n]),
    [
      `${r.sizes.payers} payers at once, settled calls/s`,
      ...TARGETS.map(concurrentCell),
      `${range(c("product").map((x, i) => x.callsPerSec / c("refNode")[i]!.callsPerSec), 2)}× of Node ref`,
    ],
  ];
}

export const X402_HEADERS = ["x402 exact, anonymous", ...TARGETS.map((n) => TARGET_LABELS[n]), "411data ÷ workerd ref"];

export interface X402Target {
  metric: string;
  value: string;
  target: string;
  met: boolean;
}

/** Issue #21's x402 targets. */
export function x402Targets(r: Extract<X402Compare, { available: true }>): X402Target[] {
  const out: X402Target[] = [];
  for (const [route, label] of [["cheap", "$0.01"], ["phone", "$0.33"]] as const) {
    const ratio = r.paid.product[route].p50 / r.paid.refWorkerd[route].p50;
    out.push({ metric: `x402 anonymous paid call p50, ${label} route: 411data ÷ reference in workerd`, value: `${ratio.toFixed(2)}×`, target: "≤ 1.0×", met: ratio <= 1 });
  }
  // Against the better of the two references with a nonce manager, round by round.
  const product = r.concurrent.product;
  const best = product.map((_, i) => Math.max(r.concurrent.refNode[i]!.callsPerSec, r.concurrent.refWorkerd[i]!.callsPerSec));
  const ratios = product.map((p, i) => p.callsPerSec / best[i]!);
  out.push({
    metric: `x402 ${r.sizes.payers} payers at once: 411data ÷ best reference with a nonce manager (settled calls/s)`,
    value: `${range(ratios, 2)}×`,
    target: "≥ 1.0×",
    met: Math.min(...ratios) >= 1,
  });
  // A payment settled without its answer is already among the failed or unanswered calls.
  const bad = product.reduce((s, x) => s + x.failed + x.unanswered, 0);
  const calls = product.reduce((s, x) => s + x.calls, 0);
  out.push({ metric: `x402 ${r.sizes.payers} payers at once: 411data failed or unanswered payments`, value: `${bad} of ${calls}`, target: "0", met: bad === 0 });
  return out;
}

export function printX402(r: X402Compare): void {
  if (!r.available) {
    console.log(`x402 side by side: not available (${r.reason})\n`);
    return;
  }
  console.log(table(X402_HEADERS, x402Table(r)));
  console.log();
  for (const n of TARGETS) {
    for (const [i, run] of r.concurrent[n].entries()) {
      if (run.sampleError) console.log(`  ${TARGET_LABELS[n]}, concurrent round ${i + 1}: ${run.failed} failed, ${run.unanswered} unanswered, ${run.onChain} on chain; e.g. ${run.sampleError.slice(0, 200)}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const log = (msg: string) => console.log(`[x402-compare] ${msg}`);
  const product = await startProduct({ name: "411data-x402-compare", vars: { SANDBOX_LATENCY_MS: "0" } });
  let result: X402Compare;
  try {
    log(`product on ${product.base}, chain ${product.chain.rpcUrl}`);
    result = await x402Compare(product.base, product.chain, log);
  } finally {
    await product.stop();
  }
  console.log();
  printX402(result);
  if (result.available) {
    console.log(table(["measure", "value", "target", "met"], x402Targets(result).map((t) => [t.metric, t.value, t.target, t.met ? "yes" : "no"])));
  }
  const out = path.join(root, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "x402-compare.json"), JSON.stringify({ at: new Date().toISOString(), x402: result, targets: result.available ? x402Targets(result) : [] }, null, 2) + "\n");
  log(`written to bench/results/x402-compare.json`);
}
