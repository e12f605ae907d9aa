import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, postJson, storedRequest } from "./support/http.ts";
import { insertRequestLog, storeRequestLogs } from "../../workers/api/src/services/request-log.ts";
import { logRow } from "./support/request-log.ts";

describe("every request is stored", () => {
  it("a 200 is logged with its route, bodies and latency", async () => {
    const res = await call("/healthz");
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ method: "GET", path: "/healthz", route: "/healthz", status: 200, error_code: null });
    expect(JSON.parse(row.response_body!)).toMatchObject({ status: "ok" });
    expect(row.latency_ms).toBeGreaterThanOrEqual(0);
    expect(row.price_micros).toBeNull();
  });

  it("a 400 keeps the request body exactly as sent and the error code", async () => {
    const sent = '{"phone": 12, "broken": ';
    const bad = await postJson("/openapi.json", sent);
    const badRow = await storedRequest(bad.headers.get("x-request-id")!);
    expect(badRow.status).toBe(400);
    expect(badRow.error_code).toBe("MALFORMED_JSON");
    expect(badRow.request_body).toBe(sent);
    expect(JSON.parse(badRow.response_body!).error.code).toBe("MALFORMED_JSON");
  });

  it("a 404 is logged as unmatched", async () => {
    const res = await call("/api/v1/does-not-exist?x=1");
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ status: 404, path: "/api/v1/does-not-exist", route: "(unmatched)", error_code: "ROUTE_NOT_FOUND" });
  });

  it("never stores Authorization or PAYMENT-SIGNATURE raw", async () => {
    const bearer = "411_agt_AAAAAAAAAAAAAAAAAAAA_" + "s".repeat(40);
    const payment = "eyJ4NDAyVmVyc2lvbiI6Mn0-secret-signature";
    const res = await call("/healthz-nope", {
      headers: { authorization: `Bearer ${bearer}`, "payment-signature": payment, "user-agent": "probe/1" },
    });
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row.request_headers).not.toContain(bearer);
    expect(row.request_headers).not.toContain("s".repeat(40));
    expect(row.request_headers).not.toContain(payment);
    const headers = JSON.parse(row.request_headers);
    expect(headers.authorization).toMatch(/^\[redacted sha256:[0-9a-f]{16}\]$/);
    expect(headers["payment-signature"]).toMatch(/^\[redacted sha256:[0-9a-f]{16}\]$/);
    expect(headers["user-agent"]).toBe("probe/1");
  });

  it("the write survives the client hanging up", async () => {
    const controller = new AbortController();
    const res = await call("/openapi.json", { signal: controller.signal });
    const id = res.headers.get("x-request-id")!;
    controller.abort(); // gone before reading a byte of the body
    const row = await storedRequest(id);
    expect(row.status).toBe(200);
    expect(row.response_body).toContain('"openapi":"3.1.0"');
  });

  it("a D1 write failure is queued and retried by the consumer, not lost", async () => {
    const row = logRow("req_retryprobe000000000001", { latency_ms: 1 });
    const failingDb = {
      prepare: () => {
        throw new Error("D1_ERROR: database is locked");
      },
    } as unknown as D1Database;
    await storeRequestLogs({ ...env, DB: failingDb } as Env, [row]);
    const stored = await storedRequest(row.id);
    expect(stored.route).toBe("/x");
    // Redelivery of the same row is harmless.
    await insertRequestLog(env.DB, row);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM requests WHERE id = ?").bind(row.id).first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it("rows written in batches all land, one per request, whatever the batch they fell in", async () => {
    // 120 at once fill two whole batches (written at once) and leave a partial one for the timer.
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => call(`/healthz?n=${i}`)));
    const ids = answers.map((r) => r.headers.get("x-request-id")!);
    expect(new Set(ids).size).toBe(120);
    const rows = await Promise.all(ids.map((id) => storedRequest(id)));
    expect(rows.map((r) => [r.path, r.status])).toEqual(ids.map(() => ["/healthz", 200]));
  });

  it("a batch D1 refuses is queued row by row, and each row lands", async () => {
    const rows = [logRow("req_batchretry00000000000001", { route: "/b1" }), logRow("req_batchretry00000000000002", { route: "/b2" })];
    const refusingBatch = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") return () => Promise.reject(new Error("D1_ERROR: Network connection lost"));
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await storeRequestLogs({ ...env, DB: refusingBatch } as Env, rows);
    expect((await storedRequest(rows[0]!.id)).route).toBe("/b1");
    expect((await storedRequest(rows[1]!.id)).route).toBe("/b2");
  });

  it("huge bodies are stored truncated with a marker", async () => {
    const body = JSON.stringify({ blob: "y".repeat(200_000) });
    const res = await postJson("/nowhere", body);
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row.request_body!.length).toBeLessThan(70_000);
    expect(row.request_body).toMatch(/…\[truncated \d+ chars\]$/);
  });
});

vi.setConfig({ testTimeout: 20_000 });
