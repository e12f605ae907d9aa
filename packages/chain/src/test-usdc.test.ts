import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bytesToHex,
  createWalletClient,
  domainSeparator,
  getAddress,
  http,
  parseEventLogs,
  parseSignature,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { testUsdcAbi } from "./abi.ts";
import { ANVIL_ADDRESSES, ANVIL_KEYS, DEPLOYER_KEY, FACILITATOR_KEY } from "./accounts.ts";
import { startAnvil, type AnvilInstance } from "./anvil.ts";
import { transferAuthorizationTypedData, type TransferAuthorization } from "./authorization.ts";
import { connectLocal, type LocalClients } from "./clients.ts";
import { TEST_USDC_ADDRESS } from "./constants.ts";
import { deployTestUsdc, mintUsdc, usd, usdcBalanceOf } from "./deploy.ts";

const payer = privateKeyToAccount(ANVIL_KEYS[1]);
const stranger = privateKeyToAccount(ANVIL_KEYS[2]);
const payee: Address = ANVIL_ADDRESSES[3];

let anvil: AnvilInstance;
let clients: LocalClients;
let usdc: Address;

beforeAll(async () => {
  anvil = await startAnvil();
  clients = await connectLocal(anvil.rpcUrl);
  usdc = await deployTestUsdc({ rpcUrl: anvil.rpcUrl });
  await mintUsdc({ rpcUrl: anvil.rpcUrl, usdc, to: payer.address, amount: usd(100) });
});

afterAll(async () => {
  await anvil?.stop();
});

const randomNonce = (): Hex => bytesToHex(crypto.getRandomValues(new Uint8Array(32)));

async function chainNow(): Promise<bigint> {
  return (await clients.publicClient.getBlock()).timestamp;
}

async function authorization(overrides: Partial<TransferAuthorization> = {}): Promise<TransferAuthorization> {
  return {
    from: payer.address,
    to: payee,
    value: usd("1.25"),
    validAfter: 0n,
    validBefore: (await chainNow()) + 3600n,
    nonce: randomNonce(),
    ...overrides,
  };
}

function sign(auth: TransferAuthorization, signer = payer): Promise<Hex> {
  return signer.signTypedData(transferAuthorizationTypedData(usdc, anvil.chainId, auth));
}

/** Submitted by the facilitator account, as in x402: the payer never sends a transaction. */
async function submitVrs(auth: TransferAuthorization, signature: Hex) {
  const { v, yParity, r, s } = parseSignature(signature);
  const vByte = Number(v ?? 27n + BigInt(yParity));
  const hash = await clients.wallet(FACILITATOR_KEY).writeContract({
    address: usdc,
    abi: testUsdcAbi,
    functionName: "transferWithAuthorization",
    args: [auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, vByte, r, s],
  });
  return clients.publicClient.waitForTransactionReceipt({ hash });
}

async function submitBytes(auth: TransferAuthorization, signature: Hex) {
  const hash = await clients.wallet(FACILITATOR_KEY).writeContract({
    address: usdc,
    abi: testUsdcAbi,
    functionName: "transferWithAuthorization",
    args: [auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, signature],
  });
  return clients.publicClient.waitForTransactionReceipt({ hash });
}

const balance = (address: Address) => usdcBalanceOf({ rpcUrl: anvil.rpcUrl, usdc, address });
const used = (auth: TransferAuthorization) =>
  clients.publicClient.readContract({
    address: usdc,
    abi: testUsdcAbi,
    functionName: "authorizationState",
    args: [auth.from, auth.nonce],
  });

describe("deployment", () => {
  it("lands at the documented deterministic address on a fresh anvil", () => {
    expect(usdc).toBe(TEST_USDC_ADDRESS);
  });

  it("uses anvil's well-known dev accounts", async () => {
    const accounts = await createWalletClient({ transport: http(anvil.rpcUrl) }).getAddresses();
    expect(accounts.map((a) => getAddress(a))).toEqual([...ANVIL_ADDRESSES]);
    expect(ANVIL_KEYS.map((k) => privateKeyToAccount(k).address)).toEqual([...ANVIL_ADDRESSES]);
  });

  it("looks like USDC to x402: name, symbol, 6 decimals, version 2, matching domain separator", async () => {
    const read = (functionName: "name" | "symbol" | "decimals" | "version" | "DOMAIN_SEPARATOR" | "owner") =>
      clients.publicClient.readContract({ address: usdc, abi: testUsdcAbi, functionName }) as Promise<unknown>;
    expect(await read("name")).toBe("USD Coin");
    expect(await read("symbol")).toBe("USDC");
    expect(await read("decimals")).toBe(6);
    expect(await read("version")).toBe("2");
    expect(await read("owner")).toBe(privateKeyToAccount(DEPLOYER_KEY).address);
    expect(await read("DOMAIN_SEPARATOR")).toBe(
      domainSeparator({ domain: { name: "USD Coin", version: "2", chainId: anvil.chainId, verifyingContract: usdc } }),
    );
  });

  it("lets only the owner mint", async () => {
    await expect(
      mintUsdc({ rpcUrl: anvil.rpcUrl, usdc, to: stranger.address, amount: 1n, ownerKey: ANVIL_KEYS[2] }),
    ).rejects.toThrow(/OwnableUnauthorizedAccount/);
  });
});

