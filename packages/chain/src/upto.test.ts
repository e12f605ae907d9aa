import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { x402Client } from "@x402/core/client";
import { x402Facilitator } from "@x402/core/facilitator";
import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { UptoEvmScheme as UptoEvmClientScheme } from "@x402/evm/upto/client";
import { UptoEvmScheme as UptoEvmFacilitatorScheme } from "@x402/evm/upto/facilitator";
import { publicActions, type Address } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { ANVIL_ADDRESSES, ANVIL_KEYS } from "./accounts.ts";
import { connectLocal, type LocalClients } from "./clients.ts";
import { usdcBalanceOf } from "./deploy.ts";
import { startLocalChain, type RunningLocalChain } from "./local-chain.ts";
import { approvePermit2 } from "./permit2.ts";

// Wire compatibility for `upto`: the unmodified x402 client signs a Permit2 witness permit and the
// unmodified x402 facilitator verifies and settles it through the project's Permit2 and proxy
// stand-ins, exactly as it would against the canonical contracts on Base.

const payer = privateKeyToAccount(ANVIL_KEYS[1]);
const unapproved = privateKeyToAccount(ANVIL_KEYS[2]);
const broke = privateKeyToAccount(ANVIL_KEYS[7]);

let chain: RunningLocalChain;
let clients: LocalClients;
let facilitator: x402Facilitator;

beforeAll(async () => {
  chain = await startLocalChain({
    fund: [
      { address: payer.address, usd: 10 },
      { address: unapproved.address, usd: 10 },
    ],
  });
  clients = await connectLocal(chain.rpcUrl);
  await approvePermit2(clients.wallet(ANVIL_KEYS[1]), chain.usdc);
  await approvePermit2(clients.wallet(ANVIL_KEYS[7]), chain.usdc);
  const wallet = clients.wallet(chain.facilitatorKey).extend(publicActions);
  const signer = toFacilitatorEvmSigner({
    address: wallet.account.address,
    readContract: (args) => wallet.readContract(args as Parameters<typeof wallet.readContract>[0]),
    verifyTypedData: (args) => wallet.verifyTypedData(args as Parameters<typeof wallet.verifyTypedData>[0]),
    writeContract: (args) => wallet.writeContract(args as Parameters<typeof wallet.writeContract>[0]),
    sendTransaction: (args) => wallet.sendTransaction(args),
    waitForTransactionReceipt: (args) => wallet.waitForTransactionReceipt(args),
    getCode: (args) => wallet.getCode(args),
  });
  facilitator = new x402Facilitator().register(chain.network, new UptoEvmFacilitatorScheme(signer));
});

afterAll(async () => {
  await chain?.stop();
});

const balance = (address: Address) => usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address });

/** A $1.50 ceiling as a job's 402 offers it (SPEC: maxTimeoutSeconds 1200). */
function requirement(overrides: Partial<PaymentRequirements> & { facilitatorAddress?: Address } = {}): PaymentRequirements {
  const { facilitatorAddress = chain.facilitator, ...rest } = overrides;
  return {
    scheme: "upto",
    network: chain.network,
    asset: chain.usdc,
    amount: "1500000",
    payTo: chain.payTo,
    maxTimeoutSeconds: 1200,
    extra: { ...chain.usdcEip712, assetTransferMethod: "permit2", facilitatorAddress },
    ...rest,
  };
}

function sign(account: PrivateKeyAccount, req: PaymentRequirements): Promise<PaymentPayload> {
  // TestUSDC is not one of the SDK's default assets, so the client must be told it may pay with it.
  const client = new x402Client()
    .register("eip155:*", new UptoEvmClientScheme(account))
    .setSpendControls({ allowedAssets: [{ network: chain.network, asset: chain.usdc }] });
  return client.createPaymentPayload({
    x402Version: 2,
    resource: { url: "http://127.0.0.1/api/v1/enrich/jobs", mimeType: "application/json" },
    accepts: [req],
  });
}

/** At settle time the requirement carries the actual amount (x402 upto: the amount is phase-dependent). */
const actual = (req: PaymentRequirements, amount: string): PaymentRequirements => ({ ...req, amount });

