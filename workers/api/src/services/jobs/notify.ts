import { emitEvent } from "../callbacks/events.ts";
import { isTerminal } from "./job.ts";
import type { JobRow } from "./store.ts";
import { jobView } from "./view.ts";
import { jobSessionId } from "./work.ts";

/**
 * Tells the job's callback_url and the agent's subscribers that the job ended; the body is what a
 * poll shows. Keyed by the job, so calling it again (a redelivered message) sends nothing twice.
 */
export async function notifyJobEnded(env: Env, job: JobRow): Promise<void> {
  if (!isTerminal(job.status)) return;
  const view = jobView(job);
  await emitEvent(env, { agentId: job.agent_id, type: "enrich.job_completed", jobId: job.id, data: view });
  if (job.route === "enrich/lead-session" && job.status === "completed") {
    await emitEvent(env, {
      agentId: job.agent_id,
      type: "lead.session_completed",
      dedupeKey: `job:${job.id}`,
      data: { session_id: jobSessionId(job), job_id: job.id, matched: view.matched, result: view.result, billing: view.billing },
    });
  }
}
