import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";

const Health = z.object({ status: z.literal("ok"), time: z.string() }).openapi("Health");

const route = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "health",
  tags: ["meta"],
  summary: "Liveness: answers without touching storage",
  responses: { 200: { description: "The Worker is up", content: { "application/json": { schema: Health } } } },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => c.json({ status: "ok" as const, time: new Date().toISOString() }, 200));
}
