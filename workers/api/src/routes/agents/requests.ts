import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { decodePageCursor, encodePageCursor, PageQuery } from "../../http/page-cursor.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { flushRequestLogs } from "../../services/request-log.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";

const StoredCall = z
  .object({
    request_id: z.string(),
    created_at: z.string(),
    method: z.string(),
    path: z.string(),
    route: z.string(),
    status: z.number(),
    key_id: z.string().nullable(),
    request_body: z.unknown(),
    response_body: z.unknown(),
    latency_ms: z.number(),
    price_usd: z.number().nullable(),
    charged_usd: z.number().nullable(),
    payment_mode: z.string().nullable(),
    error_code: z.string().nullable(),
    door: z.string().nullable().describe("the tool that made this call in-process, e.g. mcp:enrich_phone; null for a plain HTTP call"),
  })
  .openapi("StoredCall");

const Page = z.object({ requests: z.array(StoredCall), next_cursor: z.string().nullable() }).openapi("StoredCallPage");

export const route = createRoute({
  method: "get",
  path: "/api/v1/agents/requests",
  operationId: "listRequests",
  tags: ["agents"],
  summary: "Your stored calls, newest first: request, response and cost (a usage key sees its own)",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  request: { query: PageQuery },
  responses: { 200: { description: "A page of calls", content: { "application/json": { schema: Page } } }, ...errorResponses },
});

interface Row {
  id: string;
  created_at: string;
  method: string;
  path: string;
  route: string;
  status: number;
  key_id: string | null;
  request_body: string | null;
  response_body: string | null;
  latency_ms: number;
  price_micros: number | null;
  charged_micros: number | null;
  payment_mode: string | null;
  error_code: string | null;
  door: string | null;
}

const parsed = (text: string | null) => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export function registerRequests(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const principal = c.get("principal");
    const where = ["agent_id = ?"];
    const binds: (string | number)[] = [principal.agentId];
    if (principal.keyId) {
      where.push("key_id = ?");
      binds.push(principal.keyId);
    }
    if (cursor) {
      const [at, id] = decodePageCursor(cursor);
      where.push("(created_at < ? OR (created_at = ? AND id < ?))");
      binds.push(at, at, id);
    }
    await flushRequestLogs(c.env);
    const { results } = await c.env.DB.prepare(
      `SELECT id, created_at, method, path, route, status, key_id, request_body, response_body, latency_ms,
              price_micros, charged_micros, payment_mode, error_code, door
       FROM requests WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
      .bind(...binds, limit + 1)
      .all<Row>();
    const page = results.slice(0, limit);
    const usd = (m: number | null) => (m === null ? null : m / 1_000_000);
    return c.json(
      {
        requests: page.map((r) => ({
          request_id: r.id,
          created_at: r.created_at,
          method: r.method,
          path: r.path,
          route: r.route,
          status: r.status,
          key_id: r.key_id,
          request_body: parsed(r.request_body),
          response_body: parsed(r.response_body),
          latency_ms: r.latency_ms,
          price_usd: usd(r.price_micros),
          charged_usd: usd(r.charged_micros),
          payment_mode: r.payment_mode,
          error_code: r.error_code,
          door: r.door,
        })),
        next_cursor: results.length > limit ? encodePageCursor(page[page.length - 1]!) : null,
      },
      200,
    );
  });
}
