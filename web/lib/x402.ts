// EIP-3009's struct from the chain package (a plain constant; its viem imports are types only).
import { transferWithAuthorizationTypes } from "../../packages/chain/src/authorization.ts";
import type { ConnectedWallet } from "./wallet.ts";

// Pays an x402 `exact` requirement from the connected wallet: an EIP-3009
// TransferWithAuthorization signed as typed data, sent back as PAYMENT-SIGNATURE. The server
// verifies and settles it; the page never sends a transaction itself.

export interface PaymentRequirements {
  scheme: string;
  network: string;
  amount: string;
  asset: string;
  payTo: string;
  maxTimeoutSeconds: number;
  extra?: { name?: string; version?: string };
}

export interface PaymentRequired {
  x402Version: number;
  resource?: unknown;
  accepts: PaymentRequirements[];
  extensions?: unknown;
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64Utf8(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

/** The offer of a 402: the PAYMENT-REQUIRED header, or the same object in the body. */
export function paymentRequiredOf(headers: Headers, body: unknown): PaymentRequired | null {
  const header = headers.get("payment-required");
  const parsed = header ? (JSON.parse(fromBase64Utf8(header)) as PaymentRequired) : (body as PaymentRequired | null);
  return parsed && Array.isArray(parsed.accepts) ? parsed : null;
}

const hex32 = () => `0x${[...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("")}`;

export async function paymentSignature(wallet: ConnectedWallet, required: PaymentRequired): Promise<string> {
  const accepted = required.accepts.find((a) => a.scheme === "exact" && a.network.startsWith("eip155:"));
  if (!accepted) throw new Error("This payment needs a scheme this page cannot sign (only exact USDC payments).");
  if (!accepted.extra?.name || !accepted.extra.version) throw new Error("The payment offer lacks the token's EIP-712 domain.");
  const chainId = Number(accepted.network.slice("eip155:".length));
  await wallet.ensureChain(chainId);
  const authorization = {
    from: wallet.address,
    to: accepted.payTo,
    value: accepted.amount,
    validAfter: "0",
    validBefore: String(Math.floor(Date.now() / 1000) + accepted.maxTimeoutSeconds),
    nonce: hex32(),
  };
  const signature = await wallet.signTypedData({
    types: {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
      ...transferWithAuthorizationTypes,
    },
    primaryType: "TransferWithAuthorization",
    domain: { name: accepted.extra.name, version: accepted.extra.version, chainId, verifyingContract: accepted.asset },
    message: authorization,
  });
  return base64Utf8(
    JSON.stringify({
      x402Version: required.x402Version,
      payload: { authorization, signature },
      ...(required.extensions ? { extensions: required.extensions } : {}),
      resource: required.resource,
      accepted,
    }),
  );
}
