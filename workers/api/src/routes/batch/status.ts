import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { bearerOf } from "../../middleware/auth.ts";
import { batchForBearer } from "../../services/batch/access.ts";
import { finishIfDone } from "../../services/batch/finish.ts";
import { getBatch, progressOf } from "../../services/batch/store.ts";
import { batchView } from "../../services/batch/view.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { BatchIdParam, BatchView } from "../../schemas/batch.ts";

const json = { "application/json": { schema: ErrorSchema } };

const route = createRoute({
  method: "get",
  path: "/api/v1/batch/{batch_id}",
  operationId: "getEnrichBatch",
  tags: ["batch"],
  summary: "A batch's status and progress (free): done, matched, no match, failed, remaining, spend so far, ETA",
  description: "Authorize with the batch's `poll_bearer` (411j_…) or the owning agent's bearer; any other bearer gets 404.",
  security: bearerSecurity,
  request: { params: BatchIdParam },
  responses: {
    200: { description: "The batch", content: { "application/json": { schema: BatchView } } },
    401: { description: "No bearer, or not a valid one", content: json },
    404: { description: "No such batch for this bearer (NOT_FOUND)", content: json },
    ...errorResponses,
  },
});

export function registerBatchStatus(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    let batch = await batchForBearer(c.env, c.req.valid("param").batch_id, bearerOf(c.req.header("authorization")));
    const log = c.get("log");
    if (batch.agent_id) log.agentId = batch.agent_id;
    log.paymentMode = "free";
    // Every row ended but the end was never recorded (its last delivery died): end it here.
    if (batch.status === "running" && (await finishIfDone(c.env, batch.id))) batch = (await getBatch(c.env.DB, batch.id)) ?? batch;
    return c.json(batchView(batch, await progressOf(c.env.DB, batch.id)), 200, { "Cache-Control": "no-store" });
  });
}