describe("@x402/evm upto against the project's Permit2 and proxy", () => {
  it("signs a Permit2 witness permit for the ceiling, bound to the proxy, payee and facilitator", async () => {
    const payload = await sign(payer, requirement());
    const auth = payload.payload["permit2Authorization"] as Record<string, unknown>;
    expect(auth).toMatchObject({
      from: payer.address,
      permitted: { token: chain.usdc, amount: "1500000" },
      spender: chain.uptoProxy,
      witness: { to: chain.payTo, facilitator: chain.facilitator, validAfter: "0" },
    });
    const deadline = Number(auth["deadline"]);
    expect(deadline).toBeGreaterThan(Date.now() / 1000 + 1190);
  });

  it("verifies the ceiling, then settles exactly the actual $0.42 and refuses the same permit again", async () => {
    const req = requirement();
    const payload = await sign(payer, req);
    const [payerBefore, payeeBefore] = [await balance(payer.address), await balance(chain.payTo)];

    expect(await facilitator.verify(payload, req)).toMatchObject({ isValid: true, payer: payer.address });

    const settled = await facilitator.settle(payload, actual(req, "420000"));
    expect(settled).toMatchObject({ success: true, amount: "420000", network: chain.network, payer: payer.address });
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await balance(chain.payTo)).toBe(payeeBefore + 420_000n);
    expect(await balance(payer.address)).toBe(payerBefore - 420_000n);

    // The nonce is spent: neither another settlement nor a fresh verify gets through.
    expect(await facilitator.settle(payload, actual(req, "100000"))).toMatchObject({ success: false, transaction: "" });
    expect(await facilitator.verify(payload, req)).toMatchObject({ isValid: false });
    expect(await balance(payer.address)).toBe(payerBefore - 420_000n);
  });

  it("settles $0 with no transaction and no change in balances", async () => {
    const req = requirement();
    const payload = await sign(payer, req);
    const [payerBefore, blockBefore] = [await balance(payer.address), await clients.publicClient.getBlockNumber()];

    expect(await facilitator.settle(payload, actual(req, "0"))).toMatchObject({ success: true, amount: "0", transaction: "" });

    expect(await clients.publicClient.getBlockNumber()).toBe(blockBefore);
    expect(await balance(payer.address)).toBe(payerBefore);
  });

  it("refuses to settle more than the signed ceiling", async () => {
    const req = requirement();
    const payload = await sign(payer, req);
    const before = await balance(payer.address);
    expect(await facilitator.settle(payload, actual(req, "1500001"))).toMatchObject({
      success: false,
      errorReason: "invalid_upto_evm_payload_settlement_exceeds_amount",
    });
    expect(await balance(payer.address)).toBe(before);
  });

  it("refuses a permit whose deadline is (about to be) past", async () => {
    const req = requirement({ maxTimeoutSeconds: 3 });
    const payload = await sign(payer, req);
    expect(await facilitator.verify(payload, req)).toMatchObject({ isValid: false, invalidReason: "permit2_deadline_expired" });
    expect(await facilitator.settle(payload, actual(req, "1000"))).toMatchObject({
      success: false,
      errorReason: "permit2_deadline_expired",
    });
  });

  it("names the missing Permit2 approval", async () => {
    const req = requirement();
    expect(await facilitator.verify(await sign(unapproved, req), req)).toMatchObject({
      isValid: false,
      invalidReason: "permit2_allowance_required",
    });
  });

  it("names a payer who approved but cannot cover the ceiling", async () => {
    const req = requirement();
    expect(await facilitator.verify(await sign(broke, req), req)).toMatchObject({
      isValid: false,
      invalidReason: "permit2_insufficient_balance",
    });
  });

  it("refuses a permit that names another facilitator in its witness", async () => {
    const req = requirement({ facilitatorAddress: ANVIL_ADDRESSES[9] });
    const payload = await sign(payer, req);
    expect(await facilitator.verify(payload, req)).toMatchObject({ isValid: false, invalidReason: "upto_facilitator_mismatch" });
    expect(await facilitator.settle(payload, actual(req, "1000"))).toMatchObject({
      success: false,
      errorReason: "upto_facilitator_mismatch",
    });
  });

  it("advertises its own address as the upto facilitator in /supported", async () => {
    const supported = facilitator.getSupported();
    const upto = supported.kinds.find((k) => k.scheme === "upto" && k.network === chain.network);
    expect(upto?.extra).toEqual({ facilitatorAddress: chain.facilitator });
  });
});
