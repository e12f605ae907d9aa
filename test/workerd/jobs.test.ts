import { env } from "cloudflare:workers";
import { createMessageBatch, createExecutionContext, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { newJobId, newToken, sha256Hex } from "@411data/core";
import { LeadEnrichmentV1 } from "@411data/lead-session";
import { RESERVED_NAMES } from "@411data/vendors";
import worker from "../../workers/api/src/index.ts";
import { WebsearchResult } from "../../workers/api/src/schemas/websearch.ts";
import { createJob } from "../../workers/api/src/services/jobs/create.ts";
import { BILLING_LEASE_SEC } from "../../workers/api/src/services/jobs/job.ts";
import { insertJob } from "../../workers/api/src/services/jobs/store.ts";
import { balanceOf, fundedAgent, mintAgent, type MintedAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

// Async jobs on the balance, end to end through the real queue (test config: batches every 50 ms,
// retries without delay, two retries before the dead-letter queue).

const micros = (usd: number) => Math.round(usd * 1_000_000);
const FINICKY = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };
const MANNO = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };

interface Accepted {
  job_id: string;
  poll_bearer: string;
  poll_url: string;
  poll_interval_sec: number;
  status: string;
  route: string;
  billing_mode: string;
  bill_up_to_usd: number;
  max_timeout_seconds: number;
}

interface Job {
  job_id: string;
  route: string;
  status: string;
  billing_status: string | null;
  billing_mode: string;
  billing: { bill_up_to_usd: number; charged_usd: number | null; refunded_usd: number | null; x402_transaction: string | null };
  matched: boolean | null;
  result: Record<string, unknown> | null;
  error: { code: string; message: string; details?: unknown } | null;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
}

async function submit(body: unknown, agent: MintedAgent): Promise<Accepted> {
  const res = await postJson("/api/v1/enrich/jobs", body, agent.auth);
  if (res.status !== 202) throw new Error(`submit ${res.status}: ${await res.text()}`);
  return (await res.json()) as Accepted;
}

function poll(jobId: string, bearer: string) {
  return call(`/api/v1/enrich/jobs/${jobId}`, { headers: { authorization: `Bearer ${bearer}` } });
}

async function pollUntilDone(jobId: string, bearer: string, timeout = 15_000): Promise<Job> {
  return vi.waitUntil(
    async () => {
      const res = await poll(jobId, bearer);
      if (res.status !== 200) throw new Error(`poll ${res.status}: ${await res.text()}`);
      const job = (await res.json()) as Job;
      return job.status === "completed" || job.status === "failed" ? job : false;
    },
    { timeout, interval: 50 },
  );
}

const jobRow = (id: string) =>
  env.DB.prepare("SELECT * FROM enrich_jobs WHERE id = ?").bind(id).first<{ hold_id: string; attempts: number; started_at: number; finished_at: number }>();

/** The hold's entries in the ledger's D1 copy, once the copy is complete. */
async function ledgerOfHold(agentId: string, holdId: string, expected: number) {
  return vi.waitUntil(
    async () => {
      const rows = await env.DB.prepare("SELECT kind, amount FROM ledger_entries WHERE agent_id = ? AND hold_id = ? ORDER BY seq")
        .bind(agentId, holdId)
        .all<{ kind: string; amount: number }>();
      return rows.results.length >= expected ? rows.results : false;
    },
    { timeout: 5_000, interval: 50 },
  );
}

