import { getAddress, type Address, type Hex } from "viem";
import {
  ApiError,
  MINT_MIN_WALLET_BALANCE,
  type Micros,
  newAgentId,
  newToken,
  randomBase62,
  sha256Hex,
  STARTING_CREDIT,
} from "@411data/core";
import type { Config } from "../../config.ts";
import { accountOf } from "../accounts.ts";
import { usdcBalance } from "../chain.ts";
import { buildAllowanceIntent, verifyAllowanceIntent } from "./allowance-intent.ts";
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
  await env.DB.prepare(
    "INSERT INTO wallet_nonces (nonce, address, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(nonce, input.address.toLowerCase(), input.purpose, issuedAt.getTime(), expiresAt.getTime())
    .run();
  const siweMessage = buildSiweMessage(config, { address: input.address, nonce, purpose: input.purpose, issuedAt, expiresAt });
  const allowanceIntentMessage =
    input.allowance === null
      ? null
      : buildAllowanceIntent(config, { address: input.address, amount: input.allowance, nonce, deadline: expiresAt });
  return { nonce, siweMessage, expiresAt, allowanceIntentMessage };
}

/**
 * Consumes a nonce exactly once: the conditional update succeeds for one caller only, so a
 * replayed or concurrent second use of the same signed message is refused.
 */
export async function consumeNonce(env: Env, nonce: string, address: Address, purpose: SiwePurpose): Promise<void> {
  const now = Date.now();
  const row = await env.DB.prepare("SELECT address, purpose, expires_at, used_at FROM wallet_nonces WHERE nonce = ?")
    .bind(nonce)
    .first<{ address: string; purpose: string; expires_at: number; used_at: number | null }>();
  const refuse = (reason: string, message: string) => {
    throw new ApiError("SIWE_INVALID", message, { details: { reason } });
  };
  if (!row || row.address !== address.toLowerCase() || row.purpose !== purpose) {
    refuse("unknown_nonce", "the nonce was not issued for this wallet; ask /api/v1/agents/wallet-nonce for one");
  }
  if (row!.used_at !== null) refuse("nonce_used", "the nonce was already used; ask for a new one");
  if (row!.expires_at <= now) refuse("nonce_expired", "the nonce has expired; ask for a new one");
  const claimed = await env.DB.prepare(
    "UPDATE wallet_nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL AND expires_at > ?",
  )
    .bind(now, nonce, now)
    .run();
  if (claimed.meta.changes !== 1) refuse("nonce_used", "the nonce was already used; ask for a new one");
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
  const siwe = await verifySiwe(config, input.siweMessage, input.siweSignature, "mint");
  const intent =
    input.allowanceIntentMessage && input.allowanceIntentSignature
      ? await verifyAllowanceIntent(config, input.allowanceIntentMessage, input.allowanceIntentSignature, {
          address: siwe.address,
          nonce: siwe.nonce,
        })
      : null;

  // Checked before the nonce is spent, so an underfunded wallet can top up and resend the same signature.
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
  await consumeNonce(env, siwe.nonce, siwe.address, "mint");

  const wallet = getAddress(siwe.address);
  const agentId = await agentIdForWallet(env, wallet);
  const token = newToken("agent", agentId);
  const minted = await accountOf(env, agentId).mint({
    agentId,
    wallet,
    tokenHash: await sha256Hex(token),
    startingCredit: STARTING_CREDIT,
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
    .bind(newAgentId(), key, new Date().toISOString())
    .run();
  const row = await env.DB.prepare("SELECT id FROM agents WHERE wallet = ?").bind(key).first<{ id: string }>();
  return row!.id;
}
