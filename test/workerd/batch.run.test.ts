import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { verifyCallbackSignature } from "@411data/core";
import { LeadEnrichmentV1 } from "@411data/lead-session";
import { RESERVED_PHONES } from "@411data/vendors";
import { describe, expect, it, vi } from "vitest";
import worker from "../../workers/api/src/index.ts";
import { PeopleResult } from "../../workers/api/src/schemas/people.ts";
import { readCsv } from "../../workers/api/src/services/batch/csv.ts";
import type { ReceivedCallback } from "../setup/callback-receiver.ts";
import { balanceOf, fundedAgent, mintAgent } from "./support/agents.ts";
import { csv, getBatch, resultsOf, untilEnded, uploadOk } from "./support/batch.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

// Batches end to end on the real queue (test config: batches every 50 ms, retries without delay):
// rows run through their route's own service, are billed from the batch hold, and the results come
// back in file order.

const MATCH = "+17242060094"; // a sandbox number that always matches
const HEADER = ["Contact ID", "Name", "Phone"];

async function parseCsv(text: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readCsv(new Blob([text]).stream())) out.push(r.cells);
  return out;
}

const rowsOf = (batchId: string) =>
  env.DB.prepare("SELECT row_no, status, matched, charge_micros, attempts, error FROM batch_rows WHERE batch_id = ? ORDER BY row_no")
    .bind(batchId)
    .all<{ row_no: number; status: string; matched: number | null; charge_micros: number | null; attempts: number; error: string | null }>()
    .then((r) => r.results);