describe("transferWithAuthorization (EIP-3009)", () => {
  it("moves funds on a payer's signature submitted by someone else, and spends the nonce", async () => {
    const auth = await authorization();
    const [payerBefore, payeeBefore] = [await balance(payer.address), await balance(payee)];
    expect(await used(auth)).toBe(false);

    const receipt = await submitVrs(auth, await sign(auth));

    expect(receipt.status).toBe("success");
    expect(await balance(payer.address)).toBe(payerBefore - usd("1.25"));
    expect(await balance(payee)).toBe(payeeBefore + 1_250_000n);
    expect(await used(auth)).toBe(true);
    const events = parseEventLogs({ abi: testUsdcAbi, logs: receipt.logs });
    expect(events.map((e) => e.eventName)).toEqual(["AuthorizationUsed", "Transfer"]);
    expect(events[1]?.args).toEqual({ from: payer.address, to: payee, value: 1_250_000n });
  });

  it("accepts the same authorization through the bytes-signature overload", async () => {
    const auth = await authorization({ value: usd("0.01") });
    const payeeBefore = await balance(payee);
    const receipt = await submitBytes(auth, await sign(auth));
    expect(receipt.status).toBe("success");
    expect(await balance(payee)).toBe(payeeBefore + 10_000n);
    expect(await used(auth)).toBe(true);
  });

  it("rejects a replay of a spent nonce, through either overload", async () => {
    const auth = await authorization();
    const signature = await sign(auth);
    await submitVrs(auth, signature);
    const payerAfterFirst = await balance(payer.address);

    await expect(submitVrs(auth, signature)).rejects.toThrow(/authorization is used or canceled/);
    await expect(submitBytes(auth, signature)).rejects.toThrow(/authorization is used or canceled/);
    expect(await balance(payer.address)).toBe(payerAfterFirst);
  });

  it("rejects a signature by anyone but `from`", async () => {
    const auth = await authorization();
    const forged = await sign(auth, stranger);
    await expect(submitVrs(auth, forged)).rejects.toThrow(/invalid signature/);
    await expect(submitBytes(auth, forged)).rejects.toThrow(/invalid signature/);
    expect(await used(auth)).toBe(false);
  });

  it("rejects a signature over different terms (value raised after signing)", async () => {
    const auth = await authorization();
    const signature = await sign(auth);
    await expect(submitVrs({ ...auth, value: auth.value + 1n }, signature)).rejects.toThrow(/invalid signature/);
  });

  it("rejects an expired authorization", async () => {
    const auth = await authorization({ validBefore: (await chainNow()) - 1n });
    await expect(submitVrs(auth, await sign(auth))).rejects.toThrow(/authorization is expired/);
    expect(await used(auth)).toBe(false);
  });

  it("rejects an authorization that is not yet valid", async () => {
    const auth = await authorization({ validAfter: (await chainNow()) + 600n });
    await expect(submitVrs(auth, await sign(auth))).rejects.toThrow(/authorization is not yet valid/);
  });

  it("rejects a transfer beyond the balance with USDC's message", async () => {
    const auth = await authorization({ value: usd(1_000_000) });
    await expect(submitVrs(auth, await sign(auth))).rejects.toThrow(/transfer amount exceeds balance/);
    expect(await used(auth)).toBe(false);
  });
});

describe("receiveWithAuthorization and cancelAuthorization", () => {
  it("lets only the payee submit a receive authorization", async () => {
    const auth = await authorization({ value: usd("0.5") });
    const typedData = transferAuthorizationTypedData(usdc, anvil.chainId, auth);
    const signature = await payer.signTypedData({
      ...typedData,
      types: { ReceiveWithAuthorization: typedData.types.TransferWithAuthorization },
      primaryType: "ReceiveWithAuthorization",
    });
    const call = {
      address: usdc,
      abi: testUsdcAbi,
      functionName: "receiveWithAuthorization",
      args: [auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, signature],
    } as const;
    await expect(clients.wallet(FACILITATOR_KEY).writeContract(call)).rejects.toThrow(/caller must be the payee/);

    const payeeBefore = await balance(payee);
    const hash = await clients.wallet(ANVIL_KEYS[3]).writeContract(call);
    await clients.publicClient.waitForTransactionReceipt({ hash });
    expect(await balance(payee)).toBe(payeeBefore + 500_000n);
  });

  it("cancels an unused nonce so the authorization can no longer be used", async () => {
    const auth = await authorization();
    const transferSignature = await sign(auth);
    const cancelSignature = await payer.signTypedData({
      domain: transferAuthorizationTypedData(usdc, anvil.chainId, auth).domain,
      types: {
        CancelAuthorization: [
          { name: "authorizer", type: "address" },
          { name: "nonce", type: "bytes32" },
        ],
      },
      primaryType: "CancelAuthorization",
      message: { authorizer: payer.address, nonce: auth.nonce },
    });
    const hash = await clients.wallet(FACILITATOR_KEY).writeContract({
      address: usdc,
      abi: testUsdcAbi,
      functionName: "cancelAuthorization",
      args: [payer.address, auth.nonce, cancelSignature],
    });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    expect(parseEventLogs({ abi: testUsdcAbi, logs: receipt.logs }).map((e) => e.eventName)).toEqual([
      "AuthorizationCanceled",
    ]);
    expect(await used(auth)).toBe(true);
    await expect(submitVrs(auth, transferSignature)).rejects.toThrow(/authorization is used or canceled/);
  });
});
