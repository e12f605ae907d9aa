import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { bearerOf } from "../../middleware/auth.ts";
import { batchForBearer } from "../../services/batch/access.ts";
import { RESULT_COLUMNS, resultsCsv, resultsJsonl } from "../../services/batch/results.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { BatchIdParam } from "../../schemas/batch.ts";

// GET …/results.csv and …/results.jsonl: the same rows, two formats; partial while running.

const json = { "application/json": { schema: ErrorSchema } };
const FORMATS = {
  csv: {
    type: "text/csv; charset=utf-8",
    body: resultsCsv,
    summary: `Results as CSV (free): the input columns, then ${RESULT_COLUMNS.join(", ")}; partial while running`,
  },
  jsonl: {
    type: "application/x-ndjson; charset=utf-8",
    body: resultsJsonl,
    summary: "Results as JSON Lines (free): one object per input row with its outcome and the sync route's answer",
  },
} as const;

export function registerBatchResults(app: OpenAPIHono<AppEnv>) {
  for (const [ext, format] of Object.entries(FORMATS)) {
    const route = createRoute({
      method: "get",
      path: `/api/v1/batch/{batch_id}/results.${ext}`,
      operationId: `getEnrichBatchResults${ext === "csv" ? "Csv" : "Jsonl"}`,
      tags: ["batch"],
      summary: format.summary,
      security: bearerSecurity,
      request: { params: BatchIdParam },
      responses: {
        200: { description: "The results file", content: { [format.type]: { schema: z.string() } } },
        401: { description: "No bearer, or not a valid one", content: json },
        404: { description: "No such batch for this bearer (NOT_FOUND)", content: json },
        ...errorResponses,
      },
    });
    app.openapi(route, async (c) => {
      const batch = await batchForBearer(c.env, c.req.valid("param").batch_id, bearerOf(c.req.header("authorization")));
      const log = c.get("log");
      if (batch.agent_id) log.agentId = batch.agent_id;
      log.paymentMode = "free";
      return new Response(format.body(c.env.DB, batch), {
        headers: {
          "Content-Type": format.type,
          "Content-Disposition": `attachment; filename="${batch.id}-results.${ext}"`,
          "Cache-Control": "no-store",
          "X-Batch-Status": batch.status,
        },
      }) as never;
    });
  }
}
