// Queue throughput: N websearch jobs submitted through POST /api/v1/enrich/jobs, each polled with
// its own poll bearer until it ends; times come from the job's own created/started/finished stamps.
import { percentile } from "./load.ts";
import { table } from "./table.ts";

export type QueueResult =
  | { available: false; reason: string }
  | {
      available: true;
      jobs: number;
      /** Submits that were not accepted, by status. */
      refused: Record<string, number>;
      completed: number;
      failed: number;
      unfinished: number;
      /** First submit to last finish, seconds. */
      wallSec: number;
      jobsPerSec: number;
      /** created_at → finished_at per job, ms. */
      perJob: { p50: number; p99: number; mean: number };
      /** created_at → started_at per job (time spent waiting in the queue), ms. */
      queueWait: { p50: number; p99: number };
      /** started_at → finished_at per job (the work itself), ms. */
      work: { p50: number; p99: number };
    };

const PAYLOAD = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };
const WEBSEARCH_JOB = { route: "enrich/websearch", payload: PAYLOAD };
/** The lead submitted behind the backlog: a session of a few rounds against the sandbox vendors. */
const LEAD_SESSION_JOB = {
  route: "enrich/lead-session",
  payload: { lead: { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" }, max_rounds: 5, mode: "auto" },
  bill_up_to_usd: 5,
};

interface JobView {
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

export async function queueBench(base: string, bearer: string, n: number, timeoutSec: number): Promise<QueueResult> {
  return (await backlog(base, bearer, n, timeoutSec, false)).queue;
}

/** A lead-session job submitted right behind a backlog of websearch jobs: how long the backlog held it. */
export interface LaneResult {
  queue: QueueResult;
  leadSession:
    | { available: false; reason: string }
    | {
        available: true;
        status: string;
        /** created_at → started_at, ms: what the websearch backlog made it wait. */
        waitMs: number;
        /** started_at → finished_at, ms. */
        workMs: number;
        /** Websearch jobs of the backlog that were still unstarted when it started. */
        websearchStartedAfter: number;
      };
}

export async function laneBench(base: string, bearer: string, n: number, timeoutSec: number): Promise<LaneResult> {
  return backlog(base, bearer, n, timeoutSec, true);
}

async function backlog(base: string, bearer: string, n: number, timeoutSec: number, leadBehind: boolean): Promise<LaneResult> {
  const submit = (job: object = WEBSEARCH_JOB) =>
    fetch(`${base}/api/v1/enrich/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
      body: JSON.stringify(job),
    });
  const first = await submit();
  if (first.status !== 202) {
    const text = await first.text();
    const reason = `POST /api/v1/enrich/jobs answered ${first.status} ${text.slice(0, 120)}`;
    return { queue: { available: false, reason }, leadSession: { available: false, reason } };
  }
  const jobs: { id: string; poll: string }[] = [];
  const refused: Record<string, number> = {};
  const accept = async (res: Response) => {
    const body = (await res.json()) as { job_id: string; poll_bearer: string };
    if (res.status === 202) jobs.push({ id: body.job_id, poll: body.poll_bearer });
    else refused[res.status] = (refused[res.status] ?? 0) + 1;
  };
  const started = Date.now();
  await accept(first);
  await pool(Array.from({ length: n - 1 }, (_, i) => i), 16, async () => accept(await submit()));
  let lead: { id: string; poll: string } | null = null;
  let leadRefused = "";
  if (leadBehind) {
    const res = await submit(LEAD_SESSION_JOB);
    const body = (await res.json()) as { job_id: string; poll_bearer: string };
    if (res.status === 202) lead = { id: body.job_id, poll: body.poll_bearer };
    else leadRefused = `lead-session submit answered ${res.status} ${JSON.stringify(body).slice(0, 120)}`;
  }

  const done = new Map<string, JobView>();
  const deadline = started + timeoutSec * 1000;
  // Times come from the jobs' own stamps, so polling only has to find the ends, and gently (polls
  // compete with the consumer for the same CPU): each round the 64 oldest unfinished, 8 at a time.
  const poll = async (job: { id: string; poll: string }) => {
    const res = await fetch(`${base}/api/v1/enrich/jobs/${job.id}`, { headers: { authorization: `Bearer ${job.poll}` } });
    const view = (await res.json()) as JobView;
    const ended = view.status === "completed" || view.status === "failed";
    if (ended) done.set(job.id, view);
    return ended;
  };
  const all = lead ? [lead, ...jobs] : jobs;
  while (done.size < all.length && Date.now() < deadline) {
    const pending = all.filter((j) => !done.has(j.id)).slice(0, 64);
    for (let i = 0; i < pending.length; i += 8) await Promise.all(pending.slice(i, i + 8).map(poll));
    if (done.size < all.length) await new Promise((r) => setTimeout(r, 300));
  }

  const leadView = lead ? done.get(lead.id) : undefined;
  if (lead) done.delete(lead.id);
  const views = [...done.values()];
  const ms = (a: string | null, b: string | null) => (a && b ? Date.parse(b) - Date.parse(a) : Number.NaN);
  const perJob = views.map((v) => ms(v.created_at, v.finished_at)).filter(Number.isFinite);
  const wait = views.map((v) => ms(v.created_at, v.started_at)).filter(Number.isFinite);
  const work = views.map((v) => ms(v.started_at, v.finished_at)).filter(Number.isFinite);
  const lastFinish = Math.max(...views.map((v) => Date.parse(v.finished_at ?? "")).filter(Number.isFinite));
  const firstCreate = Math.min(...views.map((v) => Date.parse(v.created_at)));
  const wallSec = (lastFinish - firstCreate) / 1000;
  const queue: QueueResult = {
    available: true,
    jobs: jobs.length,
    refused,
    completed: views.filter((v) => v.status === "completed").length,
    failed: views.filter((v) => v.status === "failed").length,
    unfinished: jobs.length - views.length,
    wallSec,
    jobsPerSec: views.length / wallSec,
    perJob: { p50: percentile(perJob, 50), p99: percentile(perJob, 99), mean: perJob.reduce((a, b) => a + b, 0) / Math.max(perJob.length, 1) },
    queueWait: { p50: percentile(wait, 50), p99: percentile(wait, 99) },
    work: { p50: percentile(work, 50), p99: percentile(work, 99) },
  };
  const leadStarted = Date.parse(leadView?.started_at ?? "");
  const leadSession: LaneResult["leadSession"] = !leadBehind
    ? { available: false, reason: "not run" }
    : !leadView
      ? { available: false, reason: leadRefused || "the lead-session job did not end in time" }
      : {
          available: true,
          status: leadView.status,
          waitMs: ms(leadView.created_at, leadView.started_at),
          workMs: ms(leadView.started_at, leadView.finished_at),
          websearchStartedAfter: views.filter((v) => Date.parse(v.started_at ?? "") > leadStarted).length,
        };
  return { queue, leadSession };
}

export function printQueue(queue: QueueResult, lane: LaneResult) {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const row = (label: string, q: QueueResult) =>
    q.available
      ? [
          label,
          `${q.completed} done / ${q.failed} failed / ${q.unfinished} unfinished`,
          `${q.jobsPerSec.toFixed(1)} jobs/s, ${q.wallSec.toFixed(1)} s in all`,
          `per job p50 ${ms(q.perJob.p50)}, p99 ${ms(q.perJob.p99)}`,
          `queue wait p50 ${ms(q.queueWait.p50)}, p99 ${ms(q.queueWait.p99)}`,
        ]
      : [label, "not available", q.reason, "", ""];
  console.log();
  console.log(table(["queue", "jobs", "throughput", "submit → completed", "waiting in the queue"], [
    row("websearch jobs", queue),
    row("websearch jobs, lead session behind", lane.queue),
  ]));
  const l = lane.leadSession;
  console.log();
  console.log(
    l.available
      ? `lead-session job submitted behind the backlog: ${l.status}, waited ${ms(l.waitMs)} to start, ran ${ms(l.workMs)}; ${l.websearchStartedAfter} websearch jobs started after it`
      : `lead-session job behind the backlog: ${l.reason}`,
  );
  if (queue.available) console.log(`\nqueued websearch jobs per second: ${queue.jobsPerSec.toFixed(1)} (target ≥ 200: ${queue.jobsPerSec >= 200 ? "met" : "not met"})`);
}
