// The product's processes for one benchmark run: the local chain and `wrangler dev`, on free ports
// and a private state directory, so a developer's own `pnpm dev` is never touched.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
// No network: wrangler would otherwise fetch the `Request.cf` fixture and send usage metrics.
const quietEnv = { ...process.env, CI: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

export { freePort } from "./free-port.ts";

export interface ChainInfo {
  rpcUrl: string;
  chainId: number;
  usdc: string;
  payTo: string;
  facilitator: { address: string; privateKey: string };
}

/** The local chain through its CLI (anvil, TestUSDC, demo payers), as `pnpm dev` starts it. */
export async function startChain(port: number): Promise<{ child: ChildProcess; info: ChainInfo }> {
  const child = spawn(process.execPath, [path.join(root, "packages/chain/src/cli.ts"), "up", "--port", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const info = await new Promise<ChainInfo>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk) => {
      text += chunk;
      try {
        resolve(JSON.parse(text) as ChainInfo);
      } catch {
        // the JSON summary is still arriving
      }
    });
    child.once("exit", (code) => reject(new Error(`local chain exited (${code}): ${stderr.slice(-2000)}`)));
  });
  return { child, info };
}

export function applyMigrations(persistDir: string): void {
  const run = spawnSync(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    cwd: root,
    env: quietEnv,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`D1 migrations failed:\n${run.stdout}\n${run.stderr}`);
}

export interface WorkerOptions {
  port: number;
  inspectorPort: number;
  persistDir: string;
  /** Vars and secrets for this instance, in place of the developer's `.dev.vars`. */
  envFile: string;
  logFile: string;
  /** Another wrangler config than the product's (the benchmark's reference server). */
  config?: string;
}

/** `wrangler dev` (workerd with local D1, Durable Objects and Queues), ready when /healthz answers. */
export async function startWorker(opts: WorkerOptions): Promise<ChildProcess> {
  const log = openSync(opts.logFile, "a");
  const child = spawn(
    bin("wrangler"),
    [
      "dev",
      "--port", String(opts.port),
      "--ip", "127.0.0.1",
      "--inspector-port", String(opts.inspectorPort),
      "--persist-to", opts.persistDir,
      "--env-file", opts.envFile,
      "--log-level", "warn",
      ...(opts.config ? ["--config", opts.config] : []),
    ],
    { cwd: root, env: quietEnv, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`wrangler dev exited (${code}); see ${opts.logFile}:\n${tail(opts.logFile)}`))),
  );
  const ready = (async () => {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${opts.port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`wrangler dev did not answer /healthz within 120 s; see ${opts.logFile}:\n${tail(opts.logFile)}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  return child;
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "";
  }
}

/** Every process below `pid`, read from /proc (Linux). */
export function descendants(pid: number): { pid: number; comm: string }[] {
  const parents = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may itself contain spaces or parentheses.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      names.set(Number(entry), comm);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: { pid: number; comm: string }[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      out.push({ pid: child, comm: names.get(child) ?? "?" });
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** Peak (VmHWM) and current (VmRSS) resident memory of the workerd processes under `pid`, in KiB. */
export function workerdMemory(pid: number): { pid: number; peakKb: number; rssKb: number }[] {
  return descendants(pid)
    .filter((p) => p.comm.startsWith("workerd"))
    .map((p) => {
      const status = readFileSync(`/proc/${p.pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
      return { pid: p.pid, peakKb: kb("VmHWM"), rssKb: kb("VmRSS") };
    });
}

/** SIGTERM, then SIGKILL after a grace period; also ends any of its descendants left behind. */
export async function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.pid === undefined) return;
  const below = descendants(child.pid);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
  await new Promise((r) => setTimeout(r, 300));
  for (const p of below) {
    try {
      // Only a process that is still the one recorded (same pid and name), never a reused pid.
      if (readFileSync(`/proc/${p.pid}/stat`, "utf8").includes(`(${p.comm})`)) process.kill(p.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