describe("a phone batch", () => {
  it("bills exactly the matched rows at the phone price and releases the rest", async () => {
    const agent = await fundedAgent(20);
    const rows = [
      ["c1", "Walter Pennington", MATCH],
      ["c2", "Nobody", RESERVED_PHONES.no_match],
      ["c3", "Doris Pennington", "+17243310917"],
    ];
    const accepted = await uploadOk(csv([HEADER, ...rows]), { headers: agent.auth, query: { route: "enrich/phone" } });
    expect(accepted.counts).toEqual({ rows: 3, unique: 3, duplicates: 0, invalid: 0 });
    expect(accepted.estimate.bill_up_to_usd).toBeCloseTo(0.99);
    expect((await balanceOf(agent.auth)).held_usd).toBeGreaterThan(0);
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended.status).toBe("completed");
    expect(ended.progress).toMatchObject({ done: 3, matched: 2, no_match: 1, failed: 0, remaining: 0, percent: 100, eta_seconds: 0 });
    expect(ended.billing.charged_usd).toBeCloseTo(0.66);
    const balance = await balanceOf(agent.auth);
    expect(balance.virtual_balance_usd).toBeCloseTo(20 - 0.66);
    expect(balance.held_usd).toBe(0);
  });

  it("the results CSV parses back to the input, row for row, with cost and error; formulas are made inert", async () => {
    const agent = await fundedAgent(10);
    const input = [
      HEADER,
      ["c1", "Walter, \"Walt\" Pennington", MATCH],
      ["c2", "=HYPERLINK(\"http://x\")", RESERVED_PHONES.no_match],
      ["c1", "again", MATCH],
      ["c4", "@bad", "nope"],
    ];
    const accepted = await uploadOk(csv(input), { headers: agent.auth, query: { route: "enrich/phone" } });
    await untilEnded(accepted.batch_id, accepted.poll_bearer);
    const text = await resultsOf(accepted.batch_id, accepted.poll_bearer, "csv");
    const parsed = await parseCsv(text);
    expect(parsed[0]).toEqual([...HEADER, "enrich_line", "enrich_status", "enrich_route", "enrich_matched", "enrich_cost_usd", "enrich_error_code", "enrich_error", "enrich_result_json"]);
    expect(parsed).toHaveLength(input.length);
    const unescape = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);
    for (let i = 1; i < input.length; i++) expect(parsed[i]!.slice(0, 3).map(unescape)).toEqual(input[i]);
    expect(parsed[2]![1]).toBe("'=HYPERLINK(\"http://x\")");
    expect(parsed[4]![1]).toBe("'@bad");
    const [, first, second, dup, bad] = parsed.map((r) => r.slice(3));
    expect(first!.slice(0, 6)).toEqual(["2", "done", "enrich/phone", "true", "0.33", ""]);
    expect(PeopleResult.parse(JSON.parse(first![7]!)).matched).toBe(true);
    expect(second!.slice(0, 6)).toEqual(["3", "done", "enrich/phone", "false", "0", ""]);
    expect(dup!.slice(0, 2)).toEqual(["4", "duplicate"]);
    expect(dup![6]).toContain("duplicate of line 2");
    expect(bad!.slice(0, 2)).toEqual(["5", "invalid"]);
    expect(bad![5]).toBe("INVALID_PHONE");

    const jsonl = (await resultsOf(accepted.batch_id, accepted.poll_bearer, "jsonl")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl).toHaveLength(4);
    expect(jsonl[0]).toMatchObject({ line: 2, input: { "Contact ID": "c1", Phone: MATCH }, status: "done", matched: true, cost_usd: 0.33, error: null });
    // The row's answer is the sync route's own body (without its billing block).
    const sync = (await (await postJson("/api/v1/enrich/phone", { phone: MATCH }, agent.auth)).json()) as Record<string, unknown>;
    const { billing: _billing, ...syncBody } = sync;
    const rowResult = jsonl[0]!.result as Record<string, unknown>;
    expect(Object.keys(rowResult).sort()).toEqual(Object.keys(syncBody).sort());
    const names = (body: Record<string, unknown>) => (body.data as { people: { names: { value: { full: string } }[] }[] }).people.map((p) => p.names[0]?.value.full);
    expect(names(rowResult)).toEqual(names(syncBody));
  });

  it("vendor 429s slow a row down (retried with backoff) rather than fail it at once; it ends failed and uncharged", async () => {
    const agent = await fundedAgent(10);
    const accepted = await uploadOk(csv([HEADER, ["c1", "a", MATCH], ["c2", "throttled", RESERVED_PHONES.rate_limited], ["c3", "b", "+17243310917"]]), {
      headers: agent.auth,
      query: { route: "enrich/phone" },
    });
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended.progress).toMatchObject({ matched: 2, failed: 1, remaining: 0 });
    expect(ended.billing.charged_usd).toBeCloseTo(0.66);
    const rows = await rowsOf(accepted.batch_id);
    expect(rows[1]).toMatchObject({ status: "failed", attempts: 6, charge_micros: 0 });
    expect(JSON.parse(rows[1]!.error!)).toMatchObject({ code: "VENDOR_UNAVAILABLE" });
    expect(rows.filter((r) => r.status === "done").map((r) => r.attempts)).toEqual([1, 1]);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(10 - 0.66);
  });

  it("a ceiling below the batch's most stops rows when it runs out; those rows are not run or charged", async () => {
    const agent = await fundedAgent(10);
    const rows = Array.from({ length: 5 }, (_, i) => [`c${i}`, "x", MATCH]);
    const accepted = await uploadOk(csv([HEADER, ...rows]), { headers: agent.auth, query: { route: "enrich/phone", bill_up_to_usd: "1.00" } });
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended.progress).toMatchObject({ matched: 3, failed: 2 });
    expect(ended.billing.charged_usd).toBeCloseTo(0.99);
    const failed = (await rowsOf(accepted.batch_id)).filter((r) => r.status === "failed");
    expect(failed.map((r) => JSON.parse(r.error!).code)).toEqual(["BATCH_CEILING_REACHED", "BATCH_CEILING_REACHED"]);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(10 - 0.99);
  });
});

describe("delivery", () => {
  it("a chunk delivered again, even twice at once after a run that died before saving, bills each row once", async () => {
    const agent = await fundedAgent(10);
    const accepted = await uploadOk(csv([HEADER, ["c1", "a", MATCH], ["c2", "b", "+17243310917"], ["c3", "c", RESERVED_PHONES.no_match]]), {
      headers: agent.auth,
      query: { route: "enrich/phone" },
    });
    const first = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    const balance = (await balanceOf(agent.auth)).virtual_balance_usd;
    // As if the delivery had captured the matched rows' charges and died before writing their results.
    await env.DB.batch([
      env.DB.prepare("UPDATE batch_rows SET status = 'running', lease_until = 0, charge_micros = NULL, result = NULL WHERE batch_id = ? AND matched = 1").bind(accepted.batch_id),
      env.DB.prepare("UPDATE batches SET status = 'running', billing_status = NULL, finished_at = NULL WHERE id = ?").bind(accepted.batch_id),
      env.DB.prepare("UPDATE batch_chunks SET status = 'sent' WHERE batch_id = ?").bind(accepted.batch_id),
    ]);
    const message = { type: "batch_chunk", batch_id: accepted.batch_id, chunk_no: 1 };
    const deliveries = [0, 1].map((i) => createMessageBatch("enrich-jobs", [{ id: `redelivery-${i}`, timestamp: new Date(), attempts: 2, body: message }]));
    const ctxs = deliveries.map(() => createExecutionContext());
    await Promise.all(deliveries.map((b) => worker.queue(b, env)));
    for (const [i, b] of deliveries.entries()) expect((await getQueueResult(b, ctxs[i]!)).explicitAcks).toHaveLength(1);

    const again = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(again.billing.charged_usd).toBeCloseTo(first.billing.charged_usd);
    expect(again.progress).toMatchObject({ matched: 2, no_match: 1 });
    expect((await rowsOf(accepted.batch_id)).map((r) => r.charge_micros)).toEqual([330_000, 330_000, 0]);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(balance);
  });
});

