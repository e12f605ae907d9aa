// Helpers for the client suites: wallets on the local chain, agents minted through the client and
// funded by the operator route, and a fault-injecting proxy in front of the real Worker.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createPublicClient, erc20Abi, type Hex, http, numberToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { expect, inject } from "vitest";
import { ApiError, Client, type ClientOptions } from "../src/index.ts";

export const product = () => inject("product");

/** The ApiError a call fails with (the test fails if it resolves or throws anything else). */
export async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}
export const SEED_PHONE = "+17242060094"; // a sandbox number that always matches

export async function rpc(method: string, params: unknown[]) {
  const res = await fetch(product().rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** A brand-new wallet holding `usd` TestUSDC (anvil cheat: no transaction). */
export async function newWallet(usd = 5): Promise<{ key: Hex; account: PrivateKeyAccount }> {
  const key = generatePrivateKey();
  const account = privateKeyToAccount(key);
  await rpc("anvil_dealERC20", [account.address, product().usdc, numberToHex(BigInt(Math.round(usd * 1e6)))]);
  return { key, account };
}

export async function usdcOf(address: Hex): Promise<bigint> {
  return chain().readContract({ address: product().usdc as Hex, abi: erc20Abi, functionName: "balanceOf", args: [address] });
}

export const chain = () => createPublicClient({ transport: http(product().rpcUrl) });

export async function credit(agentId: string, usd: string) {
  const res = await fetch(`${product().base}/api/v1/operator/agents/${agentId}/adjust`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-operator-secret": product().operatorSecret },
    body: JSON.stringify({ amount_usd: usd, direction: "credit", memo: "client tests" }),
  });
  if (!res.ok) throw new Error(`adjust → ${res.status} ${await res.text()}`);
}

/** A minted agent (through the client's own mint) with `usd` credited, and a client holding its bearer. */
export async function fundedAgent(usd = "10", opts: Partial<ClientOptions> = {}) {
  const wallet = await newWallet();
  const client = new Client({ baseUrl: product().base, retry: { baseDelayMs: 50 }, ...opts });
  const minted = await client.mint({ privateKey: wallet.key, allowanceUsd: 20 });
  if (usd !== "0") await credit(minted.agent_id, usd);
  return { client, minted, wallet };
}

/** The local TestUSDC, as the x402 spend controls must be told to accept it. */
export const localUsdc = () => [{ network: `eip155:${product().chainId}`, asset: product().usdc }];

type Plan = "forward" | "429" | "drop-after-forward";

/**
 * A proxy in front of the Worker that answers each request by the next step of `plan` (then
 * forwards): an injected 429 with Retry-After, or the request forwarded and its answer thrown away
 * with the connection (the work done, the client left without it).
 */
export async function faultProxy(plan: Plan[]) {
  const seen: { method: string; path: string; idempotencyKey: string | undefined; status: number | "dropped" }[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const step = plan.shift() ?? "forward";
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const entry = { method: req.method!, path: req.url!, idempotencyKey: req.headers["idempotency-key"] as string | undefined, status: 0 as number | "dropped" };
    seen.push(entry);
    if (step === "429") {
      entry.status = 429;
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1", "x-request-id": "req_injected" });
      res.end(JSON.stringify({ error: { code: "RATE_LIMITED", message: "injected by the test proxy", details: null, request_id: "req_injected" } }));
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k))) as Record<string, string>;
    const upstream = await fetch(`${product().base}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (step === "drop-after-forward") {
      entry.status = "dropped";
      req.socket.destroy();
      return;
    }
    entry.status = upstream.status;
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== "content-encoding" && k !== "transfer-encoding" && k !== "content-length") out[k] = v;
    });
    res.writeHead(upstream.status, out);
    res.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}
