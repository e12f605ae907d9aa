import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bytesToBigInt,
  domainSeparator,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  parseEventLogs,
  serializeCompactSignature,
  signatureToCompactSignature,
  parseSignature,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { testUsdcAbi } from "./abi.ts";
import { ANVIL_ADDRESSES, ANVIL_KEYS } from "./accounts.ts";
import { connectLocal, type LocalClients } from "./clients.ts";
import { loadArtifacts } from "./compile.ts";
import { PERMIT2_ADDRESS, X402_UPTO_PERMIT2_PROXY_ADDRESS } from "./constants.ts";
import { mintUsdc, usd, usdcBalanceOf } from "./deploy.ts";
import { startLocalChain, type RunningLocalChain } from "./local-chain.ts";
import { approvePermit2, permit2Allowance, uptoPermitTypedData, type UptoPermit } from "./permit2.ts";
import { permit2Abi, testSmartWalletAbi, x402UptoPermit2ProxyAbi } from "./permit2-abi.ts";

// The contracts on their own, called the way x402's facilitator calls them: these are the rules a
// signed permit is held to on-chain, whatever any off-chain check said.

const payer = privateKeyToAccount(ANVIL_KEYS[1]);
const unapproved = privateKeyToAccount(ANVIL_KEYS[2]);
const stranger = privateKeyToAccount(ANVIL_KEYS[4]);
const payee: Address = ANVIL_ADDRESSES[3];

// Errors raised inside Permit2 or the token bubble up through the proxy; decode them all by name.
const settleAbi = [
  ...x402UptoPermit2ProxyAbi,
  ...permit2Abi.filter((i) => i.type === "error"),
  ...testUsdcAbi.filter((i) => i.type === "error"),
];

let chain: RunningLocalChain;
let clients: LocalClients;
let facilitator: PrivateKeyAccount;

beforeAll(async () => {
  chain = await startLocalChain({
    fund: [
      { address: payer.address, usd: 20 },
      { address: unapproved.address, usd: 20 },
    ],
  });
  clients = await connectLocal(chain.rpcUrl);
  facilitator = privateKeyToAccount(chain.facilitatorKey);
  await approvePermit2(clients.wallet(ANVIL_KEYS[1]), chain.usdc);
});

afterAll(async () => {
  await chain?.stop();
});

const balance = (address: Address) => usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address });
const chainNow = async () => (await clients.publicClient.getBlock()).timestamp;
const randomNonce = () => bytesToBigInt(crypto.getRandomValues(new Uint8Array(32)));

async function permit(overrides: Partial<Omit<UptoPermit, "witness">> & { witness?: Partial<UptoPermit["witness"]> } = {}) {
  const { witness, ...rest } = overrides;
  return {
    permitted: { token: chain.usdc, amount: usd("1.50") },
    nonce: randomNonce(),
    deadline: (await chainNow()) + 1200n,
    ...rest,
    witness: { to: payee, facilitator: facilitator.address, validAfter: 0n, ...witness },
  } satisfies UptoPermit;
}

function sign(p: UptoPermit, signer: PrivateKeyAccount = payer): Promise<Hex> {
  return signer.signTypedData(uptoPermitTypedData(chain.chainId, p));
}

