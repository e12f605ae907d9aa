import { getAddress, recoverMessageAddress, type Address, type Hex } from "viem";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import { ApiError } from "@411data/core";
import { type Config, publicOrigin } from "../../config.ts";
import { chainClient } from "../chain.ts";
import { liveNonce } from "./nonces.ts";

// Sign-In with Ethereum (EIP-4361) for minting and recovery. The server writes the message; the
// wallet signs it; on the way back the message must be exactly the one issued for its nonce: no
// field changed, none added (a `Resources:` block, free text), nothing left out.

const STATEMENTS = {
  mint: "Mint a 411data agent bound to this wallet. This signature moves no funds.",
  recover: "Recover the 411data agent bound to this wallet. This signature moves no funds.",
} as const;

export type SiwePurpose = keyof typeof STATEMENTS;

export function buildSiweMessage(
  config: Config,
  input: { address: Address; nonce: string; purpose: SiwePurpose; issuedAt: Date; expiresAt: Date },
): string {
  const { host, origin } = publicOrigin(config);
  return createSiweMessage({
    domain: host,
    address: input.address,
    statement: STATEMENTS[input.purpose],
    uri: origin,
    version: "1",
    chainId: config.CHAIN_ID,
    nonce: input.nonce,
    issuedAt: input.issuedAt,
    expirationTime: input.expiresAt,
  });
}

export interface VerifiedSiwe {
  address: Address;
  nonce: string;
  statement: string | undefined;
}

function refuse(reason: string, message: string): never {
  throw new ApiError("SIWE_INVALID", message, { details: { reason } });
}

/**
 * Checks a signed SIWE message: shape, domain, URI, chain, time window, statement for the purpose
 * (each with its own reason), then the nonce (issued to this wallet for this purpose, unused,
 * unexpired) and the whole text against the message issued with it, and only then the signature
 * (EOA by recovery; smart wallets through EIP-1271/6492 on the chain, so a chain call is never
 * spent on a message this service did not write). The nonce is consumed by the caller.
 */
export async function verifySiwe(
  env: Env,
  config: Config,
  message: string,
  signature: Hex,
  purpose: SiwePurpose,
  now = new Date(),
): Promise<VerifiedSiwe> {
  const fields = parseSiweMessage(message);
  if (!fields.address || !fields.domain || !fields.nonce || !fields.uri || !fields.chainId || !fields.version) {
    throw new ApiError("VALIDATION_FAILED", "siwe_message is not an EIP-4361 message", {
      details: { reason: "malformed_message" },
    });
  }
  const { host, origin } = publicOrigin(config);
  if (fields.domain !== host) refuse("wrong_domain", `the message is for ${fields.domain}, not ${host}`);
  if (safeOrigin(fields.uri) !== origin) refuse("wrong_uri", `the message URI must be ${origin}`);
  if (fields.chainId !== config.CHAIN_ID) {
    refuse("wrong_chain", `the message is for chain ${fields.chainId}; this service uses ${config.CHAIN_ID}`);
  }
  if (fields.version !== "1") refuse("wrong_version", "only SIWE version 1 is accepted");
  if (fields.statement !== STATEMENTS[purpose]) refuse("wrong_statement", `the message is not a ${purpose} request`);
  if (fields.expirationTime && fields.expirationTime.getTime() <= now.getTime()) refuse("expired", "the message has expired");
  if (fields.notBefore && fields.notBefore.getTime() > now.getTime()) refuse("not_yet_valid", "the message is not valid yet");

  const address = getAddress(fields.address);
  const issued = await liveNonce(env, fields.nonce, address, purpose);
  const expected = buildSiweMessage(config, {
    address,
    nonce: issued.nonce,
    purpose,
    issuedAt: new Date(issued.created_at),
    expiresAt: new Date(issued.expires_at),
  });
  if (message !== expected) refuse("not_as_issued", "the message must be exactly the one issued with its nonce (no field changed, no line added)");

  let recovered: Address | null = null;
  try {
    recovered = await recoverMessageAddress({ message, signature });
  } catch {
    // Not a recoverable 65-byte signature: may still be a smart wallet's.
  }
  if (recovered !== address) {
    const valid = await chainClient(config)
      .verifyMessage({ address, message, signature })
      .catch(() => false);
    if (!valid) refuse("bad_signature", "the signature was not made by the message's address");
  }
  return { address, nonce: fields.nonce, statement: fields.statement };
}

function safeOrigin(uri: string): string | null {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}