describe("websearch job on the virtual balance", () => {
  it("202 with a poll bearer; runs on the queue; captures max($1, COGS × 1.3) and refunds the rest of the ceiling", async () => {
    const agent = await fundedAgent(5);
    const accepted = await submit({ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: "3.00" }, agent);
    expect(accepted).toMatchObject({
      status: "queued",
      route: "enrich/websearch",
      billing_mode: "virtual_balance",
      bill_up_to_usd: 3,
      max_timeout_seconds: 1200,
      poll_interval_sec: 2,
    });
    expect(accepted.job_id).toMatch(/^ej_[0-9A-Za-z]{24}$/);
    expect(accepted.poll_bearer.startsWith(`411j_${accepted.job_id}_`)).toBe(true);
    expect(accepted.poll_url).toBe(`http://localhost:8787/api/v1/enrich/jobs/${accepted.job_id}`);
    // Only the bearer's hash is kept.
    const stored = await env.DB.prepare("SELECT poll_hash FROM enrich_jobs WHERE id = ?").bind(accepted.job_id).first<{ poll_hash: string }>();
    expect(stored?.poll_hash).toBe(await sha256Hex(accepted.poll_bearer));

    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer);
    expect(job).toMatchObject({ status: "completed", billing_status: "settled_virtual", billing_mode: "virtual_balance", matched: true, error: null, attempts: 1 });
    // The result is the sync route's JSON.
    expect(WebsearchResult.safeParse(job.result).success).toBe(true);
    const sync = (await (await postJson("/api/v1/enrich/websearch", FINICKY, agent.auth)).json()) as { data: unknown; billing: { charged_usd: number } };
    const untimed = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === "observed_at" ? undefined : v)));
    expect(untimed(job.result!.data)).toEqual(untimed(sync.data));

    const cogs = micros((job.result!.metadata as { cogs_usd: number }).cogs_usd);
    const charge = Math.min(Math.max(1_000_000, Math.ceil((cogs * 13_000) / 10_000)), 3_000_000);
    expect(job.billing).toEqual({ bill_up_to_usd: 3, charged_usd: charge / 1e6, refunded_usd: (3_000_000 - charge) / 1e6, x402_transaction: null });
    const balance = await balanceOf(agent.auth);
    expect(balance.held_usd).toBe(0);
    expect(balance.virtual_balance_usd).toBeCloseTo(5 - charge / 1e6 - sync.billing.charged_usd, 6);
  });

  it("a websearch ceiling below its $1.00 minimum is a free 400, never research sold below price", async () => {
    const agent = await fundedAgent(2);
    const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 0.99 }, agent.auth);
    const body = (await expectEnvelope(res, 400, "VALIDATION_FAILED")) as unknown as { error: { details: { field: string; min_usd: number } } };
    expect(body.error.details).toMatchObject({ field: "bill_up_to_usd", min_usd: 1 });
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 2, held_usd: 0 }));
    // At the minimum it runs and is charged exactly the minimum.
    const accepted = await submit({ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: "1.00" }, agent);
    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer);
    expect(job.billing).toMatchObject({ bill_up_to_usd: 1, charged_usd: 1, refunded_usd: 0 });
  });

  it("no match → completed with matched: false and the whole ceiling refunded", async () => {
    const agent = await fundedAgent(2);
    const accepted = await submit({ route: "enrich/websearch", payload: { business_name: `Acme ${RESERVED_NAMES.no_match}` } }, agent);
    expect(accepted.bill_up_to_usd).toBe(1.5);
    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer);
    expect(job).toMatchObject({ status: "completed", matched: false, billing_status: "settled_virtual" });
    expect(job.billing).toMatchObject({ charged_usd: 0, refunded_usd: 1.5 });
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 2, held_usd: 0 }));
  });

  it("a vendor that keeps failing is retried, then the job fails with its error and a full refund", async () => {
    const agent = await fundedAgent(2);
    const accepted = await submit({ route: "enrich/websearch", payload: { business_name: `Acme ${RESERVED_NAMES.unavailable}` } }, agent);
    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer);
    // One run and two retries (the test queue's max_retries), then the dead-letter queue ends it.
    expect(job).toMatchObject({ status: "failed", attempts: 3, billing_status: "settled_virtual", matched: null, result: null });
    expect(job.error?.code).toBe("VENDOR_UNAVAILABLE");
    expect(job.billing).toMatchObject({ charged_usd: 0, refunded_usd: 1.5 });
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 2, held_usd: 0 }));
    const dead = await env.DB.prepare("SELECT queue FROM dead_letters WHERE body LIKE ?").bind(`%${accepted.job_id}%`).first<{ queue: string }>();
    expect(dead?.queue).toBe("enrich-jobs-dlq");
  });
});