describe("dead letters", () => {
  it("a chunk the queue gave up on fails its open rows (charged no more than was already captured), and the batch still ends with its hold released", async () => {
    const agent = await fundedAgent(10);
    const accepted = await uploadOk(csv([HEADER, ["c1", "a", MATCH], ["c2", "b", "+17243310917"]]), { headers: agent.auth, query: { route: "enrich/phone" } });
    await untilEnded(accepted.batch_id, accepted.poll_bearer);
    // As if every delivery had died holding the rows, before running them.
    await env.DB.batch([
      env.DB.prepare("UPDATE batch_rows SET status = 'running', lease_until = ?, matched = NULL, charge_micros = NULL, result = NULL WHERE batch_id = ?").bind(Date.now() + 600_000, accepted.batch_id),
      env.DB.prepare("UPDATE batches SET status = 'running', billing_status = NULL, finished_at = NULL WHERE id = ?").bind(accepted.batch_id),
      env.DB.prepare("UPDATE batch_chunks SET status = 'sent' WHERE batch_id = ?").bind(accepted.batch_id),
    ]);
    const dead = createMessageBatch("enrich-jobs-dlq", [{ id: "dead-1", timestamp: new Date(), attempts: 3, body: { type: "batch_chunk", batch_id: accepted.batch_id, chunk_no: 1 } }]);
    await worker.queue(dead, env);
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended.status).toBe("completed");
    const rows = await rowsOf(accepted.batch_id);
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(JSON.parse(rows[0]!.error!)).toMatchObject({ code: "INTERNAL_ERROR" });
    // Their charges were captured before the rows were lost, so that is what they show (never more).
    expect(rows.map((r) => r.charge_micros)).toEqual([330_000, 330_000]);
    expect((await balanceOf(agent.auth)).held_usd).toBe(0);
  });
});

describe("cancel", () => {
  it("midway: rows not started are never run or billed; what ran is billed; the rest of the hold returns", async () => {
    const agent = await fundedAgent(1000);
    const rows = Array.from({ length: 2500 }, (_, i) => [`c${i}`, "x", i % 2 ? MATCH : "+17243310917"]);
    const accepted = await uploadOk(csv([HEADER, ...rows]), { headers: agent.auth, query: { route: "enrich/phone" } });
    // Midway: once the first chunk has run.
    await vi.waitUntil(async () => (await getBatch(accepted.batch_id, accepted.poll_bearer)).progress.done >= 100, { timeout: 20_000, interval: 20 });
    const res = await call(`/api/v1/batch/${accepted.batch_id}/cancel`, { method: "POST", headers: { authorization: `Bearer ${accepted.poll_bearer}` } });
    expect(res.status).toBe(200);
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer, 60_000);
    expect(ended.status).toBe("cancelled");
    expect(ended.progress.cancelled).toBeGreaterThan(0);
    expect(ended.progress.done).toBeGreaterThanOrEqual(100);
    expect(ended.progress.done + ended.progress.cancelled).toBe(2500);
    const stored = await rowsOf(accepted.batch_id);
    expect(stored.filter((r) => r.status === "cancelled").every((r) => r.attempts === 0 && r.charge_micros === null)).toBe(true);
    const charged = stored.reduce((sum, r) => sum + (r.charge_micros ?? 0), 0);
    expect(charged).toBe(stored.filter((r) => r.matched === 1).length * 330_000);
    expect(ended.billing.charged_usd).toBeCloseTo(charged / 1e6);
    const balance = await balanceOf(agent.auth);
    expect(balance.held_usd).toBe(0);
    expect(balance.virtual_balance_usd).toBeCloseTo(1000 - charged / 1e6);
    // Cancelling an ended batch changes nothing.
    const twice = (await (await call(`/api/v1/batch/${accepted.batch_id}/cancel`, { method: "POST", headers: agent.auth })).json()) as { status: string };
    expect(twice.status).toBe("cancelled");
  });
});

