import { newToken, sha256Hex } from "@411data/core";
import type { QueueMessage } from "../../queue/messages.ts";
import { failAndRefund } from "./end.ts";
import { DEADLINE_CHECK_MARGIN_SEC, type JobRoute } from "./job.ts";
import { getJob, insertJob, type NewJob } from "./store.ts";


// A paid-for job becomes a row and a queue message. The poll bearer is minted here, shown to the
// caller once, and only its hash is kept.

export async function createJob(env: Env, job: Omit<NewJob, "poll_hash">): Promise<{ pollBearer: string }> {
  const pollBearer = newToken("jobPoll", job.id);
  await insertJob(env.DB, { ...job, poll_hash: await sha256Hex(pollBearer) });
  const message: QueueMessage = { type: "enrich_job", job_id: job.id };
  try {
    await jobQueue(env, job.route).sendBatch([
      { body: message },
      // A check just past the deadline: a runner that died while its lease was live (its own
      // redelivery found the lease held and let go) is caught here, failed and refunded, or its
      // unfinished true-up completed. On a job that ended normally it does nothing.
      { body: message, delaySeconds: Math.max(1, Math.ceil((job.deadline_at - Date.now()) / 1000)) + DEADLINE_CHECK_MARGIN_SEC },
    ]);
  } catch (err) {
    // Never left waiting for a run that will not come: fail it and give the money back.
    const row = await getJob(env.DB, job.id);
    if (row) {
      await failAndRefund(env, row, { kind: "dead_letter" }, { code: "INTERNAL_ERROR", message: "the job could not be queued; nothing was charged" });
    }
    throw err;
  }
  return { pollBearer };
}

/**
 * Websearch jobs run on a lane of their own (wrangler.jsonc): a backlog of them never delays a lead
 * session or a CSV batch chunk, and a lead session never holds a batch of them.
 */
export const jobQueue = (env: Env, route: JobRoute): Queue => (route === "enrich/websearch" ? env.WEBSEARCH_JOBS : env.JOBS);
