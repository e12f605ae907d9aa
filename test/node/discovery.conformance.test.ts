import type { ChildProcess } from "node:child_process";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { wrapAxiosWithPayment, x402Client as AxiosX402Client } from "@x402/axios";
import { x402Client } from "@x402/core/client";
import { decodePaymentResponseHeader } from "@x402/core/http";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import axios from "axios";
import { Receipt } from "mppx";
import { Mppx } from "mppx/client";
import { validate as validateDiscovery } from "mppx/discovery";
import { charge } from "mppx/evm/client";
import { createPublicClient, erc20Abi, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PAYER_KEYS } from "../../packages/chain/src/accounts.ts";
import { applyMigrations, type ChainInfo, freePort, root, startChain, startWorker, stop, writeWorkerEnv } from "../../scripts/bench/processes.ts";

// The ecosystem's own tools against the product as the README runs it: `wrangler dev` (workerd,
// local D1/DO/Queues) on a local anvil chain. Each tool reads or pays the live Worker over HTTP.

const run = promisify(execFile);
const PHONE = "+17242060094";

/**
 * What the validators may still say, each explained in the README ("Discovery and validators").
 * A new warning fails the suite until it is fixed or explained there.
 */
export const EXPLAINED_AGENTCASH_WARNINGS = new Set([
  // The product serves no favicon (it has no icon asset yet).
  "FAVICON_MISSING",
  // agentcash recognizes only `apiKey`-type security schemes; our bearer routes declare the
  // standard `http` bearer scheme, which OpenAPI tools (Prism, SDK generators) understand.
  "L2_AUTH_MODE_MISSING",
  "L3_AUTH_MODE_MISSING",
]);
export const EXPLAINED_REDOCLY_WARNINGS = new Set([
  // The API is proprietary: there is no license to name.
  "info-license",
  // The server URL is PUBLIC_BASE_URL, which is http://localhost:… when run locally.
  "no-server-example.com",
  // zod-openapi registers every named schema, including ones only other schemas' docs mention.
  "no-unused-components",
]);

let state: string;
let chainProc: ChildProcess | undefined;
let workerProc: ChildProcess | undefined;
let chain: ChainInfo;
let base: string;

beforeAll(async () => {
  state = mkdtempSync(path.join(os.tmpdir(), "411data-conformance-"));
  const started = await startChain(await freePort());
  chainProc = started.child;
  chain = started.info;
  const persistDir = path.join(state, "wrangler");
  applyMigrations(persistDir);
  const port = await freePort();
  const envFile = writeWorkerEnv(path.join(state, "worker.env"), chain, port, {
    OPERATOR_SECRET: "conformance-operator-secret",
    MPP_SECRET_KEY: "conformance-mpp-challenge-key-0123456789abcdef",
  });
  workerProc = await startWorker({ port, inspectorPort: await freePort(), persistDir, envFile, logFile: path.join(state, "worker.log") });
  base = `http://localhost:${port}`;
}, 240_000);

afterAll(async () => {
  if (workerProc) await stop(workerProc);
  if (chainProc) await stop(chainProc);
  if (state) rmSync(state, { recursive: true, force: true });
}, 60_000);

async function usdcOf(address: Address): Promise<bigint> {
  const client = createPublicClient({ transport: http(chain.rpcUrl) });
  return client.readContract({ address: chain.usdc as Address, abi: erc20Abi, functionName: "balanceOf", args: [address] });
}

const phoneCall = (): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phone: PHONE }) });

