import { getAddress, getContractAddress, parseUnits, type Address, type Hash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { testUsdcAbi } from "./abi.ts";
import { DEPLOYER_KEY, FACILITATOR_KEY, PAY_TO_ADDRESS } from "./accounts.ts";
import { connectLocal, type LocalClients } from "./clients.ts";
import { loadArtifacts } from "./compile.ts";
import {
  MULTICALL3_ADDRESS,
  PERMIT2_ADDRESS,
  TEST_USDC_EIP712,
  USDC_DECIMALS,
  X402_UPTO_PERMIT2_PROXY_ADDRESS,
} from "./constants.ts";
import { installPermit2With } from "./permit2.ts";

/** Dollars to TestUSDC atomic units (6 decimals); takes strings for amounts a float cannot hold exactly. */
export function usd(amount: number | string): bigint {
  return parseUnits(String(amount), USDC_DECIMALS);
}

export async function deployTestUsdc(opts: { rpcUrl: string; deployerKey?: Hex }): Promise<Address> {
  return deployWith(await connectLocal(opts.rpcUrl), opts.deployerKey ?? DEPLOYER_KEY);
}

async function deployWith(clients: LocalClients, deployerKey: Hex): Promise<Address> {
  const { TestUSDC } = await loadArtifacts();
  const hash = await clients.wallet(deployerKey).deployContract({ abi: testUsdcAbi, bytecode: TestUSDC.bytecode });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`TestUSDC deployment failed: ${hash}`);
  return getAddress(receipt.contractAddress);
}

/** Mints as the token owner and waits for the receipt. `amount` is in atomic units (see {@link usd}). */
export async function mintUsdc(opts: {
  rpcUrl: string;
  usdc: Address;
  to: Address;
  amount: bigint;
  ownerKey?: Hex;
}): Promise<Hash> {
  const clients = await connectLocal(opts.rpcUrl);
  const hash = await clients.wallet(opts.ownerKey ?? DEPLOYER_KEY).writeContract({
    address: opts.usdc,
    abi: testUsdcAbi,
    functionName: "mint",
    args: [opts.to, opts.amount],
  });
  await requireSuccess(clients, hash);
  return hash;
}

export async function usdcBalanceOf(opts: { rpcUrl: string; usdc: Address; address: Address }): Promise<bigint> {
  const { publicClient } = await connectLocal(opts.rpcUrl);
  return publicClient.readContract({
    address: opts.usdc,
    abi: testUsdcAbi,
    functionName: "balanceOf",
    args: [opts.address],
  });
}

/**
 * Puts the project's Multicall3 at the canonical address with `anvil_setCode`. Without it the x402
 * facilitator still works, but reports every failed simulation as a generic failure instead of naming
 * the cause (spent nonce, short balance, wrong domain).
 */
export async function installMulticall3(opts: { rpcUrl: string }): Promise<Address> {
  const clients = await connectLocal(opts.rpcUrl);
  await installMulticall3With(clients);
  return MULTICALL3_ADDRESS;
}

async function installMulticall3With(clients: LocalClients): Promise<void> {
  const existing = await clients.publicClient.getCode({ address: MULTICALL3_ADDRESS });
  if (existing && existing !== "0x") return;
  const { Multicall3 } = await loadArtifacts();
  await clients.testClient.setCode({ address: MULTICALL3_ADDRESS, bytecode: Multicall3.deployedBytecode });
}

export interface FundRequest {
  address: Address;
  /** Dollars; converted with {@link usd}. */
  usd: number | string;
}

export interface LocalChain {
  chainId: number;
  /** CAIP-2 id as x402 writes it, e.g. `eip155:31337`. */
  network: `eip155:${number}`;
  rpcUrl: string;
  usdc: Address;
  usdcEip712: typeof TEST_USDC_EIP712;
  multicall3: Address;
  /** Permit2 and x402's upto proxy at their canonical addresses (the project's stand-ins). */
  permit2: Address;
  uptoProxy: Address;
  deployer: Address;
  deployerKey: Hex;
  facilitator: Address;
  facilitatorKey: Hex;
  payTo: Address;
  funded: { address: Address; amount: bigint }[];
}

