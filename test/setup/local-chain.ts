import type { TestProject } from "vitest/node";
import { startLocalChain } from "../../packages/chain/src/index.ts";

// One anvil for the workerd suites, on the port the config chose and handed to the Worker's env.
export default async function setup(_project: TestProject) {
  const port = Number(process.env.TEST_CHAIN_PORT);
  const chain = await startLocalChain({ port });
  return async () => {
    await chain.stop();
  };
}
