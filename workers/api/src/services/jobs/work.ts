import { ApiError, type Micros } from "@411data/core";
import { graphFound, type ParsedLeadSessionRequest, toLeadEnrichmentV1 } from "@411data/lead-session";
import { runtime } from "../../../../../durable-objects/runtime.ts";
import type { WebsearchBody } from "../../schemas/websearch.ts";
import { reconcileTurn, rememberPaidSession, runLeadSession, type SessionOutcome, sessionOf } from "../lead-session/run.ts";
import { runWebsearch } from "../websearch.ts";
import type { JobRoute } from "./job.ts";
import type { JobRow } from "./store.ts";

// What each job route runs, through the same services as its sync route, and how long one run may
// hold the job. Payloads are stored as validated at submit (ceiling caps applied), so a run only
// reads them back.

export interface JobWork {
  matched: boolean;
  /** The actual cost to bill (0 on no match), never above the job's ceiling. */
  charge: Micros;
  cogs: Micros | null;
  /** The sync route's answer, without its billing block. */
  result: unknown;
}

export interface JobRunner {
  /** Longer than one run can take (vendor timeouts included); past it a redelivery may take over. */
  leaseSec: number;
  /** Callback events a completed job of this route emits besides enrich.job_completed. */
  extraEvents: readonly string[];
  /** `deadline` (epoch ms): start no new work after it. */
  run(env: Env, job: JobRow, deadline: number): Promise<JobWork>;
  /** Tells the route's own state what the true-up really took (lead sessions keep a billed total). */
  afterCharge?(env: Env, job: JobRow, charged: Micros): Promise<void>;
}

/** A lead-session job's stored payload: the parsed request, budget already capped to the ceiling. */
export type LeadSessionJobPayload = ParsedLeadSessionRequest;

/**
 * One session per job, under the random id stored on the job at submit, so a run taken over after
 * a crash finds the same session. (Rows from before that column named it after the job id.)
 */
export const jobSessionId = (job: Pick<JobRow, "id" | "session_id">) => job.session_id ?? `ls_${job.id.slice("ej_".length)}`;

const websearch: JobRunner = {
  leaseSec: 180,
  extraEvents: [],
  async run(env, job) {
    const { max_usd, ...query } = JSON.parse(job.payload) as WebsearchBody;
    const ceiling = Math.min(job.bill_up_to_micros, max_usd ?? job.bill_up_to_micros);
    // A job runs on the queue, with no request: its vendors come from the runtime module.
    const work = await runWebsearch(env, runtime().vendors(env), query, ceiling);
    return { matched: work.matched, charge: work.matched ? (work.charge ?? 0) : 0, cogs: work.cogs ?? null, result: work.body };
  },
};

const leadSession: JobRunner = {
  leaseSec: 900,
  extraEvents: ["lead.session_completed"],
  async run(env, job, deadline) {
    const request = JSON.parse(job.payload) as LeadSessionJobPayload;
    const sessionId = jobSessionId(job);
    let outcome: Pick<SessionOutcome, "matched" | "chargeDue" | "cogs" | "result">;
    try {
      outcome = await runLeadSession(env, { request, ownerId: job.agent_id, payer: job.x402_payer, sessionId, deadline });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "CONFLICT")) throw err;
      // An earlier run of this job started the session and died before billing: bill what it holds.
      const stored = await sessionOf(env, sessionId).read(job.agent_id);
      if (!stored) throw err;
      outcome = {
        matched: graphFound(stored.state.graph),
        chargeDue: stored.billed,
        cogs: stored.state.cogs,
        result: toLeadEnrichmentV1(stored.state),
      };
    }
    const charge = outcome.matched ? Math.min(outcome.chargeDue, job.bill_up_to_micros) : 0;
    return { matched: outcome.matched, charge, cogs: outcome.cogs, result: outcome.result };
  },
  async afterCharge(env, job, charged) {
    await reconcileTurn(env, jobSessionId(job), job.charge_micros ?? 0, charged);
    if (charged > 0 && job.agent_id) {
      // The run may have been an earlier delivery's: the session object holds what it left.
      const stored = await sessionOf(env, jobSessionId(job)).read(job.agent_id);
      if (stored) await rememberPaidSession(env, job.agent_id, stored.state);
    }
  },
};

export const JOB_RUNNERS: Record<JobRoute, JobRunner> = {
  "enrich/websearch": websearch,
  "enrich/lead-session": leadSession,
};
