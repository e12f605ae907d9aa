import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, freePort, startChain, startWorker, stop } from "../../../scripts/bench/processes.ts";

// The product as `pnpm dev` runs it, on free ports and a private state directory: the local chain
// (anvil + TestUSDC) and `wrangler dev` (which builds and serves the pages' static assets).

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    rpcUrl: string;
    chainId: number;
    usdc: string;
    payTo: string;
  }
}

export default async function setup(project: TestProject) {
  const state = mkdtempSync(path.join(os.tmpdir(), "411data-browser-"));
  const persistDir = path.join(state, "wrangler-state");
  mkdirSync(persistDir);
  const chain = await startChain(await freePort());
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    applyMigrations(persistDir);
    const port = await freePort();
    // localhost, not 127.0.0.1: the SIWE domain is the public origin's host, as in `pnpm dev`.
    const baseUrl = `http://localhost:${port}`;
    const envFile = path.join(state, "worker.env");
    const vars = {
      PUBLIC_BASE_URL: baseUrl,
      CHAIN_RPC_URL: chain.info.rpcUrl,
      CHAIN_ID: String(chain.info.chainId),
      USDC_ADDRESS: chain.info.usdc,
      PAY_TO_ADDRESS: chain.info.payTo,
      FACILITATOR_PRIVATE_KEY: chain.info.facilitator.privateKey,
      OPERATOR_SECRET: "browser-test-operator-secret",
    };
    writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
    worker = await startWorker({ port, inspectorPort: await freePort(), persistDir, envFile, logFile: path.join(state, "wrangler.log") });
    project.provide("baseUrl", baseUrl);
    project.provide("rpcUrl", chain.info.rpcUrl);
    project.provide("chainId", chain.info.chainId);
    project.provide("usdc", chain.info.usdc);
    project.provide("payTo", chain.info.payTo);
  } catch (err) {
    if (worker) await stop(worker);
    await stop(chain.child);
    throw err;
  }
  return async () => {
    if (worker) await stop(worker);
    await stop(chain.child);
    rmSync(state, { recursive: true, force: true });
  };
}
