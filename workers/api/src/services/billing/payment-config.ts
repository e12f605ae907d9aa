import { uptoFacilitatorAddress, type PaymentConfig } from "@411data/x402";
import type { SupportedResponse } from "@x402/core/types";
import { getAddress } from "viem";
import type { Config } from "../../config.ts";
import type { Runtime } from "../../../../../durable-objects/runtime.ts";

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
export async function uptoPaymentConfig(env: Env, config: Config, from: Runtime): Promise<PaymentConfig> {
  const base = paymentConfig(config);
  const { offered } = await uptoSigners(env, from, base.network);
  return offered ? { ...base, uptoFacilitatorAddress: offered } : base;
}

/**
 * One payment config per upto signer the facilitator advertises. A facilitator with several signers
 * may name a different one in each `/supported`, so a retry is checked against all of them: a permit
 * bound to any advertised signer is one the facilitator can settle.
 */
export async function uptoPaymentConfigs(env: Env, config: Config, from: Runtime): Promise<PaymentConfig[]> {
  const base = paymentConfig(config);
  const { all } = await uptoSigners(env, from, base.network);
  return all.map((address) => ({ ...base, uptoFacilitatorAddress: address }));
}

/** Every upto signer a `/supported` answer names for `network`: the kind's own, and its signer list. */
export function uptoSignersOf(supported: SupportedResponse, network: string): { offered: string | undefined; all: string[] } {
  const offered = uptoFacilitatorAddress(supported, network);
  const family = `${network.split(":")[0]}:*`;
  const listed = [...(supported.signers?.[network] ?? []), ...(supported.signers?.[family] ?? [])];
  const all = [...new Set([offered, ...listed].filter((a): a is string => typeof a === "string" && /^0x[0-9a-fA-F]{40}$/.test(a)).map((a) => getAddress(a)))];
  return { offered: offered && getAddress(offered), all: offered ? all : [] };
}

// The 402 and the client's retry must meet on a signer the retry's `accepted` names, so a remote
// answer is kept for an hour rather than asked per request.
const SIGNER_TTL_MS = 60 * 60 * 1000;
type Signers = { offered: string | undefined; all: string[] };
const signers = new WeakMap<object, { network: string; expires: number; answer: Promise<Signers> }>();

function uptoSigners(env: Env, from: Runtime, network: string): Promise<Signers> {
  if (!env.FACILITATOR_URL && !env.FACILITATOR_PRIVATE_KEY) return Promise.resolve({ offered: undefined, all: [] });
  // Kept per facilitator (the runtime module builds one per env), so a swapped one is asked itself.
  const facilitator = from.facilitator(env);
  const hit = signers.get(facilitator);
  if (hit && hit.network === network && hit.expires > Date.now()) return hit.answer;
  const answer = facilitator
    .supported()
    .then((supported) => uptoSignersOf(supported as SupportedResponse, network));
  signers.set(facilitator, { network, expires: Date.now() + SIGNER_TTL_MS, answer });
  // A failed ask is not remembered: the next request asks again.
  answer.catch(() => {
    if (signers.get(facilitator)?.answer === answer) signers.delete(facilitator);
  });
  return answer;
}
