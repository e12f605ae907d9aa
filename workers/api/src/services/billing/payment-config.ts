import type { PaymentConfig } from "@411data/x402";
import type { Config } from "../../config.ts";

// USDC's EIP-712 domain on Base; the local TestUSDC deliberately uses the same one.
const USDC_EIP712 = { name: "USD Coin", version: "2" } as const;

/** Where and how this deployment is paid, from the one config. */
export function paymentConfig(config: Config): PaymentConfig {
  return {
    network: `eip155:${config.CHAIN_ID}`,
    asset: config.USDC_ADDRESS,
    payTo: config.PAY_TO_ADDRESS,
    maxTimeoutSeconds: config.X402_MAX_TIMEOUT_SEC,
    eip712: USDC_EIP712,
  };
}
