import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newJobId } from "@411data/core";
import worker from "../../workers/api/src/index.ts";
import { eachAtMost } from "../../workers/api/src/queue/consumer.ts";
import { emitEvent } from "../../workers/api/src/services/callbacks/events.ts";
import { storeRequestLogs } from "../../workers/api/src/services/request-log.ts";
import { createJob } from "../../workers/api/src/services/jobs/create.ts";
import { getJob, insertJob } from "../../workers/api/src/services/jobs/store.ts";
import { reconcile } from "../../workers/api/src/scheduled/reconcile.ts";
import { fundedAgent } from "./support/agents.ts";
import { failingDb } from "./support/faults.ts";
import { postJson } from "./support/http.ts";
import { logRow } from "./support/request-log.ts";

// The queue consumer runs a batch's messages side by side, and the three kinds of work (jobs,
// callback deliveries, request-log retries) travel on separate queues.

const FINICKY = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };

function capture() {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: unknown) => void sent.push(body),
    sendBatch: async (batch: { body: unknown }[]) => void sent.push(...batch.map((m) => m.body)),
  } as unknown as Queue;
  return { sent, queue };
}

async function websearchJob(): Promise<string> {
  const id = newJobId();
  const now = Date.now();
  await insertJob(env.DB, {
    id, agent_id: null, key_id: null, request_id: "req_test", route: "enrich/websearch", payload: JSON.stringify(FINICKY), poll_hash: "x",
    callback_url: null, billing_mode: "virtual_balance", bill_up_to_micros: 1_500_000, hold_id: null, x402_lock_key: null,
    x402_payer: null, x402_payload: null, x402_requirement: null, max_timeout_seconds: 1200, deadline_at: now + 1_200_000, created_at: now,
  });
  return id;
}

describe("a batch's messages run concurrently", () => {
  it("two slow jobs in one batch take about as long as one; each is acked on its own", async () => {
    const latency = 1_500;
    const slow = { ...env, SANDBOX_LATENCY_MS: String(latency) } as Env;
    const ids = [await websearchJob(), await websearchJob()];
    const batch = createMessageBatch("enrich-jobs", ids.map((id, i) => ({ id: `slow-${i}`, timestamp: new Date(), attempts: 1, body: { type: "enrich_job", job_id: id } })));
    const ctx = createExecutionContext();
    const started = Date.now();
    await worker.queue(batch, slow);
    const elapsed = Date.now() - started;
    expect((await getQueueResult(batch, ctx)).explicitAcks.sort()).toEqual(["slow-0", "slow-1"]);
    for (const id of ids) expect((await getJob(env.DB, id))?.status).toBe("completed");
    // One after the other would take at least twice the vendor's latency.
    expect(elapsed).toBeLessThan(2 * latency);
  }, 30_000);
});

describe("separate queues", () => {
  it("websearch jobs go to enrich-websearch, lead sessions to enrich-jobs, callback deliveries to enrich-callbacks, request-log retries to request-log-retries", async () => {
    const jobs = capture();
    const websearch = capture();
    const callbacks = capture();
    const logs = capture();
    const queues = { JOBS: jobs.queue, WEBSEARCH_JOBS: websearch.queue, CALLBACKS_QUEUE: callbacks.queue, LOG_QUEUE: logs.queue };

    const now = Date.now();
    const job = {
      agent_id: null, key_id: null, request_id: "req_test", callback_url: null, billing_mode: "virtual_balance", bill_up_to_micros: 1_500_000,
      hold_id: null, x402_lock_key: null, x402_payer: null, x402_payload: null, x402_requirement: null, max_timeout_seconds: 1200,
      deadline_at: now + 1_200_000, created_at: now,
    } as const;
    const websearchId = newJobId();
    const sessionId = newJobId();
    await createJob({ ...env, ...queues } as Env, { ...job, id: websearchId, route: "enrich/websearch", payload: JSON.stringify(FINICKY) });
    await createJob({ ...env, ...queues } as Env, { ...job, id: sessionId, route: "enrich/lead-session", payload: JSON.stringify({ lead: { company: "Acme" } }) });
    await storeRequestLogs({ ...env, ...queues, DB: failingDb(/INTO requests\b/).db } as Env, [logRow("req_queuesplit0000000000001", { path: "/q", route: "/q" })]);

    const agent = await fundedAgent(1);
    const subscribed = await postJson("/api/v1/agents/callbacks", { url: `http://127.0.0.1:${env.CALLBACKS_LOOPBACK_PORTS}/queue-split`, events: ["enrich.completed"] }, agent.auth);
    expect(subscribed.status).toBe(201);
    const emitted = await emitEvent({ ...env, ...queues } as Env, { agentId: agent.agentId, type: "enrich.completed", dedupeKey: "queue-split", data: {} });
    expect(emitted.deliveryIds).toHaveLength(1);

    // Each job: its run and its deadline check, on its own lane.
    expect(websearch.sent).toEqual([{ type: "enrich_job", job_id: websearchId }, { type: "enrich_job", job_id: websearchId }]);
    expect(jobs.sent).toEqual([{ type: "enrich_job", job_id: sessionId }, { type: "enrich_job", job_id: sessionId }]);
    expect(logs.sent).toEqual([expect.objectContaining({ type: "request_log" })]);
    expect(callbacks.sent).toEqual([{ type: "callback_delivery", delivery_id: emitted.deliveryIds[0] }]);
  });
});

describe("eachAtMost", () => {
  it("runs every item, never more than the width at once", async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await eachAtMost([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(n);
      running--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });
});

describe("the sweeper", () => {
  it("ends a job nobody polled after its deadline: failed, refunded", async () => {
    const id = await websearchJob();
    await env.DB.prepare("UPDATE enrich_jobs SET deadline_at = ? WHERE id = ?").bind(Date.now() - 1_000, id).run();
    const report = await reconcile(env);
    expect(report.jobsEnded).toBeGreaterThanOrEqual(1);
    expect(await getJob(env.DB, id)).toMatchObject({ status: "failed" });
  });
});
