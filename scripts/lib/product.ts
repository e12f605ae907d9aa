// The whole product on free ports with throwaway state, for tests and scripts that need a real one:
// the local chain, the D1 migrations, and `wrangler dev` with sandbox vendors. It never reads
// `.dev.vars` nor touches a developer's running `pnpm dev`.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, type ChainInfo, freePort, root, startChain, startWorker, stop } from "./processes.ts";

export interface Product {
  /** http://127.0.0.1:<port> */
  base: string;
  chain: ChainInfo;
  operatorSecret: string;
  stateDir: string;
  /** The Worker's DevTools inspector (CPU profiles: scripts/bench/queue-profile.ts). */
  inspectorPort: number;
  stop(): Promise<void>;
}

export interface ProductOptions {
  /** Extra Worker vars (they win over the defaults here). */
  vars?: Record<string, string>;
  /** Keep the state directory (Worker log, local D1) after stop. */
  keepState?: boolean;
  /** Name of the state directory's prefix in the OS temp dir. */
  name?: string;
}

export async function startProduct(opts: ProductOptions = {}): Promise<Product> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `${opts.name ?? "411data-product"}-`));
  const persistDir = path.join(stateDir, "wrangler-state");
  const running: ChildProcess[] = [];
  const cleanups: (() => void)[] = [];
  const stopAll = async () => {
    for (const child of running.reverse()) await stop(child);
    for (const clean of cleanups) clean();
    if (!opts.keepState) rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const chain = await startChain(await freePort());
    running.push(chain.child);
    applyMigrations(persistDir);
    const port = await freePort();
    const operatorSecret = randomBytes(24).toString("hex");
    const vars: Record<string, string> = {
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      CHAIN_RPC_URL: chain.info.rpcUrl,
      CHAIN_ID: String(chain.info.chainId),
      USDC_ADDRESS: chain.info.usdc,
      PAY_TO_ADDRESS: chain.info.payTo,
      // anvil's published dev key: the in-process facilitator's gas payer on this throwaway chain.
      FACILITATOR_PRIVATE_KEY: chain.info.facilitator.privateKey,
      OPERATOR_SECRET: operatorSecret,
      // MPP challenges are offered beside x402, as `pnpm dev` does with .dev.vars.example.
      MPP_SECRET_KEY: randomBytes(32).toString("hex"),
      // A chain born a minute ago has no history a day back: every wallet on it is new, so the
      // starting credit looks at the current block, as `pnpm dev` does (.dev.vars.example).
      STARTING_CREDIT_LOOKBACK_BLOCKS: "0",
      ...opts.vars,
    };
    const envFile = path.join(stateDir, "worker.env");
    writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
    const config = testLimitsConfig();
    cleanups.push(() => rmSync(config, { force: true }));
    const inspectorPort = await freePort();
    const worker = await startWorker({ port, inspectorPort, persistDir, envFile, logFile: path.join(stateDir, "worker.log"), config });
    running.push(worker);
    return { base: `http://127.0.0.1:${port}`, chain: chain.info, operatorSecret, stateDir, inspectorPort, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * The product's wrangler config with its per-address rate limits lifted: the suites that run on it
 * are many users calling from one address (127.0.0.1), and the limits have suites of their own in
 * workerd (test/workerd/security.limits.test.ts). Written beside wrangler.jsonc, so every relative
 * path in it still resolves; removed when the product stops.
 */
function testLimitsConfig(): string {
  const text = readFileSync(path.join(root, "wrangler.jsonc"), "utf8").replace(/^\s*\/\/.*$/gm, "");
  const config = JSON.parse(text) as { ratelimits?: { simple: { limit: number } }[] };
  for (const limiter of config.ratelimits ?? []) limiter.simple.limit = 1_000_000;
  const file = path.join(root, `.wrangler-product-${process.pid}-${randomBytes(4).toString("hex")}.jsonc`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