/**
 * Makes a node ready for local payments: TestUSDC (at {@link TEST_USDC_ADDRESS} on a fresh anvil with
 * the default deployer), Multicall3, Permit2 and the x402 upto proxy (for `upto` payments), and
 * TestUSDC minted to each `fund` entry. Safe to run again on the same node: an existing TestUSDC
 * from this deployer is reused and the mints add up.
 */
export async function setupLocalChain(opts: {
  rpcUrl: string;
  fund?: FundRequest[];
  deployerKey?: Hex;
  facilitatorKey?: Hex;
}): Promise<LocalChain> {
  const deployerKey = opts.deployerKey ?? DEPLOYER_KEY;
  const facilitatorKey = opts.facilitatorKey ?? FACILITATOR_KEY;
  const deployer = privateKeyToAccount(deployerKey).address;
  const clients = await connectLocal(opts.rpcUrl);

  await installMulticall3With(clients);
  await installPermit2With(clients);
  const usdc = (await findExistingTestUsdc(clients, deployer)) ?? (await deployWith(clients, deployerKey));

  const funded = (opts.fund ?? []).map((f) => ({ address: f.address, amount: usd(f.usd) }));
  await mintAll(clients, deployerKey, usdc, funded);

  return {
    chainId: clients.chain.id,
    network: `eip155:${clients.chain.id}`,
    rpcUrl: opts.rpcUrl,
    usdc,
    usdcEip712: TEST_USDC_EIP712,
    multicall3: MULTICALL3_ADDRESS,
    permit2: PERMIT2_ADDRESS,
    uptoProxy: X402_UPTO_PERMIT2_PROXY_ADDRESS,
    deployer,
    deployerKey,
    facilitator: privateKeyToAccount(facilitatorKey).address,
    facilitatorKey,
    payTo: PAY_TO_ADDRESS,
    funded,
  };
}

async function findExistingTestUsdc(clients: LocalClients, deployer: Address): Promise<Address | undefined> {
  const nonce = await clients.publicClient.getTransactionCount({ address: deployer });
  if (nonce === 0) return undefined;
  const candidate = getContractAddress({ from: deployer, nonce: 0n });
  const code = await clients.publicClient.getCode({ address: candidate });
  if (!code || code === "0x") return undefined;
  try {
    const [name, version, owner] = await Promise.all([
      clients.publicClient.readContract({ address: candidate, abi: testUsdcAbi, functionName: "name" }),
      clients.publicClient.readContract({ address: candidate, abi: testUsdcAbi, functionName: "version" }),
      clients.publicClient.readContract({ address: candidate, abi: testUsdcAbi, functionName: "owner" }),
    ]);
    const matches = name === TEST_USDC_EIP712.name && version === TEST_USDC_EIP712.version && owner === deployer;
    return matches ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** Sends every mint before waiting for any, so setup costs one block even when anvil has a block time. */
async function mintAll(
  clients: LocalClients,
  ownerKey: Hex,
  usdc: Address,
  mints: { address: Address; amount: bigint }[],
): Promise<void> {
  const wallet = clients.wallet(ownerKey);
  const firstNonce = await clients.publicClient.getTransactionCount({
    address: wallet.account.address,
    blockTag: "pending",
  });
  const hashes: Hash[] = [];
  for (const [i, mint] of mints.entries()) {
    hashes.push(
      await wallet.writeContract({
        address: usdc,
        abi: testUsdcAbi,
        functionName: "mint",
        args: [mint.address, mint.amount],
        nonce: firstNonce + i,
      }),
    );
  }
  await Promise.all(hashes.map((hash) => requireSuccess(clients, hash)));
}

async function requireSuccess(clients: LocalClients, hash: Hash): Promise<void> {
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
}
