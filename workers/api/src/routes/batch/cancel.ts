import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { bearerOf } from "../../middleware/auth.ts";
import { batchForBearer } from "../../services/batch/access.ts";
import { cancelBatch } from "../../services/batch/finish.ts";
import { getBatch, progressOf } from "../../services/batch/store.ts";
import { batchView } from "../../services/batch/view.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { BatchIdParam, BatchView } from "../../schemas/batch.ts";

const json = { "application/json": { schema: ErrorSchema } };

const route = createRoute({
  method: "post",
  path: "/api/v1/batch/{batch_id}/cancel",
  operationId: "cancelEnrichBatch",
  tags: ["batch"],
  summary: "Cancel a batch (free): rows not started are never run or billed; rows running finish",
  description: "Authorize with the poll bearer or the owning agent's bearer. Cancelling an ended batch changes nothing.",
  security: bearerSecurity,
  request: { params: BatchIdParam },
  responses: {
    200: { description: "The batch after the cancel", content: { "application/json": { schema: BatchView } } },
    401: { description: "No bearer, or not a valid one", content: json },
    404: { description: "No such batch for this bearer (NOT_FOUND)", content: json },
    ...errorResponses,
  },
});

export function registerBatchCancel(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const batch = await batchForBearer(c.env, c.req.valid("param").batch_id, bearerOf(c.req.header("authorization")));
    const log = c.get("log");
    if (batch.agent_id) log.agentId = batch.agent_id;
    log.paymentMode = "free";
    await cancelBatch(c.env, batch.id);
    const now = (await getBatch(c.env.DB, batch.id)) ?? batch;
    return c.json(batchView(now, await progressOf(c.env.DB, batch.id)), 200);
  });
}
