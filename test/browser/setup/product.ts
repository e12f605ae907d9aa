import type { TestProject } from "vitest/node";
import { startProduct } from "../../../scripts/lib/product.ts";

// The product as `pnpm dev` runs it (anvil + TestUSDC, `wrangler dev`, which builds and serves the
// pages' static assets), on free ports with throwaway state, for every browser test file.

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    rpcUrl: string;
    chainId: number;
    usdc: string;
    payTo: string;
    /** For the operator's adjust route: funds a test agent above its starting credit. */
    operatorSecret: string;
  }
}

export default async function setup(project: TestProject) {
  const product = await startProduct({ name: "411data-browser-test", keepState: process.env.KEEP_STATE === "1" });
  project.provide("baseUrl", product.base);
  project.provide("rpcUrl", product.chain.rpcUrl);
  project.provide("chainId", product.chain.chainId);
  project.provide("usdc", product.chain.usdc);
  project.provide("payTo", product.chain.payTo);
  project.provide("operatorSecret", product.operatorSecret);
  return () => product.stop();
}
