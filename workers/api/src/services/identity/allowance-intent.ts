import { getAddress, isAddressEqual, verifyMessage, type Address, type Hex } from "viem";
import { ApiError, formatUsd, MAX_USD_MICROS, type Micros } from "@411data/core";
import { type Config, publicOrigin } from "../../config.ts";

// The optional budget commitment signed at mint: SIWE-shaped plain text under EIP-191, so a wallet
// shows a friendly sign-in prompt rather than a token approval. It carries the same facts a Permit2
// payload would (chain, token, atomic amount, destination, nonce, deadline) so indexers can read
// it, but it is never replayed on-chain: the server enforces drawn ≤ allowance itself.

const TITLE = "411data budget commitment";

export interface AllowanceIntent {
  address: Address;
  chainId: number;
  token: Address;
  amount: Micros;
  destination: Address;
  nonce: string;
  deadline: Date;
}

export function buildAllowanceIntent(config: Config, intent: Omit<AllowanceIntent, "chainId" | "token" | "destination">): string {
  const { host } = publicOrigin(config);
  return [
    `${host} asks you to commit a USD budget for x402 payments from:`,
    intent.address,
    "",
    `${TITLE}: up to ${formatUsd(intent.amount)} USDC may be drawn by this agent. This signature moves no funds.`,
    "",
    `Chain ID: ${config.CHAIN_ID}`,
    `Token: ${getAddress(config.USDC_ADDRESS)}`,
    `Amount: ${intent.amount}`,
    `Destination: ${getAddress(config.PAY_TO_ADDRESS)}`,
    `Nonce: ${intent.nonce}`,
    `Deadline: ${intent.deadline.toISOString()}`,
  ].join("\n");
}

function field(text: string, name: string): string | undefined {
  return new RegExp(`^${name}: (.+)$`, "m").exec(text)?.[1]?.trim();
}

function refuse(reason: string, message: string): never {
  throw new ApiError("SIWE_INVALID", message, { details: { reason, part: "allowance_intent" } });
}

/** Parses and checks a signed commitment against this service's chain, token and destination. */
export async function verifyAllowanceIntent(
  config: Config,
  message: string,
  signature: Hex,
  expected: { address: Address; nonce: string },
  now = new Date(),
): Promise<AllowanceIntent> {
  const firstLine = message.split("\n")[0] ?? "";
  const address = message.split("\n")[1]?.trim();
  const chainId = Number(field(message, "Chain ID"));
  const token = field(message, "Token");
  const amountText = field(message, "Amount");
  const destination = field(message, "Destination");
  const nonce = field(message, "Nonce");
  const deadline = new Date(field(message, "Deadline") ?? "invalid");
  if (
    !message.includes(TITLE) ||
    !firstLine.startsWith(`${publicOrigin(config).host} `) ||
    !address?.match(/^0x[0-9a-fA-F]{40}$/) ||
    !token?.match(/^0x[0-9a-fA-F]{40}$/) ||
    !destination?.match(/^0x[0-9a-fA-F]{40}$/) ||
    !amountText?.match(/^\d{1,16}$/) ||
    !nonce ||
    Number.isNaN(deadline.getTime())
  ) {
    throw new ApiError("VALIDATION_FAILED", "allowance_intent_message is not a 411data budget commitment", {
      details: { reason: "malformed_intent" },
    });
  }
  const amount = Number(amountText);
  if (!isAddressEqual(address as Address, expected.address)) refuse("wrong_address", "the commitment names another wallet");
  if (chainId !== config.CHAIN_ID) refuse("wrong_chain", `the commitment is for chain ${chainId}`);
  if (!isAddressEqual(token as Address, config.USDC_ADDRESS as Address)) refuse("wrong_token", "the commitment names another token");
  if (!isAddressEqual(destination as Address, config.PAY_TO_ADDRESS as Address)) {
    refuse("wrong_destination", "the commitment names another payment destination");
  }
  if (nonce !== expected.nonce) refuse("wrong_nonce", "the commitment's nonce does not match the sign-in");
  if (deadline.getTime() <= now.getTime()) refuse("expired", "the commitment's deadline has passed");
  if (amount <= 0 || amount > MAX_USD_MICROS) refuse("bad_amount", "the committed amount is out of range");
  const valid = await verifyMessage({ address: expected.address, message, signature }).catch(() => false);
  if (!valid) refuse("bad_signature", "the commitment was not signed by the wallet");
  return {
    address: expected.address,
    chainId,
    token: getAddress(token),
    amount,
    destination: getAddress(destination),
    nonce,
    deadline,
  };
}
