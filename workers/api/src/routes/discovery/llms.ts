import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { DISCOVERY_CACHE_CONTROL, publicBase } from "./catalog-view.ts";
import { llmsText } from "./guide.ts";
import { routeIndex } from "./route-index.ts";

const route = createRoute({
  method: "get",
  path: "/llms.txt",
  operationId: "llmsTxt",
  tags: ["discovery"],
  summary: "llms.txt index: what the API does, how to pay, links and every paid route with its price",
  responses: {
    200: { description: "The index", content: { "text/plain": { schema: z.string() } } },
    ...errorResponses,
  },
});

export function registerLlms(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) =>
    c.text(llmsText(publicBase(c), routeIndex(app)), 200, { "Cache-Control": DISCOVERY_CACHE_CONTROL }),
  );
}
