#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { privateKeyToAccount } from "viem/accounts";
import { DEMO_PAYER_KEYS } from "./accounts.ts";
import { startLocalChain } from "./local-chain.ts";

const USAGE = `usage: node packages/chain/src/cli.ts up [options]

Starts anvil, deploys TestUSDC, installs Multicall3, Permit2 and the x402 upto proxy, funds the
demo payers (anvil accounts 1-4), prints the chain details as JSON and runs until SIGINT/SIGTERM.

  --port <n>          RPC port on 127.0.0.1 (default 8545; 0 picks a free one)
  --chain-id <n>      chain id (default 31337)
  --block-time <s>    seconds per block (default: a block per transaction)
  --fund-usd <n>      TestUSDC minted to each demo payer (default 1000)
  --write-env <path>  also write CHAIN_RPC_URL, USDC_ADDRESS and CHAIN_ID into this KEY=VALUE file
  --verbose           show anvil's own log on stderr`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "8545" },
      "chain-id": { type: "string", default: "31337" },
      "block-time": { type: "string" },
      "fund-usd": { type: "string", default: "1000" },
      "write-env": { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals[0] !== "up" || positionals.length > 1) {
    console.error(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }

  const fundUsd = values["fund-usd"];
  const payers = DEMO_PAYER_KEYS.map((key) => ({ key, address: privateKeyToAccount(key).address }));
  const chain = await startLocalChain({
    port: integer(values.port, "--port"),
    chainId: integer(values["chain-id"], "--chain-id"),
    ...(values["block-time"] !== undefined ? { blockTime: integer(values["block-time"], "--block-time") } : {}),
    verbose: values.verbose,
    fund: payers.map((p) => ({ address: p.address, usd: fundUsd })),
  });

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await chain.stop();
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
  void chain.anvil.exited.then(() => {
    if (stopping) return;
    console.error("anvil exited unexpectedly");
    process.exit(1);
  });

  const env = { CHAIN_RPC_URL: chain.rpcUrl, USDC_ADDRESS: chain.usdc, CHAIN_ID: String(chain.chainId) };
  if (values["write-env"]) mergeEnvFile(values["write-env"], env);

  // The keys printed here are anvil's public dev keys, meaningful only on this local chain.
  const summary = {
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    network: chain.network,
    usdc: chain.usdc,
    usdcEip712: chain.usdcEip712,
    multicall3: chain.multicall3,
    permit2: chain.permit2,
    uptoProxy: chain.uptoProxy,
    deployer: chain.deployer,
    facilitator: { address: chain.facilitator, privateKey: chain.facilitatorKey },
    payTo: chain.payTo,
    payers: payers.map((p, i) => ({
      address: p.address,
      privateKey: p.key,
      usdcAtomic: String(chain.funded[i]?.amount ?? 0n),
    })),
    env,
  };
  console.log(JSON.stringify(summary, null, 2));
}

function integer(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer, got ${value}`);
  return n;
}

/** Replaces the given keys in place and appends missing ones, so other settings in the file survive. */
function mergeEnvFile(path: string, entries: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, "utf8").split("\n") : [];
  if (lines.at(-1) === "") lines.pop();
  const pending = new Map(Object.entries(entries));
  const merged = lines.map((line) => {
    const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (key === undefined || !pending.has(key)) return line;
    const value = pending.get(key);
    pending.delete(key);
    return `${key}=${value}`;
  });
  for (const [key, value] of pending) merged.push(`${key}=${value}`);
  writeFileSync(path, `${merged.join("\n")}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
