// The reference x402 server the benchmark puts next to 411data: what the official packages give
// when built the documented way (Hono + `@x402/hono` paymentMiddleware + x402ResourceServer with
// the SDK's own facilitator in process, as in x402's `servers/self-facilitation` example), on the
// same chain, token and prices as 411data's routes. The handlers do no work; only the payment is
// measured. Receipts are polled every 100 ms, as the product's facilitator does.
//
// The facilitator is the same SDK code as the product's LocalFacilitator (x402Facilitator + the
// exact EVM scheme over a viem wallet), built here as the example builds it rather than imported:
// the fair reference is the SDK with viem's nonce manager settling concurrently, not the
// product's own nonce sender.
//
// The same app runs on Node (x402-reference-node.ts) and inside workerd (x402-reference-worker.ts).
import { x402Facilitator } from "@x402/core/facilitator";
import type { Network, SupportedResponse } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme as ExactFacilitator } from "@x402/evm/exact/facilitator";
import { ExactEvmScheme as ExactServer } from "@x402/evm/exact/server";
import { paymentMiddleware, x402ResourceServer } from "@x402/hono";
import { Hono } from "hono";
import { createWalletClient, defineChain, type Hex, http, nonceManager, publicActions } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export interface ReferenceConfig {
  CHAIN_RPC_URL: string;
  CHAIN_ID: string;
  USDC_ADDRESS: string;
  PAY_TO_ADDRESS: string;
  FACILITATOR_PRIVATE_KEY: string;
  /** "1": viem's nonce manager hands out the facilitator key's nonces, so concurrent settles do not collide. */
  NONCE_MANAGER?: string;
}

/** The two prices of 411data's x402 routes, in USDC atomic units (= micro-USD). */
export const REFERENCE_ROUTES = {
  "/api/v1/support/tickets": "10000",
  "/api/v1/enrich/phone": "330000",
} as const;

export function referenceApp(config: ReferenceConfig): Hono {
  const network = `eip155:${config.CHAIN_ID}` as Network;
  const account = privateKeyToAccount(config.FACILITATOR_PRIVATE_KEY as Hex, config.NONCE_MANAGER === "1" ? { nonceManager } : {});
  const chain = defineChain({
    id: Number(config.CHAIN_ID),
    name: network,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.CHAIN_RPC_URL] } },
  });
  const wallet = createWalletClient({ account, chain, transport: http(config.CHAIN_RPC_URL), pollingInterval: 100 }).extend(publicActions);
  const signer = toFacilitatorEvmSigner({
    address: account.address,
    readContract: (args) => wallet.readContract(args as Parameters<typeof wallet.readContract>[0]),
    verifyTypedData: (args) => wallet.verifyTypedData(args as Parameters<typeof wallet.verifyTypedData>[0]),
    writeContract: (args) => wallet.writeContract(args as Parameters<typeof wallet.writeContract>[0]),
    sendTransaction: (args) => wallet.sendTransaction(args),
    waitForTransactionReceipt: (args) => wallet.waitForTransactionReceipt(args),
    getCode: (args) => wallet.getCode(args),
  });
  const facilitator = new x402Facilitator().register(network, new ExactFacilitator(signer));
  const server = new x402ResourceServer({
    verify: (payload, requirements) => facilitator.verify(payload, requirements),
    settle: (payload, requirements) => facilitator.settle(payload, requirements),
    getSupported: async () => facilitator.getSupported() as SupportedResponse,
  }).register(network, new ExactServer());

  const routes = Object.fromEntries(
    Object.entries(REFERENCE_ROUTES).map(([path, amount]) => [
      `POST ${path}`,
      {
        accepts: {
          scheme: "exact",
          network,
          payTo: config.PAY_TO_ADDRESS,
          price: { amount, asset: config.USDC_ADDRESS, extra: { name: "USD Coin", version: "2" } },
          maxTimeoutSeconds: 60,
        },
        description: "reference route",
        mimeType: "application/json",
      },
    ]),
  );
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.use(paymentMiddleware(routes, server));
  for (const path of Object.keys(REFERENCE_ROUTES)) app.post(path, (c) => c.json({ ok: true, route: path }));
  return app;
}