describe("lead-session job", () => {
  it("runs the session on the queue; result is lead_enrichment_v1; the session charge is captured, the rest refunded", async () => {
    const agent = await fundedAgent(6);
    const accepted = await submit({ route: "enrich/lead-session", payload: { lead: MANNO, budget_usd: 2.0, max_rounds: 5, mode: "auto" }, bill_up_to_usd: 5 }, agent);
    expect(accepted).toMatchObject({ route: "enrich/lead-session", billing_mode: "virtual_balance", bill_up_to_usd: 5 });
    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer, 25_000);
    expect(job).toMatchObject({ status: "completed", billing_status: "settled_virtual", matched: true });
    const result = LeadEnrichmentV1.parse(job.result);
    expect(result).toMatchObject({ schema: "lead_enrichment_v1", matched: true, status: "completed" });
    // Random, not derived from the job id that poll URLs and callbacks carry.
    expect(result.session_id).toMatch(/^ls_[0-9A-Za-z]{24}$/);
    expect(result.session_id).not.toBe(`ls_${accepted.job_id.slice(3)}`);
    expect(result.cost.budget_usd).toBe(2);
    expect(job.billing.charged_usd).toBe(result.cost.charge_usd);
    expect(job.billing.charged_usd).toBeGreaterThanOrEqual(1.5);
    expect(job.billing.refunded_usd).toBeCloseTo(5 - result.cost.charge_usd, 6);
    const balance = await balanceOf(agent.auth);
    expect(balance).toMatchObject({ held_usd: 0 });
    expect(balance.virtual_balance_usd).toBeCloseTo(6 - result.cost.charge_usd, 6);
  }, 40_000);

  it("the payload's budget_usd is capped to the job's ceiling (and defaults to it)", async () => {
    const agent = await fundedAgent(5);
    const capped = await submit({ route: "enrich/lead-session", payload: { lead: MANNO, budget_usd: 20 }, bill_up_to_usd: 1.6 }, agent);
    const job = await pollUntilDone(capped.job_id, capped.poll_bearer, 25_000);
    const result = LeadEnrichmentV1.parse(job.result);
    expect(result.cost.budget_usd).toBe(1.6);
    expect(job.billing.charged_usd).toBeLessThanOrEqual(1.6);

    const defaulted = await submit({ route: "enrich/lead-session", payload: { lead: { ...MANNO, contact_id: 1 } }, bill_up_to_usd: 1.7 }, agent);
    const second = await pollUntilDone(defaulted.job_id, defaulted.poll_bearer, 25_000);
    expect(LeadEnrichmentV1.parse(second.result).cost.budget_usd).toBe(1.7);
  }, 60_000);

  it("vendors down for every lookup: each delivery runs the session again, then the job fails with a full refund", async () => {
    const agent = await fundedAgent(3);
    const lead = { company: RESERVED_NAMES.server_error, number1: "+15550100500", city: "Ridgway", state: "PA" };
    const accepted = await submit({ route: "enrich/lead-session", payload: { lead, max_rounds: 2 }, bill_up_to_usd: 2 }, agent);
    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer, 25_000);
    expect(job).toMatchObject({ status: "failed", attempts: 3, matched: null, result: null });
    expect(job.error?.code).toBe("VENDOR_UNAVAILABLE");
    expect(job.billing).toMatchObject({ charged_usd: 0, refunded_usd: 2 });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 3, held_usd: 0 });
  }, 40_000);

  it("a ceiling under the $1.50 base is a free 400: a matched session is never sold below its price", async () => {
    const agent = await fundedAgent(3);
    for (const bill_up_to_usd of [0.05, 0.14, 0.3, 1.49]) {
      const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/lead-session", payload: { lead: MANNO, max_rounds: 10 }, bill_up_to_usd }, agent.auth);
      const body = await expectEnvelope(res, 400, "VALIDATION_FAILED");
      expect(body.error).toMatchObject({ details: { field: "bill_up_to_usd", min_usd: 1.5 } });
    }
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 3, held_usd: 0 });
  });
});

