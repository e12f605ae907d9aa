import { ApiError, MINT_MIN_WALLET_BALANCE, type Micros, STARTING_CREDIT } from "@411data/core";
import { type Address, encodeFunctionData, erc20Abi, getAddress, hexToBigInt } from "viem";
import type { Config } from "../../config.ts";
import { chainClient } from "../chain.ts";

// The starting credit goes to a wallet that already held the mint minimum a while before it minted:
// its USDC balance is read at a block STARTING_CREDIT_LOOKBACK_BLOCKS back (a historical eth_call;
// 43200 Base blocks ≈ one day). One dollar moved from wallet to wallet can mint many agents, but it
// earns a credit only where it sat for that long, so it cannot be replayed from one wallet to the next.

/** Starting credit for a first mint of `wallet`: STARTING_CREDIT, or 0 when its dollar is too new. */
export async function startingCreditFor(config: Config, wallet: Address): Promise<Micros> {
  const lookback = BigInt(config.STARTING_CREDIT_LOOKBACK_BLOCKS);
  const client = chainClient(config);
  try {
    const latest = await client.getBlockNumber({ cacheTime: 0 });
    // A chain younger than the window has no block that old: its genesis state stands in.
    const blockNumber = latest > lookback ? latest - lookback : 0n;
    // A raw call: a token deployed after that block answers no data there, which is "held nothing".
    const { data } = await client.call({
      to: getAddress(config.USDC_ADDRESS),
      data: encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [wallet] }),
      blockNumber,
    });
    const held = data && data !== "0x" ? hexToBigInt(data) : 0n;
    return held >= BigInt(MINT_MIN_WALLET_BALANCE) ? STARTING_CREDIT : 0;
  } catch (err) {
    throw new ApiError("CHAIN_UNAVAILABLE", "could not read the wallet's USDC history; retry shortly", {
      headers: { "Retry-After": "5" },
      cause: err,
    });
  }
}