/** The facilitator's transaction: proxy.settle(permit, amount, owner, witness, signature). */
async function settle(p: UptoPermit, amount: bigint, signature: Hex, opts: { owner?: Address; senderKey?: Hex } = {}) {
  const hash = await clients.wallet(opts.senderKey ?? chain.facilitatorKey).writeContract({
    address: X402_UPTO_PERMIT2_PROXY_ADDRESS,
    abi: settleAbi,
    functionName: "settle",
    args: [{ permitted: p.permitted, nonce: p.nonce, deadline: p.deadline }, amount, opts.owner ?? payer.address, p.witness, signature],
  });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

describe("installed at the canonical addresses", () => {
  it("has code at Permit2's and the upto proxy's addresses, wired to each other", async () => {
    const { Permit2, X402UptoPermit2Proxy } = await loadArtifacts();
    expect(chain).toMatchObject({ permit2: PERMIT2_ADDRESS, uptoProxy: X402_UPTO_PERMIT2_PROXY_ADDRESS });
    expect(await clients.publicClient.getCode({ address: PERMIT2_ADDRESS })).toBe(Permit2.deployedBytecode);
    expect(await clients.publicClient.getCode({ address: X402_UPTO_PERMIT2_PROXY_ADDRESS })).toBe(
      X402UptoPermit2Proxy.deployedBytecode,
    );
    const read = <F extends "PERMIT2" | "WITNESS_TYPE_STRING">(functionName: F) =>
      clients.publicClient.readContract({ address: X402_UPTO_PERMIT2_PROXY_ADDRESS, abi: x402UptoPermit2ProxyAbi, functionName });
    expect(await read("PERMIT2")).toBe(PERMIT2_ADDRESS);
    expect(await read("WITNESS_TYPE_STRING")).toBe(
      "Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,address facilitator,uint256 validAfter)",
    );
  });

  it("computes Permit2's domain separator from this chain and the address the code runs at", async () => {
    const onChain = await clients.publicClient.readContract({
      address: PERMIT2_ADDRESS,
      abi: permit2Abi,
      functionName: "DOMAIN_SEPARATOR",
    });
    expect(onChain).toBe(
      domainSeparator({ domain: { name: "Permit2", chainId: chain.chainId, verifyingContract: PERMIT2_ADDRESS } }),
    );
  });

  it("approvePermit2 sets the token allowance Permit2 draws on", async () => {
    expect(await permit2Allowance(clients.publicClient, chain.usdc, payer.address)).toBe(2n ** 256n - 1n);
    expect(await permit2Allowance(clients.publicClient, chain.usdc, unapproved.address)).toBe(0n);
  });
});

describe("settle", () => {
  it("moves the chosen amount, at most the permitted one, to the witness's payee and spends the nonce", async () => {
    const p = await permit();
    const [payerBefore, payeeBefore] = [await balance(payer.address), await balance(payee)];

    const receipt = await settle(p, 420_000n, await sign(p));

    expect(await balance(payer.address)).toBe(payerBefore - 420_000n);
    expect(await balance(payee)).toBe(payeeBefore + 420_000n);
    const events = parseEventLogs({ abi: [...testUsdcAbi, ...x402UptoPermit2ProxyAbi], logs: receipt.logs });
    expect(events.map((e) => e.eventName)).toEqual(["Transfer", "Settled"]);
    const bits = await clients.publicClient.readContract({
      address: PERMIT2_ADDRESS,
      abi: permit2Abi,
      functionName: "nonceBitmap",
      args: [payer.address, p.nonce >> 8n],
    });
    expect((bits >> (p.nonce & 0xffn)) & 1n).toBe(1n);
  });

  it("settles the full permitted amount and refuses the same permit again", async () => {
    const p = await permit({ permitted: { token: chain.usdc, amount: usd("0.05") } });
    const signature = await sign(p);
    await settle(p, usd("0.05"), signature);
    const after = await balance(payer.address);
    await expect(settle(p, 1n, signature)).rejects.toThrow(/InvalidNonce/);
    expect(await balance(payer.address)).toBe(after);
  });

  it("lets only the facilitator named in the witness settle", async () => {
    const p = await permit();
    const signature = await sign(p);
    await expect(settle(p, 1_000n, signature, { senderKey: ANVIL_KEYS[4] })).rejects.toThrow(/UnauthorizedFacilitator/);
    // Naming the stranger in the witness instead changes what was signed.
    const redirected = { ...p, witness: { ...p.witness, facilitator: stranger.address } };
    await expect(settle(redirected, 1_000n, signature, { senderKey: ANVIL_KEYS[4] })).rejects.toThrow(/InvalidSigner/);
    await settle(p, 1_000n, signature);
  });

  it("refuses more than permitted, and zero", async () => {
    const p = await permit();
    const signature = await sign(p);
    await expect(settle(p, usd("1.50") + 1n, signature)).rejects.toThrow(/AmountExceedsPermitted/);
    await expect(settle(p, 0n, signature)).rejects.toThrow(/InvalidAmount/);
  });

  it("refuses a changed payee, amount or token: the signature no longer covers the permit", async () => {
    const p = await permit();
    const signature = await sign(p);
    await expect(settle({ ...p, witness: { ...p.witness, to: stranger.address } }, 1_000n, signature)).rejects.toThrow(
      /InvalidSigner/,
    );
    await expect(
      settle({ ...p, permitted: { token: chain.usdc, amount: usd(15) } }, usd(10), signature),
    ).rejects.toThrow(/InvalidSigner/);
    await expect(settle(p, 1_000n, await sign(p, stranger))).rejects.toThrow(/InvalidSigner/);
    await expect(settle(p, 1_000n, `${signature.slice(0, -2)}1f` as Hex)).rejects.toThrow(/InvalidSignature\b/);
    await expect(settle(p, 1_000n, `${signature}00`)).rejects.toThrow(/InvalidSignatureLength/);
  });

  it("refuses a settlement before the witness's validAfter", async () => {
    const p = await permit({ witness: { validAfter: (await chainNow()) + 600n } });
    await expect(settle(p, 1_000n, await sign(p))).rejects.toThrow(/PaymentTooEarly/);
  });

  it("fails on the token's allowance when the payer never approved Permit2", async () => {
    const p = await permit();
    await expect(settle(p, 1_000n, await sign(p, unapproved), { owner: unapproved.address })).rejects.toThrow(
      /ERC20InsufficientAllowance/,
    );
  });

  it("accepts an EIP-2098 compact (64-byte) signature", async () => {
    const p = await permit();
    const compact = serializeCompactSignature(signatureToCompactSignature(parseSignature(await sign(p))));
    expect(compact).toHaveLength(2 + 128);
    const before = await balance(payee);
    await settle(p, 7_000n, compact);
    expect(await balance(payee)).toBe(before + 7_000n);
  });

  it("accepts a contract wallet's EIP-1271 signature and refuses one it does not vouch for", async () => {
    const { TestSmartWallet } = await loadArtifacts();
    const owner = clients.wallet(ANVIL_KEYS[1]);
    const deployed = await clients.publicClient.waitForTransactionReceipt({
      hash: await owner.deployContract({ abi: testSmartWalletAbi, bytecode: TestSmartWallet.bytecode, args: [payer.address] }),
    });
    const wallet = getAddress(deployed.contractAddress!);
    await mintUsdc({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, to: wallet, amount: usd(2) });
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [PERMIT2_ADDRESS, usd(2)] });
    await clients.publicClient.waitForTransactionReceipt({
      hash: await owner.writeContract({ address: wallet, abi: testSmartWalletAbi, functionName: "execute", args: [chain.usdc, approve] }),
    });

    const p = await permit();
    // The wallet vouches for its owner's signature over Permit2's digest.
    await expect(settle(p, 1_000n, await sign(p, stranger), { owner: wallet })).rejects.toThrow(/InvalidContractSignature/);
    await settle(p, 250_000n, await sign(p, payer), { owner: wallet });
    expect(await balance(wallet)).toBe(usd(2) - 250_000n);
  });

  it("lets the payer cancel an unused permit by invalidating its nonce", async () => {
    const p = await permit();
    const signature = await sign(p);
    const hash = await clients.wallet(ANVIL_KEYS[1]).writeContract({
      address: PERMIT2_ADDRESS,
      abi: permit2Abi,
      functionName: "invalidateUnorderedNonces",
      args: [p.nonce >> 8n, 1n << (p.nonce & 0xffn)],
    });
    await clients.publicClient.waitForTransactionReceipt({ hash });
    await expect(settle(p, 1_000n, signature)).rejects.toThrow(/InvalidNonce/);
  });

  // Last: it moves the chain's clock forward.
  it("refuses a permit past its deadline", async () => {
    const p = await permit({ deadline: (await chainNow()) + 60n });
    const signature = await sign(p);
    await clients.testClient.increaseTime({ seconds: 120 });
    await clients.testClient.mine({ blocks: 1 });
    await expect(settle(p, 1_000n, signature)).rejects.toThrow(/SignatureExpired/);
  });
});
