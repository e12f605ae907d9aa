import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { X402_VERSION, type PaymentConfig } from "@411data/x402";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { bazaarItems, DISCOVERY_CACHE_CONTROL, liveCatalogRoutes, publicBase, type PaymentConfigResolver } from "./catalog-view.ts";

// The list a Bazaar facilitator serves at /discovery/resources, served by the resource server
// itself so agents can find the routes without anyone having paid through a facilitator first.

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const Query = z.object({
  // Facilitator clients send `type=http` (and payTo/scheme/network, which need no filtering here).
  type: z.string().max(32).optional().describe("resource type; only `http` resources exist"),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Item = z
  .object({
    resource: z.string(),
    type: z.literal("http"),
    x402Version: z.literal(2),
    accepts: z.array(z.record(z.string(), z.unknown())),
    lastUpdated: z.number().int().describe("unix seconds"),
    description: z.string().optional(),
    mimeType: z.string().optional(),
    serviceName: z.string().optional(),
    tags: z.array(z.string()).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("BazaarResource");

const List = z
  .object({
    x402Version: z.literal(2),
    items: z.array(Item),
    pagination: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }),
  })
  .openapi("BazaarResourceList");

export function resourceList(pc: PaymentConfig, origin: string, q: { type?: string; limit: number; offset: number }, enabled?: ReadonlySet<string>) {
  const all = q.type === undefined || q.type === "http" ? bazaarItems(pc, origin, enabled) : [];
  return {
    x402Version: X402_VERSION as 2,
    items: all.slice(q.offset, q.offset + q.limit),
    pagination: { limit: q.limit, offset: q.offset, total: all.length },
  };
}

const route = createRoute({
  method: "get",
  path: "/discovery/resources",
  operationId: "discoveryResources",
  tags: ["discovery"],
  summary: "Bazaar discovery list: the sync paid routes, and async jobs as a separate `upto` resource",
  request: { query: Query },
  responses: {
    200: { description: "A page of resources", content: { "application/json": { schema: List } } },
    ...errorResponses,
  },
});

export function registerResources(app: OpenAPIHono<AppEnv>, resolve: PaymentConfigResolver) {
  app.openapi(route, async (c) => {
    const list = resourceList(await resolve(c), publicBase(c), c.req.valid("query"), await liveCatalogRoutes(c));
    c.header("Cache-Control", DISCOVERY_CACHE_CONTROL);
    return c.json(list, 200);
  });
}
