import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { x402Client } from "@x402/core/client";
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { wrapFetchWithPayment } from "@x402/fetch";
import { PERMIT2_ADDRESS } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { type Address, createWalletClient, defineChain, erc20Abi, type Hex, hexToBigInt, http, maxUint256, numberToHex, publicActions } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { BASE } from "./http.ts";
import { rpc } from "./wallets.ts";

/** The SDK's own paying client, as an agent would set it up (TestUSDC allowed explicitly). */
export function payingFetch(account: PrivateKeyAccount) {
  const client = new x402Client()
    .register("eip155:*", new ExactEvmScheme(account))
    .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: env.USDC_ADDRESS }] });
  const worker = async (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));
  return { client, fetch: wrapFetchWithPayment(worker, client) };
}

export function paidPost(pay: ReturnType<typeof payingFetch>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return pay.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * A signed PAYMENT-SIGNATURE for one call of `path`, not sent: for replays (the same header twice,
 * or at once) and requests the test sends itself.
 */
export async function signedPaymentFor(pay: ReturnType<typeof payingFetch>, path: string, body: unknown): Promise<string> {
  const challenge = await exports.default.fetch(
    new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  );
  const required = decodePaymentRequiredHeader(challenge.headers.get("payment-required")!);
  return encodePaymentSignatureHeader(await pay.client.createPaymentPayload(required));
}

export async function usdcOf(address: Address): Promise<bigint> {
  const data = `0x70a08231${address.slice(2).toLowerCase().padStart(64, "0")}` as Hex;
  const res = await fetch(env.CHAIN_RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_call", params: [{ to: env.USDC_ADDRESS, data }, "latest"] }),
  });
  return hexToBigInt(((await res.json()) as { result: Hex }).result);
}

/** The payer's one-time step for x402 upto, as a wallet does it: a real `approve(Permit2, max)` transaction (gas from an anvil top-up). */
export async function approvePermit2(account: PrivateKeyAccount) {
  await rpc("anvil_setBalance", [account.address, numberToHex(10n ** 18n)]);
  const chain = defineChain({ id: 31337, name: "anvil", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [env.CHAIN_RPC_URL] } } });
  const wallet = createWalletClient({ account, chain, transport: http(env.CHAIN_RPC_URL) }).extend(publicActions);
  const hash = await wallet.writeContract({ address: env.USDC_ADDRESS as Address, abi: erc20Abi, functionName: "approve", args: [PERMIT2_ADDRESS, maxUint256] });
  const receipt = await wallet.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  expect(receipt.status).toBe("success");
}
