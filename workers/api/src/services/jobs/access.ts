import { ApiError, parseToken, sha256Hex, timingSafeEqualHex } from "@411data/core";
import { accountOf } from "../accounts.ts";
import { getJob, type JobRow } from "./store.ts";

// Who may read a job: its own poll bearer, or the agent that owns it (agent bearer or one of its
// usage keys). Every other bearer gets the same 404 as a job that does not exist, so job ids
// reveal nothing.

export async function jobForBearer(env: Env, jobId: string, token: string): Promise<JobRow> {
  return readableBy(env, token, { id: jobId, what: "job", load: () => getJob(env.DB, jobId) });
}

/**
 * The record `id` if `token` may read it: the record's own poll bearer (411j_<id>_…), or the owning
 * agent's bearer or usage key (scoped for async work). Anything else is the 404 of a missing record.
 * Jobs and CSV batches share it.
 */
export async function readableBy<T extends { agent_id: string | null; poll_hash: string }>(
  env: Env,
  token: string,
  record: { id: string; what: string; load: () => Promise<T | null> },
): Promise<T> {
  const notFound = () => new ApiError("NOT_FOUND", `no such ${record.what}`);
  const parsed = parseToken(token);
  if (!parsed) throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
  const hash = await sha256Hex(token);

  if (parsed.kind === "jobPoll") {
    if (parsed.ownerId !== record.id) throw notFound();
    const found = await record.load();
    if (!found || !timingSafeEqualHex(found.poll_hash, hash)) throw notFound();
    return found;
  }

  const agentId = await agentOfBearer(env, token);
  const found = await record.load();
  if (!found || found.agent_id !== agentId) throw notFound();
  return found;
}

/** The agent behind an agent bearer or one of its usage keys (scoped for async work). */
export async function agentOfBearer(env: Env, token: string): Promise<string> {
  const parsed = parseToken(token);
  if (!parsed || parsed.kind === "jobPoll") throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
  const auth = await accountOf(env, parsed.ownerId).authenticate({
    tokenHash: await sha256Hex(token),
    kind: parsed.kind === "agent" ? "agent" : "usage_key",
    routeId: "enrich.jobs",
  });
  if (!auth.ok) throw new ApiError(auth.code, auth.code === "KEY_SCOPE_DENIED" ? "this usage key is not scoped for jobs" : "the bearer is not valid");
  return auth.principal.agentId;
}
