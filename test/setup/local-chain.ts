import type { TestProject } from "vitest/node";
import { startLocalChain } from "../../packages/chain/src/index.ts";

// One anvil for the workerd suites, on the port the config chose and handed to the Worker's env:
// TestUSDC, Multicall3, and Permit2 with the x402 upto proxy at their canonical addresses. A test
// payer approves Permit2 with a real `approve`, or `anvil_setERC20Allowance(owner, Permit2, token, n)`.
export default async function setup(_project: TestProject) {
  const port = Number(process.env.TEST_CHAIN_PORT);
  const chain = await startLocalChain({ port });
  return async () => {
    await chain.stop();
  };
}
