#!/usr/bin/env node
// Runs the whole product locally: a local EVM chain (anvil + TestUSDC, demo wallets funded), the D1
// migrations applied to the local database, the Worker in workerd through `wrangler dev` (local D1,
// Durable Objects, Queues; sandbox vendors; no account, no network), then the demo once against it.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "8787";
const chainPort = process.env.CHAIN_PORT ?? "8545";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const children = [];

const stop = (code = 0) => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 300);
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

// Local settings live in .dev.vars (never committed); start from the example on a fresh clone.
const devVars = path.join(root, ".dev.vars");
if (!existsSync(devVars)) copyFileSync(path.join(root, ".dev.vars.example"), devVars);

// 1. The chain. Its CLI writes CHAIN_RPC_URL / USDC_ADDRESS / CHAIN_ID into .dev.vars and stays up.
const chain = spawn(process.execPath, [path.join(root, "packages/chain/src/cli.ts"), "up", "--port", chainPort, "--write-env", devVars], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
children.push(chain);
chain.on("exit", (code) => {
  console.error(`local chain exited (${code}); is port ${chainPort} taken? set CHAIN_PORT to use another`);
  stop(1);
});
const chainInfo = await new Promise((resolve) => {
  let text = "";
  chain.stdout.on("data", (chunk) => {
    text += chunk;
    try {
      resolve(JSON.parse(text));
    } catch {
      // the JSON summary is still arriving
    }
  });
});
console.log(`local chain ${chainInfo.rpcUrl ?? `http://127.0.0.1:${chainPort}`} (chain id ${chainInfo.chainId}), TestUSDC ${chainInfo.usdc}`);

// 2. The database schema.
const migrate = spawnSync(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
});
if (migrate.status !== 0) stop(migrate.status ?? 1);

// 3. The Worker.
const wrangler = spawn(
  bin("wrangler"),
  ["dev", "--port", port, "--ip", "127.0.0.1", "--var", `PUBLIC_BASE_URL:http://localhost:${port}`],
  // No network: the `Request.cf` fixture and usage metrics would otherwise be fetched from Cloudflare.
  { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" } },
);
children.push(wrangler);
wrangler.on("exit", (code) => stop(code ?? 0));

const base = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\n411data is running on ${base}  (in a browser: ${base}/ and ${base}/connect; API: /openapi.json, prices: /pricing)\n`);

// 4. The demo, once: mint with a local wallet, pay a call from the balance and one with x402.
if (process.env.DEMO !== "0") {
  spawnSync(process.execPath, [path.join(root, "scripts/demo.ts")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, BASE_URL: base, CHAIN_RPC_URL: chainInfo.rpcUrl ?? `http://127.0.0.1:${chainPort}` },
  });
  console.log(`\nStill serving on ${base}. Run the demo again with: npx -y pnpm@10.34.9 demo   (Ctrl-C stops everything)\n`);
}
