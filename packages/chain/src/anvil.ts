import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface StartAnvilOptions {
  /** TCP port on 127.0.0.1; 0 or omitted lets the OS pick a free one. */
  port?: number;
  chainId?: number;
  /** Seconds between blocks; omitted means a block per transaction (automine). */
  blockTime?: number;
  /** Copy anvil's own log to this process's stderr (stdout stays free for callers' output). */
  verbose?: boolean;
  /** Give up if JSON-RPC does not answer within this many milliseconds. */
  timeoutMs?: number;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  chainId: number;
  pid: number;
  /** Settles when the anvil process ends, whether through stop() or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const PLATFORM_PACKAGES: Record<string, string | undefined> = {
  "linux-x64": "@foundry-rs/anvil-linux-amd64",
  "linux-arm64": "@foundry-rs/anvil-linux-arm64",
  "darwin-x64": "@foundry-rs/anvil-darwin-amd64",
  "darwin-arm64": "@foundry-rs/anvil-darwin-arm64",
  "win32-x64": "@foundry-rs/anvil-win32-amd64",
};

/**
 * Path of the anvil binary shipped in @foundry-rs/anvil's platform package. Resolved from the wrapper
 * package rather than run through its `bin.mjs`, so signals reach anvil itself and no global install
 * is ever picked up.
 */
export function anvilBinaryPath(): string {
  const platformPackage = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!platformPackage) throw new Error(`anvil has no npm build for ${process.platform}-${process.arch}`);
  const wrapperManifest = createRequire(import.meta.url).resolve("@foundry-rs/anvil/package.json");
  const platformManifest = createRequire(wrapperManifest).resolve(`${platformPackage}/package.json`);
  const binary = join(dirname(platformManifest), "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
  if (!existsSync(binary)) throw new Error(`anvil binary missing at ${binary}`);
  return binary;
}

export async function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilInstance> {
  const { port = 0, chainId = 31337, blockTime, verbose = false, timeoutMs = 20_000 } = options;
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId)];
  if (blockTime !== undefined) args.push("--block-time", String(blockTime));

  const child = spawn(anvilBinaryPath(), args, { stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);

  // Anvil logs every RPC call; the pipes must be drained or it blocks once they fill.
  let recentOutput = "";
  const remember = (chunk: Buffer) => {
    recentOutput = (recentOutput + chunk.toString()).slice(-4000);
    if (verbose) process.stderr.write(chunk);
  };
  child.stdout?.on("data", remember);
  child.stderr?.on("data", remember);

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    // With --port 0 only anvil knows the port, and it prints it once it is listening.
    const boundPort = await waitForListening(child, () => recentOutput, timeoutMs);
    const rpcUrl = `http://127.0.0.1:${boundPort}`;
    await waitForRpc(rpcUrl, chainId, child, timeoutMs);
    return { rpcUrl, port: boundPort, chainId, pid: child.pid ?? -1, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = /Listening on [\d.]+:(\d+)/.exec(output());
      if (match?.[1]) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`anvil exited (code ${code}) before listening:\n${output()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`anvil did not start listening within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", check);
      child.off("exit", onExit);
    };
    child.stdout?.on("data", check);
    child.once("exit", onExit);
    check();
  });
}

async function waitForRpc(rpcUrl: string, chainId: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}`);
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      const body = (await response.json()) as { result?: string };
      if (body.result !== undefined) {
        if (Number(body.result) !== chainId) {
          throw new Error(`anvil at ${rpcUrl} reports chain ${Number(body.result)}, expected ${chainId}`);
        }
        return;
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("anvil at")) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`anvil JSON-RPC at ${rpcUrl} did not answer within ${timeoutMs} ms`);
}
