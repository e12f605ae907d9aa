import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type Chain,
  type Hex,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
  type Account,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { MULTICALL3_ADDRESS } from "./constants.ts";

// viem polls every 4 s by default, which is built for public chains; a local node answers at once.
const POLLING_INTERVAL_MS = 50;

export function localChainDefinition(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: `Local ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    // Present once setupLocalChain (or installMulticall3) has run; lets viem batch reads with multicall().
    contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
  });
}

export interface LocalClients {
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  testClient: TestClient<"anvil", Transport, Chain>;
  wallet(privateKey: Hex): WalletClient<Transport, Chain, Account>;
}

/** viem clients for a local node; asks the node for its chain id so callers need not pass it. */
export async function connectLocal(rpcUrl: string): Promise<LocalClients> {
  const transport = http(rpcUrl);
  const chainId = await createPublicClient({ transport }).getChainId();
  const chain = localChainDefinition(chainId, rpcUrl);
  return {
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval: POLLING_INTERVAL_MS }),
    testClient: createTestClient({ chain, transport, mode: "anvil", pollingInterval: POLLING_INTERVAL_MS }),
    wallet: (privateKey) =>
      createWalletClient({
        chain,
        transport,
        account: privateKeyToAccount(privateKey),
        pollingInterval: POLLING_INTERVAL_MS,
      }),
  };
}
