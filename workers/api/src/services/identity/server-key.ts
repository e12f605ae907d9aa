import { ApiError } from "@411data/core";

// One server secret (SERVER_SECRET, a wrangler secret) keys every value the service must be able to
// recompute but an outsider must not: client-address hashes in the request log, callback signing
// secrets (derived, so never stored), recovery answer hashes. Each use has its own label, so one
// derived value says nothing about another.

/** Local development and tests only; the production guard refuses to serve without SERVER_SECRET. */
const DEVELOPMENT_KEY = "411data-development-only-server-secret";

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(env: Env): Promise<CryptoKey> {
  const secret = env.SERVER_SECRET || (env.ENVIRONMENT === "production" ? null : DEVELOPMENT_KEY);
  if (!secret) throw new ApiError("BAD_ENVIRONMENT", "the service is misconfigured", { details: { keys: ["SERVER_SECRET"] } });
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

async function mac(env: Env, label: string, value: string): Promise<Uint8Array> {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(env), new TextEncoder().encode(`${label}\n${value}`));
  return new Uint8Array(sig);
}

/** HMAC-SHA256 of `value` under the server secret, for one named use; lower-case hex. */
export async function keyedHash(env: Env, label: string, value: string): Promise<string> {
  return [...(await mac(env, label, value))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** `length` base62 characters derived from the server secret (rejection-sampled, so unbiased). */
export async function keyedBase62(env: Env, label: string, value: string, length: number): Promise<string> {
  let out = "";
  for (let block = 0; out.length < length; block++) {
    for (const b of await mac(env, `${label}#${block}`, value)) {
      if (b < 248) out += ALPHABET[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
