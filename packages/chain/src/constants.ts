import type { Address } from "viem";

/**
 * Where TestUSDC lands on a fresh anvil: the first transaction of DEPLOYER_KEY (anvil account 0) is
 * its deployment, so the address is the CREATE address for (account 0, nonce 0) and config can name it.
 */
export const TEST_USDC_ADDRESS: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
/** Multicall3's canonical address, where the x402 facilitator looks for it on every chain. */
export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";
export const USDC_DECIMALS = 6;
/** TestUSDC's EIP-712 domain name and version: what x402 requirements carry in `extra`. */
export const TEST_USDC_EIP712 = { name: "USD Coin", version: "2" } as const;
