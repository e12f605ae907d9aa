import { env, exports } from "cloudflare:workers";
import { x402Client } from "@x402/core/client";
import { PERMIT2_ADDRESS } from "@x402/evm";
import { UptoEvmScheme } from "@x402/evm/upto/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { createWalletClient, defineChain, erc20Abi, http, maxUint256, numberToHex, publicActions, type Address } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { BASE } from "./http.ts";
import { newWallet, rpc } from "./wallets.ts";

/** The payer's one-time step, as a wallet does it: a real `approve(Permit2, max)` transaction (gas from an anvil top-up). */
export async function approvePermit2(account: PrivateKeyAccount) {
  await rpc("anvil_setBalance", [account.address, numberToHex(10n ** 18n)]);
  const chain = defineChain({ id: 31337, name: "anvil", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [env.CHAIN_RPC_URL] } } });
  const wallet = createWalletClient({ account, chain, transport: http(env.CHAIN_RPC_URL) }).extend(publicActions);
  const hash = await wallet.writeContract({ address: env.USDC_ADDRESS as Address, abi: erc20Abi, functionName: "approve", args: [PERMIT2_ADDRESS, maxUint256] });
  await wallet.waitForTransactionReceipt({ hash, pollingInterval: 50 });
}

/** A wallet with `usd` TestUSDC that approved Permit2, and the SDK's own upto client submitting jobs for it. */
export async function uptoPayer(usd = 10) {
  const account = await newWallet(usd);
  await approvePermit2(account);
  const client = new x402Client()
    .register("eip155:*", new UptoEvmScheme(account))
    .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: env.USDC_ADDRESS }] });
  const pay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)), client);
  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    pay(`${BASE}/api/v1/enrich/jobs`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { account, client, submit };
}
