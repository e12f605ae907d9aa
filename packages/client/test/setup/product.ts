import type { TestProject } from "vitest/node";
import { freePort } from "../../../../scripts/lib/free-port.ts";
import { startProduct } from "../../../../scripts/lib/product.ts";

export interface ProductInfo {
  base: string;
  rpcUrl: string;
  chainId: number;
  usdc: string;
  payTo: string;
  operatorSecret: string;
  callbackPort: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    product: ProductInfo;
  }
}

// One real product (anvil + `wrangler dev`, throwaway state, free ports) for every client test file.
export default async function setup(project: TestProject) {
  const callbackPort = await freePort();
  const product = await startProduct({
    name: "411data-client-test",
    keepState: process.env.KEEP_STATE === "1",
    vars: {
      // Two catalog-tier routes on, leads/search left offline: both behaviours are tested.
      CATALOG_ROUTES_ENABLED: "enrich.email,enrich.company",
      CALLBACKS_ALLOW_LOOPBACK: "true",
      CALLBACKS_LOOPBACK_PORTS: String(callbackPort),
      QUEUE_RETRY_BASE_SEC: "0",
    },
  });
  project.provide("product", {
    base: product.base,
    rpcUrl: product.chain.rpcUrl,
    chainId: product.chain.chainId,
    usdc: product.chain.usdc,
    payTo: product.chain.payTo,
    operatorSecret: product.operatorSecret,
    callbackPort,
  });
  return () => product.stop();
}
