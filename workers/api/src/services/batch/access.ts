import { ApiError } from "@411data/core";
import { agentOfBearer, readableBy } from "../jobs/access.ts";
import { type BatchRow, getBatch } from "./store.ts";

// Who may read or cancel a batch: its own poll bearer, or the agent that owns it (agent bearer or
// one of its usage keys), exactly as for jobs. Any other bearer gets the 404 of a missing batch.

export async function batchForBearer(env: Env, batchId: string, token: string | null | undefined): Promise<BatchRow> {
  if (!token) throw new ApiError("UNAUTHORIZED", "send `Authorization: Bearer <poll_bearer>` (411j_…) or the owning agent's bearer");
  return readableBy(env, token, { id: batchId, what: "batch", load: () => getBatch(env.DB, batchId) });
}

/** The agent behind an agent bearer or usage key (for listing its batches). */
export async function agentForBearer(env: Env, token: string | null | undefined): Promise<string> {
  if (!token) throw new ApiError("UNAUTHORIZED", "send `Authorization: Bearer 411_…` (or a usage key)");
  return agentOfBearer(env, token);
}
