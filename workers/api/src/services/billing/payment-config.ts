import { uptoFacilitatorAddress, type PaymentConfig } from "@411data/x402";
import type { Config } from "../../config.ts";
import { facilitatorFromEnv } from "./facilitator.ts";

// USDC's EIP-712 domain on Base; the local TestUSDC deliberately uses the same one.
const USDC_EIP712 = { name: "USD Coin", version: "2" } as const;

/** Where and how this deployment is paid, from the one config. */
export function paymentConfig(config: Config): PaymentConfig {
  return {
    network: `eip155:${config.CHAIN_ID}`,
    asset: config.USDC_ADDRESS,
    payTo: config.PAY_TO_ADDRESS,
    maxTimeoutSeconds: config.X402_MAX_TIMEOUT_SEC,
    eip712: USDC_EIP712,
  };
}

/**
 * The payment config plus the `upto` facilitator's signer (`uptoFacilitatorAddress`), which a
 * client binds its Permit2 permit to and which alone can settle it. The facilitator names it in
 * `/supported`: in process, the address of FACILITATOR_PRIVATE_KEY; a remote one is asked over
 * HTTP (FacilitatorUnavailable when it cannot be). Without a facilitator, or one that offers no
 * upto on this network, the address is absent and upto cannot be offered.
 */
export async function uptoPaymentConfig(env: Env, config: Config): Promise<PaymentConfig> {
  const base = paymentConfig(config);
  const address = await uptoSigner(env, base.network);
  return address ? { ...base, uptoFacilitatorAddress: address } : base;
}

// The 402 and the client's retry must carry the same address (the retry's `accepted` has to
// deep-equal a rebuilt offer), so a remote answer is kept for an hour rather than asked per request.
const SIGNER_TTL_MS = 60 * 60 * 1000;
const signers = new WeakMap<object, { network: string; expires: number; address: Promise<string | undefined> }>();

function uptoSigner(env: Env, network: string): Promise<string | undefined> {
  if (!env.FACILITATOR_URL && !env.FACILITATOR_PRIVATE_KEY) return Promise.resolve(undefined);
  const hit = signers.get(env);
  if (hit && hit.network === network && hit.expires > Date.now()) return hit.address;
  const address = facilitatorFromEnv(env)
    .supported()
    .then((supported) => uptoFacilitatorAddress(supported, network));
  signers.set(env, { network, expires: Date.now() + SIGNER_TTL_MS, address });
  // A failed ask is not remembered: the next request asks again.
  address.catch(() => {
    if (signers.get(env)?.address === address) signers.delete(env);
  });
  return address;
}
