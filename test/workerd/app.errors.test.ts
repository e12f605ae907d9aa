import { createRoute, z } from "@hono/zod-openapi";
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ApiError } from "@411data/core";
import { createApp } from "../../workers/api/src/app.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";
import { capturedLogs, loggedEvents } from "./support/logs.ts";

// A throwaway app with probe routes, built by the same factory as the Worker, so every error
// kind travels the real middleware and reaches the one error shaper.
function probeApp() {
  const app = createApp();
  const Body = z.object({ name: z.string().min(1), count: z.number().int().positive() });
  app.openapi(
    createRoute({
      method: "post",
      path: "/probe",
      request: { body: { content: { "application/json": { schema: Body } }, required: true } },
      responses: { 200: { description: "ok" } },
    }),
    (c) => c.json({ got: c.req.valid("json") }, 200),
  );
  app.get("/probe/boom", () => {
    throw new Error("db password is hunter2 at /srv/secret.ts:12");
  });
  app.get("/probe/api-error", () => {
    throw new ApiError("VENDOR_UNAVAILABLE", "the vendor is down", { headers: { "Retry-After": "7" } });
  });
  return app;
}

async function probe(path: string, init: RequestInit = {}, bindings: Env = env) {
  const ctx = createExecutionContext();
  const res = await probeApp().request(path, init, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const json = (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body });

describe("one error envelope for every failure", () => {
  it("unknown route → 404 ROUTE_NOT_FOUND", async () => {
    const res = await call("/nope/nothing-here");
    const body = await expectEnvelope(res, 404, "ROUTE_NOT_FOUND");
    expect(body.error.message).toContain("/nope/nothing-here");
  });

  it("zod failure → 400 VALIDATION_FAILED naming the field", async () => {
    const res = await probe("/probe", json(JSON.stringify({ name: "", count: -1 })));
    const body = (await expectEnvelope(res, 400, "VALIDATION_FAILED")) as unknown as {
      error: { details: { issues: { path: string }[] } };
    };
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(["count", "name"]);
  });

  it("valid body passes through", async () => {
    const res = await probe("/probe", json(JSON.stringify({ name: "a", count: 2 })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { name: "a", count: 2 } });
  });

  it.each(["{", '{"name": "a",}', "nul", "[1,2", '{"a":1}{"b":2}'])("malformed JSON %j → 400 MALFORMED_JSON", async (text) => {
    await expectEnvelope(await probe("/probe", json(text)), 400, "MALFORMED_JSON");
  });

  it("invalid UTF-8 → 400 MALFORMED_JSON", async () => {
    const res = await probe("/probe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    await expectEnvelope(res, 400, "MALFORMED_JSON");
  });

  it("wrong media type → 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await probe("/probe", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    await expectEnvelope(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("oversized body → 413 PAYLOAD_TOO_LARGE, declared or streamed", async () => {
    const big = JSON.stringify({ name: "x".repeat(1_100_000), count: 1 });
    await expectEnvelope(await probe("/probe", json(big)), 413, "PAYLOAD_TOO_LARGE");
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await probe("/probe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      // @ts-expect-error: streaming request bodies need duplex in the fetch spec
      duplex: "half",
    });
    await expectEnvelope(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("unexpected exception → 500 INTERNAL_ERROR that leaks nothing", async () => {
    const res = await probe("/probe/boom");
    const text = await res.clone().text();
    const body = await expectEnvelope(res, 500, "INTERNAL_ERROR");
    expect(text).not.toMatch(/hunter2|secret|\.ts|stack|Error:/);
    // The operator sees the real failure in the log, under the same request id.
    const [logged, ...more] = loggedEvents("request_failed");
    expect(more).toEqual([]);
    expect(logged).toMatchObject({ level: "error", request_id: body.error.request_id, code: "INTERNAL_ERROR", error: "db password is hunter2 at /srv/secret.ts:12" });
    expect(logged!.stack).toMatch(/app\.errors\.test\.ts/);
  });

  it("thrown ApiError keeps its code, status and headers", async () => {
    const res = await probe("/probe/api-error");
    expect(res.headers.get("retry-after")).toBe("7");
    await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE");
    // A deliberate 5xx is an answer, kept in the request log; it writes no error line.
    expect(capturedLogs()).toEqual([]);
  });

  it("broken environment → 500 BAD_ENVIRONMENT naming the key, not its value", async () => {
    const broken = { ...env, MAX_BODY_BYTES: "lots", PUBLIC_BASE_URL: "sk_live_not_a_url" } as Env;
    const res = await probe("/probe/api-error", {}, broken);
    const text = await res.clone().text();
    const body = (await expectEnvelope(res, 500, "BAD_ENVIRONMENT")) as unknown as { error: { details: { keys: string[] } } };
    expect(body.error.details.keys.sort()).toEqual(["MAX_BODY_BYTES", "PUBLIC_BASE_URL"]);
    expect(text).not.toContain("sk_live");
    const logged = loggedEvents("request_failed");
    expect(logged).toMatchObject([{ level: "error", code: "BAD_ENVIRONMENT" }]);
    expect(JSON.stringify(logged)).not.toContain("sk_live");
  });

  it("every response carries X-Request-Id, distinct per call", async () => {
    const a = await call("/healthz");
    const b = await postJson("/nope", "{");
    const ids = [a.headers.get("x-request-id"), b.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(/^req_[0-9A-Za-z]{24}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
