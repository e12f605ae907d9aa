import { type Address, type Hex, type TypedDataDomain } from "viem";
import { TEST_USDC_EIP712 } from "./constants.ts";

/** EIP-3009's TransferWithAuthorization struct, as USDC and x402's `exact` scheme sign it. */
export const transferWithAuthorizationTypes = {
  TransferWithAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

export interface TransferAuthorization {
  from: Address;
  to: Address;
  /** Atomic units (6 decimals). */
  value: bigint;
  /** Unix seconds; the token requires `validAfter < block.timestamp < validBefore`. */
  validAfter: bigint;
  validBefore: bigint;
  /** Random 32 bytes; each (from, nonce) can be used once. */
  nonce: Hex;
}

export function testUsdcDomain(usdc: Address, chainId: number): TypedDataDomain {
  return { ...TEST_USDC_EIP712, chainId, verifyingContract: usdc };
}

/** The typed data to pass to viem's `signTypedData` for a TestUSDC (or USDC) transfer authorization. */
export function transferAuthorizationTypedData(usdc: Address, chainId: number, message: TransferAuthorization) {
  return {
    domain: testUsdcDomain(usdc, chainId),
    types: transferWithAuthorizationTypes,
    primaryType: "TransferWithAuthorization",
    message,
  } as const;
}
