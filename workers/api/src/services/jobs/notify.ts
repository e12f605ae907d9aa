import { emitEvent, matchingSubscriptions } from "../callbacks/events.ts";
import { isTerminal } from "./job.ts";
import type { JobRow } from "./store.ts";
import { jobView } from "./view.ts";
import { jobSessionId } from "./work.ts";

/**
 * Tells the job's callback_url and the agent's subscribers that the job ended; the body is what a
 * poll shows. Keyed by the job, so calling it again (a redelivered message) sends nothing twice.
 * `found`: jobEndedSubscriptions already run (batched with the write that ended the job).
 */
export async function notifyJobEnded(env: Env, job: JobRow, found?: D1Result<{ id: string }>): Promise<void> {
  if (!isTerminal(job.status)) return;
  const sessionEnded = job.route === "enrich/lead-session" && job.status === "completed";
  // Nobody to tell: the view (the whole result parsed) is not built for nothing.
  if (found?.results.length === 0 && !sessionEnded) return;
  const view = jobView(job);
  await emitEvent(env, { agentId: job.agent_id, type: "enrich.job_completed", jobId: job.id, data: view }, found);
  if (sessionEnded) {
    await emitEvent(env, {
      agentId: job.agent_id,
      type: "lead.session_completed",
      dedupeKey: `job:${job.id}`,
      data: { session_id: jobSessionId(job), job_id: job.id, matched: view.matched, result: view.result, billing: view.billing },
    });
  }
}

/** Who hears that the job ended (enrich.job_completed), to batch with the write that ends it. */
export const jobEndedSubscriptions = (db: D1Database, job: Pick<JobRow, "id" | "agent_id">) =>
  matchingSubscriptions(db, { agentId: job.agent_id, type: "enrich.job_completed", jobId: job.id });
