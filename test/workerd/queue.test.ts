import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../../workers/api/src/index.ts";
import { retryDelaySec } from "../../workers/api/src/queue/consumer.ts";
import { loggedEvents } from "./support/logs.ts";
import { logRow } from "./support/request-log.ts";

describe("enrich-jobs queue", () => {
  it("the consumer acks a good message and retries a bad one with backoff (unit)", async () => {
    const batch = createMessageBatch("enrich-jobs", [
      {
        id: "m-good",
        timestamp: new Date(),
        attempts: 1,
        body: { type: "request_log", row: logRow("req_queueunit00000000000001", { path: "/q", route: "/q" }) },
      },
      { id: "m-bad", timestamp: new Date(), attempts: 3, body: { type: "no-such-type" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m-good"]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m-bad"]);
    expect(loggedEvents("queue_message_retry")).toMatchObject([{ level: "warn", message_id: "m-bad", attempt: 3, error_name: "ZodError" }]);
    expect(retryDelaySec(1, 2)).toBe(2);
    expect(retryDelaySec(3, 2)).toBe(8);
    expect(retryDelaySec(30, 2)).toBe(300);
    const row = await env.DB.prepare("SELECT id FROM requests WHERE id = ?").bind("req_queueunit00000000000001").first();
    expect(row).not.toBeNull();
  });

  it("a poisoned message is retried, then dead-lettered and kept (integration)", async () => {
    await env.JOBS.send({ type: "poison", payload: "\u0000<script>" });
    const dead = await vi.waitUntil(
      async () =>
        (await env.DB.prepare("SELECT * FROM dead_letters WHERE body LIKE '%poison%'").first<{
          queue: string;
          attempts: number;
          body: string;
        }>()) ?? false,
      { timeout: 10_000, interval: 50 },
    );
    expect(dead.queue).toBe("enrich-jobs-dlq");
    expect(JSON.parse(dead.body)).toEqual({ type: "poison", payload: "\u0000<script>" });
  });
});
