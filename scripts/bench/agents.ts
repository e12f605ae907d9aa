// Agents for the benchmark, minted the way a client mints them (SIWE through wallet-nonce and
// wallet-register, signed with viem) and funded by the operator's balance-adjust route.
import { numberToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { ChainInfo } from "./processes.ts";

export interface BenchAgent {
  agentId: string;
  token: string;
}

export async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${new URL(url).pathname} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, string>;
}

/** A fresh wallet (given 5 TestUSDC so it may mint), an agent for it, and `creditUsd` on its balance. */
export async function mintFundedAgent(base: string, chain: ChainInfo, operatorSecret: string, creditUsd: string, n: number): Promise<BenchAgent> {
  const wallet = privateKeyToAccount(generatePrivateKey());
  // Each agent's client on its own address (RFC 2544 benchmarking range): the anonymous limit is
  // per address, and fifty clients minting from one address is not the traffic it is there for.
  const client = { "cf-connecting-ip": `198.18.${n >> 8}.${n & 255}` };
  // anvil's cheat call sets a token balance directly: no transaction, no nonce race between agents.
  await rpc(chain.rpcUrl, "anvil_dealERC20", [wallet.address, chain.usdc, numberToHex(5_000_000n)]);
  const nonce = await post(`${base}/api/v1/agents/wallet-nonce`, { address: wallet.address }, client);
  const registered = await post(
    `${base}/api/v1/agents/wallet-register`,
    { siwe_message: nonce.siwe_message, siwe_signature: await wallet.signMessage({ message: nonce.siwe_message! }) },
    client,
  );
  const agent = { agentId: registered.agent_id!, token: registered.token! };
  await post(
    `${base}/api/v1/operator/agents/${agent.agentId}/adjust`,
    { amount_usd: creditUsd, direction: "credit", memo: "benchmark funds" },
    { ...client, "x-operator-secret": operatorSecret },
  );
  return agent;
}
