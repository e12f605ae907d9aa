import { getAddress, type Address, type Hex } from "viem";
import {
  ApiError,
  MINT_MIN_WALLET_BALANCE,
  type Micros,
  newToken,
  randomBase62,
  sha256Hex,
} from "@411data/core";
import type { Config } from "../../config.ts";
import { accountOf } from "../accounts.ts";
import { usdcBalance } from "../chain.ts";
import { startingCreditFor } from "./starting-credit.ts";
import { buildAllowanceIntent, verifyAllowanceIntent } from "./allowance-intent.ts";
import { newTaggedAgentId } from "./agent-id.ts";
import { consumeNonce, countBalanceCheck, storeNonce } from "./nonces.ts";
import { buildSiweMessage, type SiwePurpose, verifySiwe } from "./siwe.ts";

export interface IssuedNonce {
  nonce: string;
  siweMessage: string;
  expiresAt: Date;
  allowanceIntentMessage: string | null;
}

/** A single-use nonce bound to the address and purpose, and the messages for the wallet to sign. */
export async function issueNonce(
  env: Env,
  config: Config,
  input: { address: Address; purpose: SiwePurpose; allowance: Micros | null },
): Promise<IssuedNonce> {
  const nonce = randomBase62(24);
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + config.SIWE_NONCE_TTL_SEC * 1000);
  await storeNonce(env, { nonce, address: input.address.toLowerCase(), purpose: input.purpose, created_at: issuedAt.getTime(), expires_at: expiresAt.getTime() });
  const siweMessage = buildSiweMessage(config, { address: input.address, nonce, purpose: input.purpose, issuedAt, expiresAt });
  const allowanceIntentMessage =
    input.allowance === null
      ? null
      : buildAllowanceIntent(config, { address: input.address, amount: input.allowance, nonce, deadline: expiresAt });
  return { nonce, siweMessage, expiresAt, allowanceIntentMessage };
}

export interface RegisterInput {
  siweMessage: string;
  siweSignature: Hex;
  allowanceIntentMessage?: string | undefined;
  allowanceIntentSignature?: Hex | undefined;
}

export interface Registration {
  agentId: string;
  token: string | null;
  wallet: Address;
  balance: Micros;
  allowance: Micros | null;
}

export async function register(env: Env, config: Config, input: RegisterInput): Promise<Registration> {
  const siwe = await verifySiwe(env, config, input.siweMessage, input.siweSignature, "mint");
  const intent =
    input.allowanceIntentMessage && input.allowanceIntentSignature
      ? await verifyAllowanceIntent(config, input.allowanceIntentMessage, input.allowanceIntentSignature, {
          address: siwe.address,
          nonce: siwe.nonce,
        })
      : null;

  // Checked before the nonce is spent, so an underfunded wallet can top up and resend the same
  // signature — a bounded number of times, each counted before the chain is asked.
  await countBalanceCheck(env, siwe.nonce);
  const held = await usdcBalance(config, siwe.address);
  if (held < MINT_MIN_WALLET_BALANCE) {
    throw new ApiError("WALLET_UNDERFUNDED", "the wallet must hold at least 1.00 USDC to mint (nothing is withdrawn)", {
      details: {
        wallet_usdc: held / 1_000_000,
        required_usdc: MINT_MIN_WALLET_BALANCE / 1_000_000,
        chain_id: config.CHAIN_ID,
        next_action: "fund the wallet with USDC on the configured chain, then resend the same signed message",
      },
    });
  }
  const startingCredit = await startingCreditFor(config, siwe.address);
  await consumeNonce(env, siwe.nonce, siwe.address, "mint");

  const wallet = getAddress(siwe.address);
  const agentId = await agentIdForWallet(env, wallet);
  const token = newToken("agent", agentId);
  const minted = await accountOf(env, agentId).mint({
    agentId,
    wallet,
    tokenHash: await sha256Hex(token),
    startingCredit,
    ...(intent ? { allowance: intent.amount } : {}),
  });
  if (intent) {
    await env.DB.prepare("UPDATE agents SET allowance_micros = ? WHERE id = ?").bind(intent.amount, agentId).run();
  }
  return {
    agentId,
    token: minted.created ? token : null,
    wallet,
    balance: minted.balance.available,
    allowance: minted.profile.allowance,
  };
}

/** One agent per wallet, whichever of several concurrent mints gets there first. */
async function agentIdForWallet(env: Env, wallet: Address): Promise<string> {
  const key = wallet.toLowerCase();
  await env.DB.prepare("INSERT INTO agents (id, wallet, created_at) VALUES (?, ?, ?) ON CONFLICT (wallet) DO NOTHING")
    .bind(await newTaggedAgentId(env), key, new Date().toISOString())
    .run();
  const row = await env.DB.prepare("SELECT id FROM agents WHERE wallet = ?").bind(key).first<{ id: string }>();
  return row!.id;
}
