import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { x402Client } from "@x402/core/client";
import { x402Facilitator } from "@x402/core/facilitator";
import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme as ExactEvmClientScheme } from "@x402/evm/exact/client";
import { ExactEvmScheme as ExactEvmFacilitatorScheme } from "@x402/evm/exact/facilitator";
import { privateKeyToAccount } from "viem/accounts";
import { publicActions } from "viem";
import { ANVIL_KEYS } from "./accounts.ts";
import { connectLocal } from "./clients.ts";
import { usdcBalanceOf } from "./deploy.ts";
import { startLocalChain, type RunningLocalChain } from "./local-chain.ts";

// Proves wire compatibility: the real x402 client signs, the real x402 facilitator verifies and
// settles on-chain against TestUSDC, exactly as it would against USDC on Base.
const buyer = privateKeyToAccount(ANVIL_KEYS[1]);
const brokeBuyer = privateKeyToAccount(ANVIL_KEYS[8]);

let chain: RunningLocalChain;
let facilitator: x402Facilitator;

beforeAll(async () => {
  chain = await startLocalChain({ fund: [{ address: buyer.address, usd: 5 }] });
  const clients = await connectLocal(chain.rpcUrl);
  const wallet = clients.wallet(chain.facilitatorKey).extend(publicActions);
  // Spelled out because viem's overloaded parameter types are narrower than x402's signer interface.
  const signer = toFacilitatorEvmSigner({
    address: wallet.account.address,
    readContract: (args) => wallet.readContract(args as Parameters<typeof wallet.readContract>[0]),
    verifyTypedData: (args) => wallet.verifyTypedData(args as Parameters<typeof wallet.verifyTypedData>[0]),
    writeContract: (args) => wallet.writeContract(args as Parameters<typeof wallet.writeContract>[0]),
    sendTransaction: (args) => wallet.sendTransaction(args),
    waitForTransactionReceipt: (args) => wallet.waitForTransactionReceipt(args),
    getCode: (args) => wallet.getCode(args),
  });
  facilitator = new x402Facilitator().register(chain.network, new ExactEvmFacilitatorScheme(signer));
});

afterAll(async () => {
  await chain?.stop();
});

function requirements(amount: string): PaymentRequirements {
  return {
    scheme: "exact",
    network: chain.network,
    asset: chain.usdc,
    amount,
    payTo: chain.payTo,
    maxTimeoutSeconds: 60,
    extra: { ...chain.usdcEip712 },
  };
}

function paymentRequired(accepts: PaymentRequirements): PaymentRequired {
  return {
    x402Version: 2,
    resource: { url: "http://127.0.0.1/test", mimeType: "application/json" },
    accepts: [accepts],
  };
}

function clientFor(account: typeof buyer): x402Client {
  // The SDK only pays known mainnet/testnet assets unless told otherwise; TestUSDC is not one of them.
  return new x402Client()
    .register("eip155:*", new ExactEvmClientScheme(account))
    .setSpendControls({ allowedAssets: [{ network: chain.network, asset: chain.usdc }] });
}

describe("@x402/evm exact scheme against TestUSDC", () => {
  it("verifies and settles a real client payment on-chain, then refuses its replay", async () => {
    const req = requirements("10000");
    const payload = await clientFor(buyer).createPaymentPayload(paymentRequired(req));
    const payeeBefore = await usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address: chain.payTo });

    const verified = await facilitator.verify(payload, req);
    expect(verified).toMatchObject({ isValid: true, payer: buyer.address });

    const settled = await facilitator.settle(payload, req);
    expect(settled).toMatchObject({ success: true, network: "eip155:31337", payer: buyer.address });
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address: chain.payTo })).toBe(
      payeeBefore + 10_000n,
    );
    expect(await usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address: buyer.address })).toBe(
      5_000_000n - 10_000n,
    );

    // Multicall3 lets the facilitator name the cause instead of a generic simulation failure.
    expect(await facilitator.verify(payload, req)).toMatchObject({
      isValid: false,
      invalidReason: "invalid_exact_evm_nonce_already_used",
    });
  });

  it("reports a payer without funds precisely", async () => {
    const req = requirements("10000");
    const payload = await clientFor(brokeBuyer).createPaymentPayload(paymentRequired(req));
    expect(await facilitator.verify(payload, req)).toMatchObject({
      isValid: false,
      invalidReason: "invalid_exact_evm_insufficient_balance",
    });
  });

  it("rejects a payment whose signed amount differs from the requirement", async () => {
    const payload = await clientFor(buyer).createPaymentPayload(paymentRequired(requirements("10000")));
    expect(await facilitator.verify(payload, requirements("20000"))).toMatchObject({
      isValid: false,
      invalidReason: "invalid_exact_evm_payload_authorization_value_mismatch",
    });
  });
});