describe("validators", () => {
  it("@agentcash/discovery (its CLI): every paid route found with price and both protocols, 0 errors, only explained warnings", async () => {
    const { stdout } = await run(path.join(root, "node_modules/.bin/discovery"), ["discover", base, "--json"], { cwd: root, timeout: 120_000 });
    const report = JSON.parse(stdout) as {
      ok: boolean;
      resources: { method: string; path: string; priceHint?: string; protocols?: string[]; authHint?: string }[];
      warnings: { code: string; severity: string; path?: string; message: string }[];
    };
    expect(report.ok).toBe(true);
    const phone = report.resources.find((r) => r.path === "/api/v1/enrich/phone" && r.method === "POST");
    expect(phone).toMatchObject({ authHint: "paid", priceHint: "0.33 USD", protocols: ["x402", "mpp"] });
    const jobs = report.resources.find((r) => r.path === "/api/v1/enrich/jobs");
    expect(jobs).toMatchObject({ priceHint: "0.05-50.00 USD", protocols: ["x402"] });
    // Offline catalog routes are not advertised as payable.
    expect(report.resources.find((r) => r.path === "/api/v1/enrich/email")?.authHint).not.toBe("paid");
    const errors = report.warnings.filter((w) => w.severity === "error");
    expect(errors).toEqual([]);
    const unexplained = report.warnings.filter((w) => !EXPLAINED_AGENTCASH_WARNINGS.has(w.code));
    expect(unexplained).toEqual([]);
  });

  it("mppx discovery validation: the OpenAPI document has no errors", async () => {
    const doc = await (await fetch(`${base}/openapi.json`)).json();
    const issues = validateDiscovery(doc);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("Redocly (recommended rules): 0 errors, only explained warnings", async () => {
    const source = await (await fetch(`${base}/openapi.json`)).text();
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source, absoluteRef: `${base}/openapi.json`, config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    const unexplained = [...new Set(problems.filter((p) => !EXPLAINED_REDOCLY_WARNINGS.has(p.ruleId)).map((p) => `${p.ruleId}: ${p.message}`))];
    expect(unexplained).toEqual([]);
  });
});

describe("paying clients on the local chain", () => {
  it("@x402/fetch pays a reverse-phone lookup", async () => {
    const account = privateKeyToAccount(DEMO_PAYER_KEYS[0]);
    const client = new x402Client()
      .register("eip155:*", new ExactEvmScheme(account))
      .setSpendControls({ allowedAssets: [{ network: `eip155:${chain.chainId}`, asset: chain.usdc }] });
    const before = await usdcOf(chain.payTo as Address);
    const res = await wrapFetchWithPayment(fetch, client)(`${base}/api/v1/enrich/phone`, phoneCall());
    expect(res.status).toBe(200);
    expect(decodePaymentResponseHeader(res.headers.get("payment-response")!)).toMatchObject({ success: true });
    expect((await usdcOf(chain.payTo as Address)) - before).toBe(330_000n);
  });

  it("@x402/axios pays a reverse-phone lookup", async () => {
    const account = privateKeyToAccount(DEMO_PAYER_KEYS[1]);
    const client = new AxiosX402Client().register("eip155:*", new ExactEvmScheme(account) as never);
    const before = await usdcOf(chain.payTo as Address);
    const res = await wrapAxiosWithPayment(axios.create(), client).post(`${base}/api/v1/enrich/phone`, { phone: PHONE });
    expect(res.status).toBe(200);
    expect((res.data as { billing: { mode: string } }).billing.mode).toBe("x402_exact");
    expect((await usdcOf(chain.payTo as Address)) - before).toBe(330_000n);
  });

  it("the mppx client pays with an evm charge (EIP-3009) and gets a Payment-Receipt", async () => {
    const account = privateKeyToAccount(DEMO_PAYER_KEYS[2]);
    const mppx = Mppx.create({
      methods: [charge({ account, authorization: { name: "USD Coin", version: "2" }, networks: [chain.chainId], maxAtomicAmount: "1000000" })],
      polyfill: false,
    });
    const before = await usdcOf(chain.payTo as Address);
    const res = await mppx.fetch(`${base}/api/v1/enrich/phone`, phoneCall());
    expect(res.status).toBe(200);
    expect(Receipt.fromResponse(res)).toMatchObject({ method: "evm", status: "success" });
    expect((await usdcOf(chain.payTo as Address)) - before).toBe(330_000n);
  });
});
