import { DEMO_PAYER_KEYS, startLocalChain, usdcBalanceOf, type RunningLocalChain } from "@411data/chain";
import { x402Client } from "@x402/core/client";
import { encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentRequirements, ResourceInfo } from "@x402/core/types";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { UptoEvmScheme } from "@x402/evm/upto/client";
import type { Address } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { LocalFacilitator } from "../src/local-facilitator.ts";
import type { PaymentConfig } from "../src/requirements.ts";

// A real chain and a real SDK client: what the tests prove is what an agent's wallet will do.

export interface PaymentsFixture {
  chain: RunningLocalChain;
  payer: PrivateKeyAccount;
  /** A demo payer that was never funded. */
  brokePayer: PrivateKeyAccount;
  config: PaymentConfig;
  facilitator: LocalFacilitator;
  balance(address: Address): Promise<bigint>;
}

export async function startPaymentsFixture(): Promise<PaymentsFixture> {
  const payer = privateKeyToAccount(DEMO_PAYER_KEYS[0]);
  const brokePayer = privateKeyToAccount(DEMO_PAYER_KEYS[3]);
  const chain = await startLocalChain({ fund: [{ address: payer.address, usd: 20 }] });
  const facilitator = new LocalFacilitator({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    privateKey: chain.facilitatorKey,
    pollingIntervalMs: 50,
  });
  return {
    chain,
    payer,
    brokePayer,
    config: {
      network: chain.network,
      asset: chain.usdc,
      payTo: chain.payTo,
      maxTimeoutSeconds: 60,
      eip712: { ...chain.usdcEip712 },
      uptoFacilitatorAddress: facilitator.address,
    },
    facilitator,
    balance: (address) => usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address }),
  };
}

/** The SDK client as an agent would configure it; TestUSDC is not a default asset, so allow it. */
export function payingClient(account: PrivateKeyAccount, f: PaymentsFixture): x402Client {
  return new x402Client()
    .register("eip155:*", new ExactEvmScheme(account))
    .register("eip155:*", new UptoEvmScheme(account))
    .setSpendControls({ allowedAssets: [{ network: f.chain.network, asset: f.chain.usdc }] });
}

/** A PAYMENT-SIGNATURE header signed by the real client for `accepts`. */
export async function signPayment(
  account: PrivateKeyAccount,
  f: PaymentsFixture,
  resource: ResourceInfo,
  accepts: PaymentRequirements[],
): Promise<string> {
  const payload = await payingClient(account, f).createPaymentPayload({ x402Version: 2, resource, accepts });
  return encodePaymentSignatureHeader(payload);
}
