// Ids and bearers come from the platform CSPRNG (crypto.getRandomValues in workerd and Node).
// A bearer names its owner so the Worker can route to the right Durable Object without a
// database read; the secret part alone carries the entropy.

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Unbiased base62 string of `length` characters (rejection sampling over random bytes). */
export function randomBase62(length: number): string {
  let out = "";
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit) out += ALPHABET[b % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const TOKEN_PREFIX = {
  agent: "411_",
  usageKey: "411k_",
  jobPoll: "411j_",
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIX;

const SECRET_LENGTH = 40; // ≈ 238 bits

export const newAgentId = () => `agt_${randomBase62(20)}`;
export const newUsageKeyId = () => `key_${randomBase62(16)}`;
export const newJobId = () => `ej_${randomBase62(24)}`;
export const newBatchId = () => `eb_${randomBase62(24)}`;
export const newRequestId = () => `req_${randomBase62(24)}`;
export const newSessionId = () => `ls_${randomBase62(24)}`;
export const newConversationId = () => `cv_${randomBase62(20)}`;

/** `411_<agentId>_<secret>`, `411k_<agentId>_<secret>`, `411j_<jobId or batchId>_<secret>`. */
export function newToken(kind: TokenKind, ownerId: string): string {
  return `${TOKEN_PREFIX[kind]}${ownerId}_${randomBase62(SECRET_LENGTH)}`;
}

const TOKEN_SHAPE = /^(411k_|411j_|411_)((?:agt|ej|eb)_[0-9A-Za-z]{16,32})_([0-9A-Za-z]{40})$/;

export interface ParsedToken {
  kind: TokenKind;
  ownerId: string;
}

/** Reads the kind and owner from a bearer's shape; null when it is not one of ours. */
export function parseToken(token: string): ParsedToken | null {
  const m = TOKEN_SHAPE.exec(token);
  if (!m) return null;
  const prefix = m[1];
  const ownerId = m[2]!;
  const kind: TokenKind = prefix === "411_" ? "agent" : prefix === "411k_" ? "usageKey" : "jobPoll";
  // A poll bearer belongs to one async job or one CSV batch.
  const ownerIsJob = ownerId.startsWith("ej_") || ownerId.startsWith("eb_");
  if ((kind === "jobPoll") !== ownerIsJob) return null;
  return { kind, ownerId };
}