describe("at-least-once delivery", () => {
  it("the same message delivered again (at once, concurrently, and after completion) runs the job once and bills once", async () => {
    const agent = await fundedAgent(5);
    const accepted = await submit({ route: "enrich/websearch", payload: FINICKY }, agent);
    const message = { type: "enrich_job", job_id: accepted.job_id };
    // Racing the queue's own delivery: two more through the queue, two straight into the consumer.
    await env.JOBS.send(message);
    await env.JOBS.send(message);
    const batch = createMessageBatch("enrich-jobs", [
      { id: "dup-1", timestamp: new Date(), attempts: 1, body: message },
      { id: "dup-2", timestamp: new Date(), attempts: 1, body: message },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const direct = await getQueueResult(batch, ctx);
    expect(direct.explicitAcks.sort()).toEqual(["dup-1", "dup-2"]);

    const job = await pollUntilDone(accepted.job_id, accepted.poll_bearer);
    expect(job.status).toBe("completed");
    const row = (await jobRow(accepted.job_id))!;
    expect(row.attempts).toBe(1);

    await env.JOBS.send(message);
    await new Promise((r) => setTimeout(r, 300));
    const after = (await jobRow(accepted.job_id))!;
    expect(after).toMatchObject({ attempts: 1, started_at: row.started_at, finished_at: row.finished_at });

    const charged = micros(job.billing.charged_usd!);
    expect(charged).toBeGreaterThan(0);
    // One hold, resolved once: released whole, then one capture of the charge.
    const entries = await ledgerOfHold(agent.agentId, row.hold_id, 3);
    expect(entries).toEqual([
      { kind: "hold", amount: -1_500_000 },
      { kind: "release", amount: 1_500_000 },
      { kind: "capture", amount: -charged },
    ]);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(5 - charged / 1e6, 6);
  });
});

describe("who may poll", () => {
  it("the job's poll bearer or its owner: 200; another job's poll bearer or another agent: 404", async () => {
    const owner = await fundedAgent(5);
    const stranger = await fundedAgent(1);
    const a = await submit({ route: "enrich/websearch", payload: FINICKY }, owner);
    const b = await submit({ route: "enrich/websearch", payload: FINICKY }, owner);

    expect((await poll(a.job_id, a.poll_bearer)).status).toBe(200);
    expect((await poll(a.job_id, owner.token)).status).toBe(200);
    await expectEnvelope(await poll(a.job_id, b.poll_bearer), 404, "NOT_FOUND");
    await expectEnvelope(await poll(a.job_id, stranger.token), 404, "NOT_FOUND");
    // A poll bearer shaped for this job but with the wrong secret, and an unknown job.
    await expectEnvelope(await poll(a.job_id, newToken("jobPoll", a.job_id)), 404, "NOT_FOUND");
    await expectEnvelope(await poll(newJobId(), owner.token), 404, "NOT_FOUND");
    await expectEnvelope(await call(`/api/v1/enrich/jobs/${a.job_id}`), 401, "UNAUTHORIZED");
    await expectEnvelope(await poll(a.job_id, "not-a-token"), 401, "TOKEN_INVALID");
    // A poll bearer pays for nothing.
    await expectEnvelope(await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: FINICKY }, { authorization: `Bearer ${a.poll_bearer}` }), 401, "TOKEN_INVALID");
    await pollUntilDone(a.job_id, a.poll_bearer);
    await pollUntilDone(b.job_id, b.poll_bearer);
  });

  it("a usage key of the owner may poll; polling is free", async () => {
    const owner = await fundedAgent(3);
    const keyRes = await postJson("/api/v1/agents/usage-keys", { name: "worker", spend_cap_usd: 2 }, owner.auth);
    expect(keyRes.status).toBe(201);
    const key = ((await keyRes.json()) as { key: string }).key;
    const accepted = await submit({ route: "enrich/websearch", payload: FINICKY }, { ...owner, auth: { authorization: `Bearer ${key}` } });
    const job = await pollUntilDone(accepted.job_id, key);
    const charged = job.billing.charged_usd!;
    for (let i = 0; i < 5; i++) expect((await poll(accepted.job_id, accepted.poll_bearer)).status).toBe(200);
    expect((await balanceOf(owner.auth)).virtual_balance_usd).toBeCloseTo(3 - charged, 6);
  });
});

