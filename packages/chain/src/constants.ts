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
/** Uniswap Permit2's canonical address; locally the project's own stand-in is installed there. */
export const PERMIT2_ADDRESS: Address = "0x000000000022D473030F116dDEE9F6B43aC78BA3";
/** x402UptoPermit2Proxy's canonical (CREATE2) address: the `spender` every x402 `upto` permit names. */
export const X402_UPTO_PERMIT2_PROXY_ADDRESS: Address = "0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002";
