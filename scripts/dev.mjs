#!/usr/bin/env node
// Runs the whole product locally: a local EVM chain (anvil + TestUSDC, demo wallets funded), the D1
// migrations applied to the local database, the Worker in workerd through `wrangler dev` (local D1,
// Durable Objects, Queues; sandbox vendors; no account, no network), then the demo once against it.
// PORT (8787) and CHAIN_PORT (8545) move the two ports; DEMO=0 skips the demo.
// Ctrl-C: package.json starts this with `trap '' INT`, so the shells pnpm and the `node` shim put
// in between ignore it (a shell killed by it is what pnpm reports as "Command failed"); this
// process handles it, stops its children (which inherit the ignore) with SIGTERM and exits 0.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT || "8787";
const chainPort = process.env.CHAIN_PORT || "8545";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const children = [];
let stopping = false;

/** Ends every child and then this process. A Ctrl-C is a normal stop: exit 0, no complaint. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          child.once("exit", resolve);
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

/** A child that ends on its own (not during a stop) ends the run, saying why. */
function watch(child, describeExit) {
  children.push(child);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(describeExit(code ?? signal));
    void stop(typeof code === "number" && code !== 0 ? code : 1);
  });
}

// Local settings live in .dev.vars (never committed); start from the example on a fresh clone.
const devVars = path.join(root, ".dev.vars");
if (!existsSync(devVars)) copyFileSync(path.join(root, ".dev.vars.example"), devVars);

// 1. The chain. Its CLI writes CHAIN_RPC_URL / USDC_ADDRESS / CHAIN_ID into .dev.vars and stays up.
let chainUp = false;
const chain = spawn(process.execPath, [path.join(root, "packages/chain/src/cli.ts"), "up", "--port", chainPort, "--write-env", devVars], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
watch(chain, (how) =>
  chainUp
    ? `the local chain stopped (${how}); stopping everything`
    : `the local chain could not start (${how}); if port ${chainPort} is taken, set CHAIN_PORT to a free one`,
);
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
chainUp = true;
const rpcUrl = chainInfo.rpcUrl ?? `http://127.0.0.1:${chainPort}`;
console.log(`local chain ${rpcUrl} (chain id ${chainInfo.chainId}), TestUSDC ${chainInfo.usdc}`);

// 2. The database schema.
const migrate = spawnSync(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
});
if (stopping) await new Promise(() => {});
if (migrate.status !== 0) {
  console.error("applying the D1 migrations failed (see above)");
  await stop(migrate.status ?? 1);
}

// 3. The Worker.
let workerUp = false;
const wrangler = spawn(
  bin("wrangler"),
  ["dev", "--port", port, "--ip", "127.0.0.1", "--test-scheduled", "--var", `PUBLIC_BASE_URL:http://localhost:${port}`],
  // No network: the `Request.cf` fixture and usage metrics would otherwise be fetched from Cloudflare.
  { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" } },
);
watch(wrangler, (how) =>
  workerUp ? `wrangler dev stopped (${how}); stopping everything` : `wrangler dev could not start (${how}); if port ${port} is taken, set PORT to a free one`,
);

const base = `http://localhost:${port}`;
for (let i = 0; i < 240 && !workerUp; i++) {
  try {
    workerUp = (await fetch(`${base}/healthz`)).ok;
  } catch {
    // not listening yet
  }
  if (!workerUp) await new Promise((r) => setTimeout(r, 500));
}
if (!workerUp) {
  console.error(`wrangler dev did not answer ${base}/healthz within 2 minutes`);
  await stop(1);
}
console.log(`\n411data is running on ${base}  (in a browser: ${base}/ and ${base}/connect; API: /openapi.json, prices: /pricing, agent guide: /skill.md)\n`);

// Local workerd does not fire cron triggers by itself: the wrangler.jsonc cron (retention) is run
// here on the same hourly beat through wrangler's --test-scheduled endpoint.
const cron = () => fetch(`${base}/__scheduled?cron=${encodeURIComponent("0 * * * *")}`).catch(() => {});
setInterval(cron, 60 * 60 * 1000).unref();

// 4. The demo, once: mint with a local wallet, pay a call from the balance and one with x402.
const moved = [process.env.PORT ? `PORT=${port}` : "", process.env.CHAIN_PORT ? `CHAIN_PORT=${chainPort}` : ""].filter(Boolean).join(" ");
const again = `${moved ? `${moved} ` : ""}npx -y pnpm@10.34.9 demo`;
if (process.env.DEMO !== "0") {
  const demo = spawn(process.execPath, [path.join(root, "scripts/demo.ts")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, BASE_URL: base, CHAIN_RPC_URL: rpcUrl },
  });
  children.push(demo);
  const code = await new Promise((resolve) => demo.once("exit", resolve));
  if (stopping) await new Promise(() => {});
  if (code !== 0) console.error(`\nthe demo failed (exit ${code}); the product is still running`);
}
console.log(`\nStill serving on ${base}. Run the demo again with: ${again}   (Ctrl-C stops everything)\n`);