describe("timeouts", () => {
  /** A job whose deadline has passed, with its ceiling really held on the agent's balance. */
  async function overdueJob(agent: MintedAgent) {
    const id = newJobId();
    const hold = await env.AGENT_ACCOUNT.getByName(agent.agentId).hold({ amount: 1_500_000, ttlSec: 1500, ref: id });
    if (!hold.ok) throw new Error("hold refused");
    const bearer = newToken("jobPoll", id);
    const now = Date.now();
    await insertJob(env.DB, {
      id,
      agent_id: agent.agentId,
      key_id: null,
      request_id: "req_test",
      route: "enrich/websearch",
      payload: JSON.stringify(FINICKY),
      poll_hash: await sha256Hex(bearer),
      callback_url: null,
      billing_mode: "virtual_balance",
      bill_up_to_micros: 1_500_000,
      hold_id: hold.holdId,
      x402_lock_key: null,
      x402_payer: null,
      x402_payload: null,
      x402_requirement: null,
      max_timeout_seconds: 1200,
      deadline_at: now - 1,
      created_at: now - 1_200_001,
    });
    return { id, bearer };
  }

  it("a job past max_timeout_seconds fails and refunds when polled, without any runner", async () => {
    const agent = await fundedAgent(2);
    const { id, bearer } = await overdueJob(agent);
    expect((await balanceOf(agent.auth)).held_usd).toBe(1.5);
    const res = await poll(id, bearer);
    const job = (await res.json()) as Job;
    expect(job).toMatchObject({ status: "failed", billing_status: "settled_virtual", attempts: 0, result: null });
    expect(job.error?.code).toBe("JOB_TIMEOUT");
    expect(job.billing).toMatchObject({ charged_usd: 0, refunded_usd: 1.5 });
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 2, held_usd: 0 }));
  });

  it("a message for an overdue job fails it and refunds instead of running it", async () => {
    const agent = await fundedAgent(2);
    const { id, bearer } = await overdueJob(agent);
    await env.JOBS.send({ type: "enrich_job", job_id: id });
    const job = await vi.waitUntil(
      async () => {
        const row = await jobRow(id);
        return row && (await env.DB.prepare("SELECT status FROM enrich_jobs WHERE id = ?").bind(id).first<{ status: string }>())?.status === "failed";
      },
      { timeout: 5_000, interval: 50 },
    ).then(async () => (await (await poll(id, bearer)).json()) as Job);
    expect(job).toMatchObject({ status: "failed", attempts: 0, started_at: null });
    expect(job.error?.code).toBe("JOB_TIMEOUT");
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 2, held_usd: 0 }));
  });

  it("every job also schedules its own check just past the deadline, so a runner that died is caught without a poll", async () => {
    const sent: { body: unknown; delaySeconds?: number }[] = [];
    const queue = { sendBatch: async (batch: typeof sent) => void sent.push(...batch) } as unknown as Queue;
    const id = newJobId();
    const now = Date.now();
    await createJob({ ...env, WEBSEARCH_JOBS: queue }, {
      id, agent_id: null, key_id: null, request_id: "req_test", route: "enrich/websearch", payload: JSON.stringify(FINICKY),
      callback_url: null, billing_mode: "virtual_balance", bill_up_to_micros: 1_500_000, hold_id: null, x402_lock_key: null,
      x402_payer: null, x402_payload: null, x402_requirement: null, max_timeout_seconds: 1200, deadline_at: now + 1_200_000, created_at: now,
    });
    expect(sent.map((m) => m.body)).toEqual([{ type: "enrich_job", job_id: id }, { type: "enrich_job", job_id: id }]);
    expect(sent[0]!.delaySeconds).toBeUndefined();
    // After the deadline and after a billing lease taken at the deadline would have run out.
    expect(sent[1]!.delaySeconds).toBeGreaterThanOrEqual(1200 + BILLING_LEASE_SEC);
    expect(sent[1]!.delaySeconds).toBeLessThanOrEqual(1200 + 300);
  });
});