describe("other routes in a batch", () => {
  it("person, websearch and lead-session rows are billed by their routes' own rules; the bill is the sum of matched rows", async () => {
    const agent = await fundedAgent(50);
    const file = csv([
      ["contact_id", "dm_name", "company", "street", "city", "state", "zip", "number1"],
      ["p1", "Walter Pennington", "", "", "New Castle", "PA", "", ""],
      ["w1", "", "Finicky Window Cleaning, Inc.", "", "Dunedin", "FL", "", ""],
    ]);
    const auto = await uploadOk(file, { headers: agent.auth });
    const leads = await uploadOk(
      csv([
        ["contact_id", "company", "street", "city", "state", "zip", "number1"],
        ["81551343", "JOSEPH B MANNO", "5 TANNERY RD", "RIDGWAY", "PA", "15853", "8147761310"],
      ]),
      { headers: agent.auth, query: { route: "enrich/lead-session" } },
    );
    for (const b of [auto, leads]) {
      const ended = await untilEnded(b.batch_id, b.poll_bearer, 60_000);
      const rows = await rowsOf(b.batch_id);
      expect(ended.billing.charged_usd).toBeCloseTo(rows.reduce((s, r) => s + (r.charge_micros ?? 0), 0) / 1e6);
    }
    const autoRows = await rowsOf(auto.batch_id);
    expect(autoRows[0]).toMatchObject({ matched: 1, charge_micros: 500_000 });
    expect(autoRows[1]!.matched).toBe(1);
    expect(autoRows[1]!.charge_micros).toBeGreaterThanOrEqual(1_000_000);
    const jsonl = (await resultsOf(leads.batch_id, leads.poll_bearer, "jsonl")).trim().split("\n").map((l) => JSON.parse(l) as { result: unknown; cost_usd: number });
    const graph = LeadEnrichmentV1.parse(jsonl[0]!.result);
    expect(jsonl[0]!.cost_usd).toBe(graph.cost.charge_usd);
  });
});

describe("reading batches", () => {
  it("the poll bearer reads one batch; another agent's bearer gets 404; the owner lists its batches", async () => {
    const agent = await fundedAgent(5);
    const stranger = await mintAgent();
    const accepted = await uploadOk(`phone\r\n${MATCH}\r\n`, { headers: agent.auth });
    await untilEnded(accepted.batch_id, accepted.poll_bearer);
    await expectEnvelope(await call(`/api/v1/batch/${accepted.batch_id}`, { headers: stranger.auth }), 404, "NOT_FOUND");
    await expectEnvelope(await call(`/api/v1/batch/${accepted.batch_id}/results.csv`, { headers: stranger.auth }), 404, "NOT_FOUND");
    await expectEnvelope(await call(`/api/v1/batch/${accepted.batch_id}`), 401, "UNAUTHORIZED");
    expect((await getBatch(accepted.batch_id, agent.token)).status).toBe("completed");
    const list = (await (await call("/api/v1/batch", { headers: agent.auth })).json()) as { batches: { batch_id: string }[] };
    expect(list.batches.map((b) => b.batch_id)).toEqual([accepted.batch_id]);
    await expectEnvelope(await call("/api/v1/batch", { headers: { authorization: `Bearer ${accepted.poll_bearer}` } }), 401, "TOKEN_INVALID");
  });

  it("batch.completed reaches the callback_url, signed with the batch's own secret, once", async () => {
    const agent = await fundedAgent(5);
    const box = `ib${crypto.randomUUID().replaceAll("-", "")}`;
    const url = `http://127.0.0.1:${env.CALLBACKS_LOOPBACK_PORTS}/hook/${box}/ok`;
    const accepted = await uploadOk(`phone\r\n${MATCH}\r\n`, { headers: agent.auth, query: { callback_url: url } });
    expect(accepted.callback).toMatchObject({ url });
    await untilEnded(accepted.batch_id, accepted.poll_bearer);
    const got = await vi.waitUntil(
      async () => {
        const r = (await (await fetch(`http://127.0.0.1:${env.CALLBACKS_LOOPBACK_PORTS}/inbox/${box}`)).json()) as ReceivedCallback[];
        return r.length > 0 ? r : false;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(got).toHaveLength(1);
    expect(await verifyCallbackSignature(accepted.callback!.signing_secret, got[0]!.headers["x-411-signature"], got[0]!.body)).toBe(true);
    const body = JSON.parse(got[0]!.body) as { type: string; data: { batch_id: string; status: string; billing: { charged_usd: number } } };
    expect(body).toMatchObject({ type: "batch.completed", data: { batch_id: accepted.batch_id, status: "completed", billing: { charged_usd: 0.33 } } });
  });
});
