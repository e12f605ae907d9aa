// Queue throughput: N websearch jobs submitted through POST /api/v1/enrich/jobs, each polled with
// its own poll bearer until it ends; times come from the job's own created/started/finished stamps.
import { percentile } from "./load.ts";

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
  const submit = () =>
    fetch(`${base}/api/v1/enrich/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ route: "enrich/websearch", payload: PAYLOAD }),
    });
  const first = await submit();
  if (first.status !== 202) {
    const text = await first.text();
    return { available: false, reason: `POST /api/v1/enrich/jobs answered ${first.status} ${text.slice(0, 120)}` };
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
  while (done.size < jobs.length && Date.now() < deadline) {
    const pending = jobs.filter((j) => !done.has(j.id)).slice(0, 64);
    for (let i = 0; i < pending.length; i += 8) await Promise.all(pending.slice(i, i + 8).map(poll));
    if (done.size < jobs.length) await new Promise((r) => setTimeout(r, 300));
  }

  const views = [...done.values()];
  const ms = (a: string | null, b: string | null) => (a && b ? Date.parse(b) - Date.parse(a) : Number.NaN);
  const perJob = views.map((v) => ms(v.created_at, v.finished_at)).filter(Number.isFinite);
  const wait = views.map((v) => ms(v.created_at, v.started_at)).filter(Number.isFinite);
  const work = views.map((v) => ms(v.started_at, v.finished_at)).filter(Number.isFinite);
  const lastFinish = Math.max(...views.map((v) => Date.parse(v.finished_at ?? "")).filter(Number.isFinite));
  const firstCreate = Math.min(...views.map((v) => Date.parse(v.created_at)));
  const wallSec = (lastFinish - firstCreate) / 1000;
  return {
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
}
