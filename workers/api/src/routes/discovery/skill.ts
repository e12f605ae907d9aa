import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { DISCOVERY_CACHE_CONTROL, publicBase, type PaymentConfigResolver } from "./catalog-view.ts";
import { skillMarkdown } from "./guide.ts";
import { routeIndex } from "./route-index.ts";

const route = createRoute({
  method: "get",
  path: "/skill.md",
  operationId: "skillGuide",
  tags: ["discovery"],
  summary: "Agent guide in Markdown: minting, billing, x402 client setup, jobs, callbacks, every route, every error code with its next action",
  responses: {
    200: { description: "The guide", content: { "text/markdown": { schema: z.string() } } },
    ...errorResponses,
  },
});

export function registerSkill(app: OpenAPIHono<AppEnv>, resolve: PaymentConfigResolver) {
  app.openapi(route, async (c) => {
    const text = skillMarkdown(await resolve(c), publicBase(c), routeIndex(app));
    return c.body(text, 200, {
      "Content-Type": "text/markdown; charset=utf-8",
      "Cache-Control": DISCOVERY_CACHE_CONTROL,
    });
  });
}
