// Paying a 402 with x402 through the official client (@x402/fetch + @x402/evm) and a viem account,
// under limits the user sets.
//
// The official client's own defaults (x402Client spend controls, @x402/core 2.27):
//   - only assets it recognises are paid (its table of USDC deployments on Base, Base Sepolia, …):
//     any other token, such as the local chain's TestUSDC, is refused;
//   - each payment is capped at $1 on those assets: a $1.50 lead session or a job's default $1.50
//     `upto` ceiling is refused.
// Here both are the user's choice: `maxPaymentUsd` (default $1.50, the largest default price of
// this API) replaces the $1 cap and also caps every asset the user allows; `assets` names the extra
// tokens to accept ("any" for all); `maxTotalUsd` bounds what one client pays in all.
import type { PaymentRequirements } from "@x402/core/types";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { UptoEvmScheme } from "@x402/evm/upto/client";
import { wrapFetchWithPayment, x402Client } from "@x402/fetch";
import type { LocalAccount } from "viem";
import { microsToUsd, usdToMicros } from "./money.ts";

export interface X402Options {
  /** The wallet that signs payments (e.g. viem's `privateKeyToAccount(key)`). */
  account: LocalAccount;
  /** Largest single payment in USD (default 1.50). Applies to every asset. */
  maxPaymentUsd?: number | string;
  /** Most this client pays by x402 in total, in USD (default: no total cap). */
  maxTotalUsd?: number | string;
  /**
   * Tokens to pay in besides the official client's known USDC deployments: a list of
   * `{ network: "eip155:8453", asset: "0x…" }`, or "any" for every token offered (default: none).
   */
  assets?: "any" | { network: string; asset: string }[];
}

export interface Payer {
  client: x402Client;
  /** `fetch` that answers a 402 by paying it and sending the request again (the official wrapper). */
  wrap(fetch: (req: Request) => Promise<Response>): (req: Request) => Promise<Response>;
  /** micro-USD signed for so far (an `upto` authorisation counts at its ceiling). */
  spentMicros(): bigint;
}

// Every price this API asks is in USDC (6 decimals), so an amount in base units is micro-USD.
const amountOf = (r: PaymentRequirements) => BigInt((r as { amount?: string }).amount ?? "0");

export function createPayer(opts: X402Options): Payer {
  const cap = usdToMicros(opts.maxPaymentUsd ?? "1.50");
  const total = opts.maxTotalUsd === undefined ? null : usdToMicros(opts.maxTotalUsd);
  let spent = 0n;
  const extra = opts.assets ?? [];
  const client = new x402Client()
    .register("eip155:*", new ExactEvmScheme(opts.account))
    .register("eip155:*", new UptoEvmScheme(opts.account))
    .setSpendControls({
      maxAmountPerPayment: `$${microsToUsd(cap)}`,
      allowedAssets:
        extra === "any"
          ? true
          : extra.map((a) => ({ network: a.network as `${string}:${string}`, asset: a.asset, maxAmountPerPayment: String(cap) })),
    })
    // "any" lifts the official per-asset cap on unknown tokens; this keeps maxPaymentUsd on all.
    .registerPolicy((_version, reqs) => reqs.filter((r) => amountOf(r) <= cap && (total === null || spent + amountOf(r) <= total)));
  client.onAfterPaymentCreation(async ({ selectedRequirements }) => {
    spent += amountOf(selectedRequirements);
  });
  return {
    client,
    wrap: (f) => {
      const paying = wrapFetchWithPayment(f as typeof globalThis.fetch, client);
      return (req) => paying(req);
    },
    spentMicros: () => spent,
  };
}
