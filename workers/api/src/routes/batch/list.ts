import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { bearerOf } from "../../middleware/auth.ts";
import { agentForBearer } from "../../services/batch/access.ts";
import { listBatches, progressOf } from "../../services/batch/store.ts";
import { batchView } from "../../services/batch/view.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { BatchList } from "../../schemas/batch.ts";

const json = { "application/json": { schema: ErrorSchema } };

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().regex(/^\d{1,16}$/, "cursor is the next_cursor of an earlier page").optional(),
});

const route = createRoute({
  method: "get",
  path: "/api/v1/batch",
  operationId: "listEnrichBatches",
  tags: ["batch"],
  summary: "The agent's batches, newest first (free)",
  security: bearerSecurity,
  request: { query: Query },
  responses: {
    200: { description: "A page of batches", content: { "application/json": { schema: BatchList } } },
    401: { description: "No bearer, or not a valid one", content: json },
    ...errorResponses,
  },
});

export function registerBatchList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const agentId = await agentForBearer(c.env, bearerOf(c.req.header("authorization")));
    c.get("log").agentId = agentId;
    c.get("log").paymentMode = "free";
    const page = await listBatches(c.env.DB, agentId, limit + 1, cursor === undefined ? null : Number(cursor));
    const shown = page.slice(0, limit);
    const batches = await Promise.all(shown.map(async (b) => batchView(b, await progressOf(c.env.DB, b.id))));
    const next = page.length > limit ? String(shown[shown.length - 1]!.created_at) : null;
    return c.json({ batches, next_cursor: next }, 200);
  });
}
