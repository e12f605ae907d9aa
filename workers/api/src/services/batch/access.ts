import { ApiError, parseToken, sha256Hex, timingSafeEqualHex } from "@411data/core";
import { accountOf } from "../accounts.ts";
import { type BatchRow, getBatch } from "./store.ts";

// Who may read or cancel a batch: its own poll bearer, or the agent that owns it (agent bearer or
// one of its usage keys). Any other bearer gets the same 404 as a batch that does not exist.

const notFound = () => new ApiError("NOT_FOUND", "no such batch");

export async function batchForBearer(env: Env, batchId: string, token: string | null | undefined): Promise<BatchRow> {
  if (!token) throw new ApiError("UNAUTHORIZED", "send `Authorization: Bearer <poll_bearer>` (411j_…) or the owning agent's bearer");
  const parsed = parseToken(token);
  if (!parsed) throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
  const hash = await sha256Hex(token);
  if (parsed.kind === "jobPoll") {
    if (parsed.ownerId !== batchId) throw notFound();
    const batch = await getBatch(env.DB, batchId);
    if (!batch || !timingSafeEqualHex(batch.poll_hash, hash)) throw notFound();
    return batch;
  }
  const agentId = await agentOf(env, token, parsed.ownerId, parsed.kind);
  const batch = await getBatch(env.DB, batchId);
  if (!batch || batch.agent_id !== agentId) throw notFound();
  return batch;
}

/** The agent behind an agent bearer or usage key (for listing its batches). */
export async function agentForBearer(env: Env, token: string | null | undefined): Promise<string> {
  if (!token) throw new ApiError("UNAUTHORIZED", "send `Authorization: Bearer 411_…` (or a usage key)");
  const parsed = parseToken(token);
  if (!parsed || parsed.kind === "jobPoll") throw new ApiError("TOKEN_INVALID", "list batches with an agent bearer or usage key");
  return agentOf(env, token, parsed.ownerId, parsed.kind);
}

async function agentOf(env: Env, token: string, ownerId: string, kind: "agent" | "usageKey"): Promise<string> {
  const auth = await accountOf(env, ownerId).authenticate({
    tokenHash: await sha256Hex(token),
    kind: kind === "agent" ? "agent" : "usage_key",
    routeId: "enrich.jobs",
  });
  if (!auth.ok) throw new ApiError(auth.code, auth.code === "KEY_SCOPE_DENIED" ? "this usage key is not scoped for async work (enrich.jobs)" : "the bearer is not valid");
  return auth.principal.agentId;
}
