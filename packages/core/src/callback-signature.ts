import { timingSafeEqualHex } from "./hash.ts";

// Callback deliveries are signed the way Stripe signs webhooks, so receivers can reuse what they
// know: `X-411-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
// The key is the UTF-8 bytes of the whole signing secret (`whsec_…`). Signing the timestamp with
// the body lets a receiver refuse a replay of an old delivery; it should compare against the raw
// body bytes it received, before any JSON parsing.

export const SIGNATURE_HEADER = "X-411-Signature";
export const EVENT_HEADER = "X-411-Event";
export const DELIVERY_HEADER = "X-411-Delivery";

/** Five minutes either way, as Stripe's libraries default to. */
export const DEFAULT_SIGNATURE_TOLERANCE_SEC = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The `X-411-Signature` value for `body` sent at `timestampSec`. */
export async function signCallback(secret: string, body: string, timestampSec: number): Promise<string> {
  return `t=${timestampSec},v1=${await hmacHex(secret, `${timestampSec}.${body}`)}`;
}

export interface ParsedSignatureHeader {
  timestampSec: number;
  signatures: string[];
}

/** `t=…,v1=…[,v1=…]`; several v1 entries let a receiver accept while a secret is being rolled. */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | null {
  let timestampSec: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "t" && /^\d{1,12}$/.test(value)) timestampSec = Number(value);
    if (name === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestampSec === null || signatures.length === 0) return null;
  return { timestampSec, signatures };
}

/**
 * True when `header` carries a v1 signature of `body` under `secret` whose timestamp is within
 * `toleranceSec` of now. Use it on the raw request body:
 *
 *   const ok = await verifyCallbackSignature(secret, req.headers.get("x-411-signature"), await req.text());
 */
export async function verifyCallbackSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  toleranceSec: number = DEFAULT_SIGNATURE_TOLERANCE_SEC,
  nowSec: number = Math.floor(Date.now() / 1000),
): Promise<boolean> {
  if (!header) return false;
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  if (Math.abs(nowSec - parsed.timestampSec) > toleranceSec) return false;
  const expected = await hmacHex(secret, `${parsed.timestampSec}.${body}`);
  // Every candidate is compared, so the time taken does not say which one matched.
  let ok = false;
  for (const candidate of parsed.signatures) ok = timingSafeEqualHex(candidate, expected) || ok;
  return ok;
}
