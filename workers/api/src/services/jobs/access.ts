import { ApiError, parseToken, sha256Hex, timingSafeEqualHex } from "@411data/core";
import { accountOf } from "../accounts.ts";
import { getJob, type JobRow } from "./store.ts";

// Who may read a job: its own poll bearer, or the agent that owns it (agent bearer or one of its
// usage keys). Every other bearer gets the same 404 as a job that does not exist, so job ids
// reveal nothing.

const notFound = () => new ApiError("NOT_FOUND", "no such job");

export async function jobForBearer(env: Env, jobId: string, token: string): Promise<JobRow> {
  const parsed = parseToken(token);
  if (!parsed) throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
  const hash = await sha256Hex(token);

  if (parsed.kind === "jobPoll") {
    if (parsed.ownerId !== jobId) throw notFound();
    const job = await getJob(env.DB, jobId);
    if (!job || !timingSafeEqualHex(job.poll_hash, hash)) throw notFound();
    return job;
  }

  const auth = await accountOf(env, parsed.ownerId).authenticate({
    tokenHash: hash,
    kind: parsed.kind === "agent" ? "agent" : "usage_key",
    routeId: "enrich.jobs",
  });
  if (!auth.ok) throw new ApiError(auth.code, auth.code === "KEY_SCOPE_DENIED" ? "this usage key is not scoped for jobs" : "the bearer is not valid");
  const job = await getJob(env.DB, jobId);
  if (!job || job.agent_id !== auth.principal.agentId) throw notFound();
  return job;
}
