import { createPublicClient, defineChain, erc20Abi, getAddress, http, type Address, type PublicClient } from "viem";
import { ApiError, type Micros } from "@411data/core";
import type { Config } from "../config.ts";

// One read-only client per isolate and chain config: mint balance checks and smart-wallet
// signature checks read the configured chain (anvil locally, Base in production).
const clients = new Map<string, PublicClient>();

export function chainClient(config: Config): PublicClient {
  const key = `${config.CHAIN_ID}|${config.CHAIN_RPC_URL}`;
  let client = clients.get(key);
  if (!client) {
    const chain = defineChain({
      id: config.CHAIN_ID,
      name: `eip155:${config.CHAIN_ID}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [config.CHAIN_RPC_URL] } },
    });
    client = createPublicClient({ chain, transport: http(config.CHAIN_RPC_URL, { timeout: 10_000, retryCount: 1 }) });
    clients.set(key, client);
  }
  return client;
}

/** USDC held by `wallet`, in atomic units (= µUSD). */
export async function usdcBalance(config: Config, wallet: Address): Promise<Micros> {
  try {
    const raw = await chainClient(config).readContract({
      address: getAddress(config.USDC_ADDRESS),
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [wallet],
    });
    // Capped: a whale's balance only needs to clear the minimum, and must stay a safe integer.
    return Number(raw > 10n ** 15n ? 10n ** 15n : raw);
  } catch (err) {
    throw new ApiError("CHAIN_UNAVAILABLE", "could not read the wallet's USDC balance; retry shortly", {
      headers: { "Retry-After": "5" },
      cause: err,
    });
  }
}
