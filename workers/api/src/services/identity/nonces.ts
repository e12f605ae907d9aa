import type { Address } from "viem";
import { ApiError } from "@411data/core";
import type { SiwePurpose } from "./siwe.ts";

// SIWE nonces: single use, short-lived, bound to the address and purpose they were issued for. The
// row also dates the message the server wrote, so a signed message can be compared with it exactly.

/** Balance checks one mint nonce may cost: an underfunded wallet may top up and resend, a few times. */
export const MAX_BALANCE_CHECKS = 5;

export interface IssuedNonceRow {
  nonce: string;
  address: string;
  purpose: SiwePurpose;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export async function storeNonce(env: Env, row: Omit<IssuedNonceRow, "used_at">): Promise<void> {
  await env.DB.prepare("INSERT INTO wallet_nonces (nonce, address, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
    .bind(row.nonce, row.address, row.purpose, row.created_at, row.expires_at)
    .run();
}

function refuse(reason: string, message: string): never {
  throw new ApiError("SIWE_INVALID", message, { details: { reason } });
}

/** The nonce as issued, if it is this wallet's, for this purpose, unused and unexpired. */
export async function liveNonce(env: Env, nonce: string, address: Address, purpose: SiwePurpose): Promise<IssuedNonceRow> {
  const row = await env.DB.prepare("SELECT nonce, address, purpose, created_at, expires_at, used_at FROM wallet_nonces WHERE nonce = ?")
    .bind(nonce)
    .first<IssuedNonceRow>();
  if (!row || row.address !== address.toLowerCase() || row.purpose !== purpose) {
    refuse("unknown_nonce", "the nonce was not issued for this wallet; ask /api/v1/agents/wallet-nonce for one");
  }
  if (row.used_at !== null) refuse("nonce_used", "the nonce was already used; ask for a new one");
  if (row.expires_at <= Date.now()) refuse("nonce_expired", "the nonce has expired; ask for a new one");
  return row;
}

/**
 * Consumes a nonce exactly once: the conditional update succeeds for one caller only, so a
 * replayed or concurrent second use of the same signed message is refused.
 */
export async function consumeNonce(env: Env, nonce: string, address: Address, purpose: SiwePurpose): Promise<void> {
  await liveNonce(env, nonce, address, purpose);
  const now = Date.now();
  const claimed = await env.DB.prepare("UPDATE wallet_nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL AND expires_at > ?")
    .bind(now, nonce, now)
    .run();
  if (claimed.meta.changes !== 1) refuse("nonce_used", "the nonce was already used; ask for a new one");
}

/**
 * Counts one on-chain balance check against the nonce before it is made, so resending one signed
 * message costs a bounded number of chain calls, whoever resends it.
 */
export async function countBalanceCheck(env: Env, nonce: string): Promise<void> {
  const row = await env.DB.prepare(
    "UPDATE wallet_nonces SET balance_checks = balance_checks + 1 WHERE nonce = ? AND used_at IS NULL AND balance_checks < ? RETURNING balance_checks",
  )
    .bind(nonce, MAX_BALANCE_CHECKS)
    .first<{ balance_checks: number }>();
  if (!row) {
    refuse("nonce_exhausted", `this message was already checked ${MAX_BALANCE_CHECKS} times; fund the wallet, then ask for a new nonce`);
  }
}
