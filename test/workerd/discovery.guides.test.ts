import { createRoute, z } from "@hono/zod-openapi";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERROR_STATUS } from "@411data/core";
import { createApp } from "../../workers/api/src/app.ts";
import { call } from "./support/http.ts";

// The guides are generated from the OpenAPI document and the error table: these tests read them
// as an agent would and check nothing an agent needs is missing.

async function text(path: string): Promise<string> {
  const res = await call(path);
  expect(res.status).toBe(200);
  return res.text();
}

async function openApiOperations(): Promise<string[]> {
  const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(ops.length).toBeGreaterThan(30);
  return ops;
}

/** The rows of the skill.md error table: code → [HTTP status, next action]. */
function errorRows(markdown: string): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>();
  for (const m of markdown.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.*) \|$/gm)) rows.set(m[1]!, [m[2]!, m[3]!.trim()]);
  return rows;
}

describe("/skill.md", () => {
  it("gives every error code its HTTP status and a next action", async () => {
    const rows = errorRows(await text("/skill.md"));
    expect([...rows.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const [status, next] = rows.get(code)!;
      expect(status, code).toBe(String(ERROR_STATUS[code]));
      expect(next.length, `${code} has no next action`).toBeGreaterThan(20);
    }
    // The codes the first users met without guidance.
    expect(rows.get("TOKEN_INVALID")![1]).toMatch(/wallet-recover/);
    expect(rows.get("PAYMENT_REQUIRED")![1]).toMatch(/PAYMENT-SIGNATURE/);
    expect(rows.get("JOB_TIMEOUT")![1]).toMatch(/refunded/);
    expect(rows.get("CHAIN_UNAVAILABLE")![1]).toMatch(/retry/);
    expect(rows.get("METHOD_NOT_ALLOWED")![1]).toMatch(/Allow/);
  });

  it("lists every operation of /openapi.json, with its path as written", async () => {
    const markdown = await text("/skill.md");
    for (const op of await openApiOperations()) expect(markdown, op).toContain(`\`${op}\``);
    expect(markdown).toContain("/api/v1/enrich/jobs/{job_id}");
    expect(markdown).not.toMatch(/%7B|%7D/i);
    expect(markdown).toMatch(/^- `POST \/api\/v1\/enrich\/phone` — .*\(bearer, x402; \$0\.33 per match/m);
    expect(markdown).toMatch(/^- `GET \/api\/v1\/agents\/me` — .*\(bearer; free\)$/m);
  });

  it("explains usage keys, jobs, callbacks, support tickets and the x402 client's spend controls", async () => {
    const markdown = await text("/skill.md");
    for (const needle of [
      "411k_",
      "spend_cap_usd",
      "poll_bearer",
      "bill_up_to_usd",
      "max_usd",
      "signing_secret",
      "X-411-Signature",
      "enrich.job_completed",
      "GET http://localhost:8787/api/v1/support/tickets/{ticket_id}",
      "credit_usd",
      "wrapFetchWithPayment",
      'setSpendControls({ maxAmountPerPayment: "$5"',
      "token/restore",
    ]) {
      expect(markdown, needle).toContain(needle);
    }
    // restore only checks a bearer; it must not read as a recovery path.
    expect(markdown).toMatch(/token\/restore\S*` only checks/);
  });

  it("picks up a route registered by any surface, with no edit to the guide", async () => {
    const app = createApp();
    app.openapi(
      createRoute({
        method: "get",
        path: "/api/v1/probe/{thing_id}",
        tags: ["probe"],
        summary: "A probe route added after the app was built",
        description: "Its description reaches the guide too.",
        request: { params: z.object({ thing_id: z.string() }) },
        responses: { 200: { description: "ok" } },
      }),
      (c) => c.json({ ok: true }, 200),
    );
    const ctx = createExecutionContext();
    const res = await app.request("/skill.md", {}, env, ctx);
    await waitOnExecutionContext(ctx);
    const markdown = await res.text();
    expect(markdown).toContain("### probe");
    expect(markdown).toContain("`GET /api/v1/probe/{thing_id}` — A probe route added after the app was built (no bearer; free)");
    expect(markdown).toContain("Its description reaches the guide too.");
  });
});

describe("/llms.txt", () => {
  it("names every operation of /openapi.json and how to pay above $1 with the x402 client", async () => {
    const body = await text("/llms.txt");
    for (const op of await openApiOperations()) expect(body, op).toContain(op.split(" ")[1]);
    expect(body).toContain("maxAmountPerPayment");
    expect(body).toContain("GET /api/v1/enrich/jobs/{job_id}");
    expect(body).not.toMatch(/%7B|%7D/i);
  });
});
