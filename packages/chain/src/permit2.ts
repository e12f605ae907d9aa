import {
  erc20Abi,
  maxUint256,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Transport,
  type WalletClient,
} from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import { connectLocal, type LocalClients } from "./clients.ts";
import { loadArtifacts } from "./compile.ts";
import { PERMIT2_ADDRESS, X402_UPTO_PERMIT2_PROXY_ADDRESS } from "./constants.ts";

// x402 `upto` pays through Permit2 and x402UptoPermit2Proxy at their canonical addresses. Neither is
// on npm, so a local chain gets the project's own minimal contracts (contracts/Permit2.sol and
// contracts/X402UptoPermit2Proxy.sol) at those addresses; production chains have the real ones.

/**
 * Puts the Permit2 and upto-proxy stand-ins at their canonical addresses with `anvil_setCode`,
 * leaving any address that already has code alone (a fork carries the real contracts).
 */
export async function installPermit2(opts: { rpcUrl: string }): Promise<{ permit2: Address; uptoProxy: Address }> {
  await installPermit2With(await connectLocal(opts.rpcUrl));
  return { permit2: PERMIT2_ADDRESS, uptoProxy: X402_UPTO_PERMIT2_PROXY_ADDRESS };
}

export async function installPermit2With(clients: LocalClients): Promise<void> {
  const { Permit2, X402UptoPermit2Proxy } = await loadArtifacts();
  for (const [address, artifact] of [
    [PERMIT2_ADDRESS, Permit2],
    [X402_UPTO_PERMIT2_PROXY_ADDRESS, X402UptoPermit2Proxy],
  ] as const) {
    const existing = await clients.publicClient.getCode({ address });
    if (existing && existing !== "0x") continue;
    await clients.testClient.setCode({ address, bytecode: artifact.deployedBytecode });
  }
}

/**
 * The payer's one-time step before any x402 `upto` payment: let Permit2 pull `token` (default:
 * without limit, as wallets do). Sent from the wallet's own account; resolves once it is mined.
 */
export async function approvePermit2(
  wallet: WalletClient<Transport, Chain, Account>,
  token: Address,
  amount: bigint = maxUint256,
): Promise<Hash> {
  const hash = await wallet.writeContract({
    address: token,
    abi: erc20Abi,
    functionName: "approve",
    args: [PERMIT2_ADDRESS, amount],
  });
  const receipt = await waitForTransactionReceipt(wallet, { hash });
  if (receipt.status !== "success") throw new Error(`Permit2 approval ${hash} reverted`);
  return hash;
}

/** How much of `token` Permit2 may pull from `owner` (what x402 checks: `permit2_allowance_required`). */
export function permit2Allowance(client: Client, token: Address, owner: Address): Promise<bigint> {
  return readContract(client, { address: token, abi: erc20Abi, functionName: "allowance", args: [owner, PERMIT2_ADDRESS] });
}

/** Permit2's EIP-712 types for an x402 `upto` permit, as the x402 client signs them. */
export const uptoPermitTypes = {
  PermitWitnessTransferFrom: [
    { name: "permitted", type: "TokenPermissions" },
    { name: "spender", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
    { name: "witness", type: "Witness" },
  ],
  TokenPermissions: [
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
  ],
  Witness: [
    { name: "to", type: "address" },
    { name: "facilitator", type: "address" },
    { name: "validAfter", type: "uint256" },
  ],
} as const;

export interface UptoPermit {
  permitted: { token: Address; amount: bigint };
  /** Any unused uint256; Permit2 burns it on settlement. */
  nonce: bigint;
  /** Unix seconds; Permit2 refuses the permit after it. */
  deadline: bigint;
  witness: { to: Address; facilitator: Address; validAfter: bigint };
}

/** Typed data for viem's `signTypedData`; the spender is always the upto proxy. */
export function uptoPermitTypedData(chainId: number, permit: UptoPermit) {
  return {
    domain: { name: "Permit2", chainId, verifyingContract: PERMIT2_ADDRESS },
    types: uptoPermitTypes,
    primaryType: "PermitWitnessTransferFrom",
    message: { ...permit, spender: X402_UPTO_PERMIT2_PROXY_ADDRESS },
  } as const;
}
