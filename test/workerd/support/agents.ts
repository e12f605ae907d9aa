import { env } from "cloudflare:workers";
import type { PrivateKeyAccount } from "viem/accounts";
import { call, postJson } from "./http.ts";
import { newWallet } from "./wallets.ts";

let addressSeq = 0;
/**
 * A documentation-range IPv6 address of its own for each caller: clients mint from their own
 * addresses, so the per-address limits on the wallet routes see many callers, as in life.
 */
export const ownAddress = () => ({ "cf-connecting-ip": `2001:db8:411::${(++addressSeq).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}` });

export interface NonceAnswer {
  nonce: string;
  siwe_message: string;
  allowance_intent_message: string | null;
  expires_at: string;
}

export async function askNonce(address: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<NonceAnswer> {
  const res = await postJson("/api/v1/agents/wallet-nonce", { address, ...extra }, headers);
  if (res.status !== 200) throw new Error(`wallet-nonce ${res.status}: ${await res.text()}`);
  return (await res.json()) as NonceAnswer;
}

export async function signedRegistration(wallet: PrivateKeyAccount, opts: { allowanceUsd?: string; headers?: Record<string, string> } = {}) {
  const nonce = await askNonce(wallet.address, opts.allowanceUsd ? { allowance_usd: opts.allowanceUsd } : {}, opts.headers);
  const body: Record<string, string> = {
    siwe_message: nonce.siwe_message,
    siwe_signature: await wallet.signMessage({ message: nonce.siwe_message }),
  };
  if (nonce.allowance_intent_message) {
    body.allowance_intent_message = nonce.allowance_intent_message;
    body.allowance_intent_signature = await wallet.signMessage({ message: nonce.allowance_intent_message });
  }
  return body;
}

export interface MintedAgent {
  wallet: PrivateKeyAccount;
  agentId: string;
  token: string;
  auth: { authorization: string };
}

/** Mints a fresh agent the way a client would: nonce, two signatures, register. */
export async function mintAgent(opts: { usdc?: number; allowanceUsd?: string; headers?: Record<string, string> } = {}): Promise<MintedAgent> {
  const wallet = await newWallet(opts.usdc ?? 5);
  const headers = opts.headers ?? ownAddress();
  const res = await postJson("/api/v1/agents/wallet-register", await signedRegistration(wallet, { ...opts, headers }), headers);
  if (res.status !== 200) throw new Error(`wallet-register ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { agent_id: string; token: string };
  return { wallet, agentId: body.agent_id, token: body.token, auth: { authorization: `Bearer ${body.token}` } };
}

/** A fresh agent whose virtual balance is exactly `usd` (the $0.20 starting credit topped up). */
export async function fundedAgent(usd: number): Promise<MintedAgent> {
  const agent = await mintAgent();
  const extra = Math.round(usd * 1_000_000) - 200_000;
  if (extra > 0) await env.AGENT_ACCOUNT.getByName(agent.agentId).credit({ amount: extra, memo: "test top-up" });
  return agent;
}

export interface BalanceView {
  virtual_balance_usd: number;
  held_usd: number;
  drawn_usd: number;
  allowance_usd: number | null;
}

/** GET /api/v1/agents/balance as the caller sees it. */
export async function balanceOf(auth: Record<string, string>): Promise<BalanceView> {
  return (await (await call("/api/v1/agents/balance", { headers: auth })).json()) as BalanceView;
}
