import { startAnvil, type AnvilInstance, type StartAnvilOptions } from "./anvil.ts";
import { setupLocalChain, type FundRequest, type LocalChain } from "./deploy.ts";

export interface RunningLocalChain extends LocalChain {
  anvil: AnvilInstance;
  stop(): Promise<void>;
}

/** A fresh anvil with TestUSDC and Multicall3 in place and `fund` minted: one call for a test's setup. */
export async function startLocalChain(
  opts: StartAnvilOptions & { fund?: FundRequest[] } = {},
): Promise<RunningLocalChain> {
  const { fund, ...anvilOptions } = opts;
  const anvil = await startAnvil(anvilOptions);
  try {
    const chain = await setupLocalChain({ rpcUrl: anvil.rpcUrl, ...(fund ? { fund } : {}) });
    return { ...chain, anvil, stop: () => anvil.stop() };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
