import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireOperator } from "../../middleware/operator.ts";
import { CATALOG_TIER, catalogRouteStates, setCatalogOverride } from "../../services/catalog-routes.ts";

// The operator switch for catalog-tier routes (SPEC §1). An override is stored in D1 and wins over
// CATALOG_ROUTES_ENABLED; `enabled: null` clears it, handing the route back to the configuration.

const RouteId = z.enum(CATALOG_TIER as [string, ...string[]]);

const Body = z.object({
  routes: z.union([z.literal("all"), z.array(RouteId).min(1)]).openapi({ example: ["enrich.email", "leads.search"] }),
  enabled: z.boolean().nullable().describe("true = on, false = off, null = clear the override (back to configuration)"),
  memo: z.string().trim().min(1).max(200).optional(),
});

const State = z.object({
  id: z.string(),
  path: z.string(),
  enabled: z.boolean(),
  source: z.enum(["operator", "config", "default"]),
  config_enabled: z.boolean(),
  override: z.object({ enabled: z.boolean(), memo: z.string().nullable(), updated_at: z.string() }).nullable(),
});

const States = z.object({ routes: z.array(State) });

const list = createRoute({
  method: "get",
  path: "/api/v1/operator/catalog-routes",
  hide: true,
  tags: ["operator"],
  summary: "Catalog-tier routes: on or off, and who decided (operator override, configuration, default)",
  middleware: [requireOperator] as const,
  responses: { 200: { description: "Every catalog-tier route", content: { "application/json": { schema: States } } }, ...errorResponses },
});

const set = createRoute({
  method: "post",
  path: "/api/v1/operator/catalog-routes",
  hide: true,
  tags: ["operator"],
  summary: "Switch catalog-tier routes on or off (or clear the override)",
  middleware: [requireOperator] as const,
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: { 200: { description: "The routes after the change", content: { "application/json": { schema: States } } }, ...errorResponses },
});

export function registerCatalogRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => c.json({ routes: await catalogRouteStates(c.env.DB, c.get("config")) }, 200));

  app.openapi(set, async (c) => {
    const body = c.req.valid("json");
    const ids = body.routes === "all" ? CATALOG_TIER : CATALOG_TIER.filter((id) => (body.routes as string[]).includes(id));
    await setCatalogOverride(c.env.DB, ids, body.enabled, { requestId: c.get("requestId"), memo: body.memo ?? null });
    return c.json({ routes: await catalogRouteStates(c.env.DB, c.get("config")) }, 200);
  });
}
