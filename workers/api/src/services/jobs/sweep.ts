import { expireIfOverdue } from "./end.ts";
import { getJob } from "./store.ts";

// Jobs whose deadline passed while nobody polled (a message lost, a consumer restarted) keep their
// ceiling held until something looks: the sweeper looks on a schedule, ends them as timed out,
// refunds them and fires their callbacks, exactly as a poll would.

const BATCH = 100;

export async function sweepOverdueJobs(env: Env, now = Date.now()): Promise<number> {
  const { results } = await env.DB.prepare("SELECT id FROM enrich_jobs WHERE status IN ('queued', 'running') AND deadline_at <= ? ORDER BY deadline_at LIMIT ?")
    .bind(now, BATCH)
    .all<{ id: string }>();
  let ended = 0;
  for (const { id } of results) {
    const job = await getJob(env.DB, id);
    if (job && (await expireIfOverdue(env, job, now))) ended++;
  }
  return ended;
}