describe("bad input is a free 400", () => {
  it("bill_up_to_usd out of bounds, a bad payload, a follow-up payload, a private callback: 400 and nothing held", async () => {
    const agent = await fundedAgent(2);
    const cases: [unknown, string][] = [
      [{ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 0.04 }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: "50.01" }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: -1 }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: "1.0000001" }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: "lots" }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: { city: "Tampa" } }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: { ...FINICKY, max_usd: "0.5" } }, "VALIDATION_FAILED"],
      [{ route: "enrich/phone", payload: { phone: "+17242060094" } }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch" }, "VALIDATION_FAILED"],
      [{ route: "enrich/lead-session", payload: { budget_usd: 2 } }, "VALIDATION_FAILED"],
      [{ route: "enrich/lead-session", payload: { lead: MANNO, budget_usd: 1 } }, "VALIDATION_FAILED"],
      [{ route: "enrich/lead-session", payload: { session_id: `ls_${"a".repeat(24)}`, prompt: "dig" } }, "VALIDATION_FAILED"],
      [{ route: "enrich/websearch", payload: FINICKY, callback_url: "http://127.0.0.1:8080/hook" }, "CALLBACK_URL_REFUSED"],
      [{ route: "enrich/websearch", payload: FINICKY, callback_url: "https://169.254.169.254/latest" }, "CALLBACK_URL_REFUSED"],
    ];
    for (const [body, code] of cases) {
      await expectEnvelope(await postJson("/api/v1/enrich/jobs", body, agent.auth), 400, code);
    }
    // The edges of the range are accepted: a lead session's starts at its $1.50 base price.
    for (const edge of [1.5, "50.00"]) {
      const rich = await fundedAgent(51);
      const accepted = await submit({ route: "enrich/lead-session", payload: { lead: { company: `Acme ${RESERVED_NAMES.no_match}`, state: "PA" } }, bill_up_to_usd: edge }, rich);
      expect(accepted.bill_up_to_usd).toBe(Number(edge));
    }
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 2, held_usd: 0 }));
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM enrich_jobs WHERE agent_id = ?").bind(agent.agentId).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("an Idempotency-Key replays the 202 and queues nothing more", async () => {
    const agent = await fundedAgent(5);
    const body = { route: "enrich/websearch", payload: FINICKY };
    const headers = { ...agent.auth, "idempotency-key": "job-once" };
    const first = await postJson("/api/v1/enrich/jobs", body, headers);
    const again = await postJson("/api/v1/enrich/jobs", body, headers);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // The poll bearer is shown once: the replay is the same job with the bearer's secret withheld.
    const shown = (await first.json()) as Record<string, unknown> & { poll_bearer: string };
    const replayed = (await again.json()) as Record<string, unknown> & { poll_bearer: string };
    expect(replayed).toEqual({
      ...shown,
      poll_bearer: shown.poll_bearer.replace(/[0-9A-Za-z]{40}$/, "[redacted]"),
      idempotent_replay: expect.objectContaining({ secret_withheld: true }),
    });
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM enrich_jobs WHERE agent_id = ?").bind(agent.agentId).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });
});

describe("402 answers", () => {
  it("no bearer → 402 with an x402 upto offer of the ceiling (maxTimeoutSeconds 1200)", async () => {
    const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 2.5 });
    const body = (await expectEnvelope(res, 402, "AGENT_TOKEN_REQUIRED")) as unknown as {
      accepts: { scheme: string; amount: string; maxTimeoutSeconds: number; payTo: string; extra: Record<string, string> }[];
      error: { details: { bill_up_to_usd: number } };
    };
    expect(body.accepts).toEqual([
      expect.objectContaining({ scheme: "upto", amount: "2500000", maxTimeoutSeconds: 1200, payTo: env.PAY_TO_ADDRESS }),
    ]);
    expect(body.accepts[0]!.extra).toMatchObject({ assetTransferMethod: "permit2" });
    expect(body.accepts[0]!.extra.facilitatorAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(body.error.details.bill_up_to_usd).toBe(2.5);
    expect(JSON.parse(atob(res.headers.get("payment-required")!)).accepts).toEqual(body.accepts);
  });

  it("a balance short of the ceiling → 402 INSUFFICIENT_BALANCE with the upto offer, nothing held", async () => {
    const agent = await mintAgent(); // $0.20
    const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: FINICKY }, agent.auth);
    const body = (await expectEnvelope(res, 402, "INSUFFICIENT_BALANCE")) as unknown as { accepts: { scheme: string; amount: string }[] };
    expect(body.accepts).toEqual([expect.objectContaining({ scheme: "upto", amount: "1500000" })]);
    expect(await balanceOf(agent.auth)).toEqual(expect.objectContaining({ virtual_balance_usd: 0.2, held_usd: 0 }));
  });
});

describe("documented", () => {
  it("/openapi.json has both job operations; submit carries the upto x-payment-info", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-payment-info"?: { scheme: string } }>> };
    expect(doc.paths["/api/v1/enrich/jobs"]?.post?.["x-payment-info"]).toMatchObject({ scheme: "upto" });
    expect(doc.paths["/api/v1/enrich/jobs/{job_id}"]?.get).toBeDefined();
  });
});
